//! Any text as a policy body, a table cell or a plain text: the Markdown
//! policyc writes from it must pass the check the published site relies on
//! (no raw HTML, no unsafe link, no heading attribute), read as mdBook reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policyc::render::cmark;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let body = cmark::write(&cmark::body_events(text, false)).expect("writes");
    assert_eq!(cmark::check(&body, false), Ok(()), "body {text:?} gave {body:?}");
    let cell = cmark::write(&cmark::inline_events(text, false)).expect("writes");
    assert_eq!(cmark::check(&cell, false), Ok(()), "cell {text:?} gave {cell:?}");
    let plain = cmark::escape_text(text, true);
    assert_eq!(cmark::check(&plain, false), Ok(()), "text {text:?} gave {plain:?}");
    let span = cmark::code_span(text);
    assert_eq!(cmark::check(&span, false), Ok(()), "code span {text:?} gave {span:?}");
    let block = cmark::code_block("text", text);
    assert_eq!(cmark::check(&block, false), Ok(()), "code block {text:?} gave {block:?}");
});
