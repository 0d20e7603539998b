//! Hundreds of deterministic random edits of the example policy: lines
//! deleted, duplicated, truncated, and stray YAML and template syntax
//! inserted. Each must compile or fail with located diagnostics, render when
//! it compiles, and never panic or hang.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use policyc::load::Source;
use policyc::render::{Format, Overrides, RenderOptions, renderer};

/// A small deterministic generator (64-bit LCG), so every run makes the same edits.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    /// A byte offset between two characters of `line`, or at either end.
    fn place_in(&mut self, line: &str) -> usize {
        line.char_indices()
            .nth(self.below(line.chars().count() + 1))
            .map_or(line.len(), |(i, _)| i)
    }

    fn below(&mut self, n: usize) -> usize {
        self.next() % n.max(1)
    }
}

const STRAY: [&str; 14] = [
    "{{",
    "}}",
    "{% if %}",
    "{{ ref(id=\"nowhere\") }}",
    "&anchor",
    "*alias",
    ": :",
    "- - -",
    "\t",
    "\"unclosed",
    "[",
    "{",
    "collected: maybe",
    "{{ contact() }}",
];

fn mutate(text: &str, rng: &mut Lcg) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(lines.len());
        match rng.below(5) {
            0 => {
                lines.remove(at);
            }
            1 => {
                let l = lines[at].clone();
                lines.insert(at, l);
            }
            2 => {
                let cut = rng.place_in(&lines[at]);
                lines[at].truncate(cut);
            }
            3 => {
                let l = &lines[at];
                let pos = rng.place_in(l);
                let stray = STRAY[rng.below(STRAY.len())];
                lines[at] = format!("{}{stray}{}", &l[..pos], &l[pos..]);
            }
            _ => {
                let other = lines[rng.below(lines.len())].clone();
                lines.insert(at, other);
            }
        }
        if lines.is_empty() {
            break;
        }
    }
    lines.join("\n")
}

/// The example policy the edits start from.
fn example_policy() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/privacy.yaml"
    ))
    .unwrap()
}

#[test]
fn random_edits_never_panic_or_hang() {
    let original = example_policy();
    let mut rng = Lcg(20261122);
    let (mut compiled, mut failed) = (0, 0);
    let templates = Overrides::new();
    let options = RenderOptions {
        width: 80,
        templates: &templates,
    };
    for i in 0..400 {
        let text = mutate(&original, &mut rng);
        let source = Source::new(format!("mutant-{i}.yaml"), text);
        match policyc::compile(&source) {
            Ok(c) => {
                compiled += 1;
                for format in Format::ALL {
                    renderer(format, &options).unwrap().render(&c.doc).unwrap();
                }
            }
            Err(diags) => {
                failed += 1;
                assert!(!diags.is_empty(), "mutant {i} failed without a message");
                for d in &diags {
                    assert!(!d.message.is_empty(), "mutant {i}: an empty message");
                    let shown = d.render(&source, false);
                    assert!(
                        shown.contains(&format!("mutant-{i}.yaml")),
                        "mutant {i}: {shown}"
                    );
                }
            }
        }
    }
    // Both outcomes occur, or the edits are not exercising anything.
    assert!(
        compiled > 20 && failed > 100,
        "{compiled} compiled, {failed} failed"
    );
}
