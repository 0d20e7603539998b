//! Any bytes as a policy: load, resolve and render every format without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policyc::load;
use policyc::render::{Format, Overrides, RenderOptions, renderer};

fuzz_target!(|data: &[u8]| {
    let (source, problem) = load::from_bytes("fuzz.yaml".into(), std::path::Path::new("fuzz.yaml"), data.to_vec());
    if problem.is_some() {
        return;
    }
    if let Ok(compiled) = policyc::compile(&source) {
        let templates = Overrides::new();
        let options = RenderOptions { width: 40, templates: &templates };
        for format in Format::ALL {
            let rendered = renderer(format, &options).and_then(|r| r.render(&compiled.doc));
            // The Markdown check refusing would mean the writer let markup through.
            if let Err(err) = rendered {
                assert!(!err.to_string().contains("would publish"), "{err:#}");
            }
        }
    }
});
