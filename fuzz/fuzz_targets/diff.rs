//! Any two policies (the input split at its first NUL byte): compile both, diff
//! them and render every report format without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policyc::load::Source;
use policyc::report::{Format, Options, render};

fuzz_target!(|data: &[u8]| {
    let Some(split) = data.iter().position(|b| *b == 0) else { return };
    let (Ok(old), Ok(new)) = (std::str::from_utf8(&data[..split]), std::str::from_utf8(&data[split + 1..])) else {
        return;
    };
    let (Ok(old), Ok(new)) = (policyc::compile(&Source::new("old.yaml", old)), policyc::compile(&Source::new("new.yaml", new))) else {
        return;
    };
    let report = policyc::diff::diff(&old.doc, &new.doc);
    for format in [Format::Text, Format::Md, Format::Html, Format::Json, Format::Notice] {
        let _ = render(&report, format, Options::default());
    }
    // The report's escaping alone, before the check that would catch a slip.
    let md = policyc::report::markdown_unchecked(&report, Options::default());
    assert_eq!(policyc::render::cmark::check(&md, false), Ok(()), "{md}");
});
