//! The check report in its three formats: human (rustc-style), JSON (the
//! contract of DESIGN.md §4) and GitHub workflow annotations.

use std::fmt::Write as _;

use serde::Serialize;

use super::FileFindings;

/// The formats of `policyc check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style: the source line, a caret and a hint.
    Human,
    /// `{"findings": [...]}` for machines.
    Json,
    /// GitHub Actions workflow commands, which annotate the pull request.
    Github,
}

pub fn render(files: &[FileFindings], format: Format, color: bool) -> String {
    match format {
        Format::Human => human(files, color),
        Format::Json => json(files),
        Format::Github => github(files),
    }
}

fn human(files: &[FileFindings], color: bool) -> String {
    let mut out = String::new();
    let (mut errors, mut warnings, mut waived) = (0, 0, 0);
    for file in files {
        for f in &file.findings {
            match &f.waived {
                None => {
                    let _ = writeln!(out, "{}", f.diag.render(&file.source, color));
                }
                Some(reason) => {
                    waived += 1;
                    let _ = writeln!(
                        out,
                        "waived[{}]: {} (reason: {reason})\n",
                        f.diag.rule.unwrap_or(crate::rules::id::SYNTAX).as_str(),
                        f.diag.short(&file.source.name)
                    );
                }
            }
        }
        let (e, w) = file.counts();
        errors += e;
        warnings += w;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        out,
        "checked {}: {}, {}{}",
        plural(files.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
        if waived > 0 {
            format!(", {waived} waived")
        } else {
            String::new()
        }
    );
    out
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: String,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waived: Option<&'a str>,
}

fn json(files: &[FileFindings]) -> String {
    let findings: Vec<JsonFinding> = files
        .iter()
        .flat_map(|file| {
            file.findings.iter().map(|f| JsonFinding {
                rule: f.diag.rule.unwrap_or(crate::rules::id::SYNTAX).as_str(),
                severity: f.diag.severity.to_string(),
                file: f
                    .diag
                    .source
                    .as_ref()
                    .map_or(file.source.name.as_str(), |s| s.name.as_str()),
                line: f.diag.pos.line,
                column: f.diag.pos.column,
                message: &f.diag.message,
                help: f.diag.help.as_deref(),
                waived: f.waived.as_deref(),
            })
        })
        .collect();
    #[derive(Serialize)]
    struct Report<'a> {
        findings: Vec<JsonFinding<'a>>,
    }
    // Keys stay in the order DESIGN.md §4 shows them.
    let mut out = serde_json::to_string_pretty(&Report { findings })
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// `::error file=F,line=L,col=C,title=T::message`, escaped as GitHub asks.
fn github(files: &[FileFindings]) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for file in files {
        for f in file.findings.iter().filter(|f| f.waived.is_none()) {
            let d = &f.diag;
            let name = d
                .source
                .as_ref()
                .map_or(file.source.name.as_str(), |s| s.name.as_str());
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                let _ = write!(message, "\nhelp: {help}");
            }
            let _ = writeln!(
                out,
                "::{} file={},line={},col={},title={}::{}",
                d.severity,
                property(name),
                d.pos.line.max(1),
                d.pos.column.max(1),
                property(&format!(
                    "policyc {}",
                    d.rule.unwrap_or(crate::rules::id::SYNTAX)
                )),
                data(&message)
            );
        }
    }
    out
}
