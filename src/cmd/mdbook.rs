//! `policyc mdbook`: the mdBook 0.5 preprocessor. mdBook sends `[context, book]`
//! as JSON on stdin and reads the book back on stdout; chapters may contain
//! `{{#policy PATH}}`, `{{#policy-history PATH}}` (add ` git` for the git
//! history) and `{{#policy-rules}}`. Paths are relative to the book's root.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::Value;

use super::{Reporter, compile_file, history, render_one};
use crate::cli::MdbookArgs;
use crate::exit;
use crate::render::{Format, Overrides, RenderOptions};

pub fn run(args: &MdbookArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    if let [supports, _renderer] = args.supports.as_slice() {
        // The policy becomes Markdown, which every renderer reads.
        return Ok(if supports == "supports" {
            exit::SUCCESS
        } else {
            exit::BAD_INPUT
        });
    }
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("cannot read the book from mdBook")?;
    match preprocess(&input, reporter)? {
        Some(book) => {
            super::print(book.as_bytes())?;
            Ok(exit::SUCCESS)
        }
        None => Ok(exit::BAD_INPUT),
    }
}

/// The book mdBook sent (`[context, book]` as JSON) with its chapters'
/// markers expanded, as JSON; `None` when a marker failed (already reported).
pub fn preprocess(input: &str, reporter: &Reporter) -> anyhow::Result<Option<String>> {
    let (context, mut book): (Value, Value) =
        serde_json::from_str(input).context("mdBook sent something other than [context, book]")?;
    // Anything but mdBook's shapes is refused, not passed through.
    let (Some(root), Some(key)) = (
        context.get("root").and_then(Value::as_str),
        ["items", "sections"]
            .into_iter()
            .find(|k| book.get(k).is_some_and(Value::is_array)),
    ) else {
        anyhow::bail!(
            "mdBook sent something other than [context, book]: the context needs a `root` and the book a list of `items`"
        );
    };
    let version = context["mdbook_version"].as_str().unwrap_or("");
    if !version.starts_with("0.5.") {
        reporter.status(&format!(
            "warning: policyc speaks mdBook 0.5's preprocessor protocol; this is mdBook {version}"
        ));
    }
    let root = PathBuf::from(root);
    let mut failed = false;
    if let Some(items) = book.get_mut(key).and_then(Value::as_array_mut) {
        for item in items {
            expand_item(item, &root, reporter, &mut failed)?;
        }
    }
    if failed {
        return Ok(None);
    }
    let text = serde_json::to_string(&book).context("cannot write the book back")?;
    Ok(Some(text))
}

fn expand_item(
    item: &mut Value,
    root: &Path,
    reporter: &Reporter,
    failed: &mut bool,
) -> anyhow::Result<()> {
    let Some(chapter) = item.get_mut("Chapter") else {
        return Ok(());
    };
    if let Some(content) = chapter.get("content").and_then(Value::as_str)
        && content.contains("{{#policy")
    {
        let expanded = expand(content, root, reporter, failed)?;
        chapter["content"] = Value::String(expanded);
    }
    if let Some(subs) = chapter.get_mut("sub_items").and_then(Value::as_array_mut) {
        for sub in subs {
            expand_item(sub, root, reporter, failed)?;
        }
    }
    Ok(())
}

/// Replaces each `{{#policy... }}` directive of a chapter.
fn expand(
    content: &str,
    root: &Path,
    reporter: &Reporter,
    failed: &mut bool,
) -> anyhow::Result<String> {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(start) = rest.find("{{#policy") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        // `\{{#policy ...}}` is the directive written out, as with mdBook's own `\{{#include}}`.
        if rest[..start].ends_with('\\') {
            out.push_str(&rest[..start - 1]);
            out.push_str(&rest[start..start + len + 2]);
            rest = &rest[start + len + 2..];
            continue;
        }
        out.push_str(&rest[..start]);
        let directive = rest[start + 2..start + len].trim();
        let mut words = directive.split_whitespace();
        let name = words.next().unwrap_or("");
        let arg = words.next().map(|p| in_book(root, p));
        let git = words.next() == Some("git");
        let replacement = match (name, arg) {
            (_, Some(Err(err))) => {
                reporter.status(&format!("error: in `{{{{{directive}}}}}`: {err:#}"));
                None
            }
            ("#policy", Some(Ok(path))) => policy_markdown(&path, reporter)?,
            ("#policy-history", Some(Ok(path))) => history::page(&path, git, reporter)?,
            ("#policy-rules", None) => Some(super::check::rules_table()),
            _ => {
                reporter.status(&format!("error: unknown or incomplete directive `{{{{{directive}}}}}`; use {{{{#policy PATH}}}}, {{{{#policy-history PATH}}}} or {{{{#policy-rules}}}}"));
                None
            }
        };
        match replacement {
            Some(text) => out.push_str(&text),
            None => *failed = true,
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A path a chapter names, relative to the book's root and inside it (a
/// chapter in a pull request must not publish `../../etc/passwd`).
fn in_book(root: &Path, path: &str) -> anyhow::Result<PathBuf> {
    let real_root = root
        .canonicalize()
        .with_context(|| format!("cannot find the book's root {}", root.display()))?;
    crate::load::confined(&real_root, &root.join(path))?;
    Ok(root.join(path))
}

/// The policy exactly as `policyc render --format md` prints it.
fn policy_markdown(path: &Path, reporter: &Reporter) -> anyhow::Result<Option<String>> {
    let Some(doc) = compile_file(path, reporter)? else {
        return Ok(None);
    };
    let options = RenderOptions {
        width: 80,
        templates: &Overrides::new(),
    };
    let bytes = render_one(&doc, Format::Md, &options)?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}
