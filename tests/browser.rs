//! The HTML page in a real browser: headless Chromium loads the example policy
//! and follows every table-of-contents link. Skipped, with a message, where
//! Chromium is not installed (.ci/run installs it).
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{chromium, dump_dom, render, require};

/// Clicks every link of the table of contents and checks that its section is
/// then at the top of the window (or the page cannot scroll further).
const TOC_CHECK: &str = r##"<script>
window.addEventListener('load', () => {
  const problems = [];
  const links = document.querySelectorAll('nav.toc a[href^="#"]');
  for (const a of links) {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    const target = document.getElementById(id);
    if (!target) { problems.push('missing:' + id); continue; }
    a.click();
    const top = target.getBoundingClientRect().top;
    const atBottom = Math.ceil(window.innerHeight + window.scrollY) >= document.documentElement.scrollHeight - 1;
    if ((top < -2 || top > 40) && !atBottom) problems.push('off:' + id + ':' + Math.round(top));
  }
  document.body.setAttribute('data-toc', problems.length ? problems.join(' ') : 'ok ' + links.length);
});
</script>
</body>"##;

#[test]
fn table_of_contents_links_land_on_their_sections() {
    let Some(chromium) = require("Chromium", chromium()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("privacy.html");
    let html = render("policies/privacy.yaml", "html", &[]).replace("</body>", TOC_CHECK);
    std::fs::write(&page, html).unwrap();
    for width in [390, 1280] {
        let dom = dump_dom(&chromium, &page, width);
        let start = dom
            .find("data-toc=\"")
            .unwrap_or_else(|| panic!("the check did not run at width {width}:\n{dom}"))
            + 10;
        let result = &dom[start..start + dom[start..].find('"').unwrap()];
        assert!(result.starts_with("ok "), "at width {width}: {result}");
        let links: usize = result[3..].parse().unwrap();
        assert!(links >= 10, "only {links} links");
    }
}
