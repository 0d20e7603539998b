//! The JSON report, the contract of DESIGN.md §4.

use crate::diff::Report;

pub fn render(report: &Report) -> String {
    // The report holds only strings, numbers, booleans and lists: it always serializes.
    let mut out =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
