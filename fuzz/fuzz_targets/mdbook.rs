//! Any chapter text (and any input at all) through the mdBook preprocessor:
//! no panic, and markers read nothing outside the book's root.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policyc::cmd::{Reporter, mdbook};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let reporter = Reporter::quiet();
    // As sent, and as one chapter's content in a well-formed book.
    let _ = mdbook::preprocess(text, &reporter);
    let book = serde_json::json!([
        {"root": ".", "mdbook_version": "0.5.4", "config": {}, "renderer": "html"},
        {"items": [{"Chapter": {"name": "c", "content": text, "sub_items": []}}]}
    ]);
    let _ = mdbook::preprocess(&book.to_string(), &reporter);
});
