//! Writing an imported policy as the YAML source a legal team edits: texts as
//! literal blocks (`|`) wherever YAML gives them back unchanged, quoted
//! otherwise, so that every text reads back exactly as written.

use std::fmt::Write as _;

/// A YAML document being written, line by line.
#[derive(Default)]
pub struct Yaml {
    out: String,
}

impl Yaml {
    pub fn finish(self) -> String {
        self.out
    }

    pub fn comment(&mut self, text: &str) {
        let _ = writeln!(self.out, "# {text}");
    }

    /// `key: value` for a plain word (an id, a date, a keyword).
    pub fn word(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.out, "{}{key}: {value}", " ".repeat(indent));
    }

    /// `key:` opening a mapping or list.
    pub fn open(&mut self, indent: usize, key: &str) {
        let _ = writeln!(self.out, "{}{key}:", " ".repeat(indent));
    }

    /// `- key: value`, the first key of a list item.
    pub fn item_word(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.out, "{}- {key}: {value}", " ".repeat(indent));
    }

    /// `- "text"`, a list item.
    pub fn quoted_item(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{}- {}", " ".repeat(indent), quote(text));
    }

    /// `- {...}`, a list item written as a flow mapping.
    pub fn flow_item(&mut self, indent: usize, flow: &str) {
        let _ = writeln!(self.out, "{}- {flow}", " ".repeat(indent));
    }

    /// `key: "text"` on one line.
    pub fn quoted(&mut self, indent: usize, key: &str, text: &str) {
        let _ = writeln!(self.out, "{}{key}: {}", " ".repeat(indent), quote(text));
    }

    /// `key: |` and the text below it, or the text quoted when a block would
    /// not give it back unchanged.
    pub fn text(&mut self, indent: usize, key: &str, text: &str) {
        match block(text, indent + 2) {
            Some(block) => {
                let _ = write!(self.out, "{}{key}: {block}", " ".repeat(indent));
            }
            None => self.quoted(indent, key, text),
        }
    }
}

/// A string as a YAML double-quoted scalar (JSON's quoting is valid YAML).
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// `|` and the text's lines indented, when YAML reads that back as the text
/// (less its final line break, which policy texts do not keep).
fn block(text: &str, indent: usize) -> Option<String> {
    let text = text.trim_end_matches(['\n', ' ', '\t']);
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    // Leading spaces on the first line, tabs, or characters YAML may not
    // hold in a block: quoted instead.
    let unsafe_char = text
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{feff}');
    if first.starts_with([' ', '\t']) || unsafe_char || text.contains('\r') {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::from("|\n");
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
    // A line of spaces inside the text would not come back as written.
    let spaces_only = text.lines().any(|l| !l.is_empty() && l.trim().is_empty());
    (!spaces_only && reads_back(&out, text)).then_some(out)
}

/// Whether YAML reads a block scalar back as `text`.
fn reads_back(block: &str, text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct One {
        x: String,
    }
    let indented: String = block.lines().map(|l| format!("{l}\n")).collect();
    let doc = format!("x: {indented}");
    serde_saphyr::from_str::<One>(&doc).is_ok_and(|one| one.x.trim_end_matches('\n') == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_back_as_written() {
        for text in [
            "Plain text.",
            "**Bold** start: and `code`\n\n- a list\n- #not a comment",
            "    indented first line",
            "tab\there",
            "a line\n   \nwith spaces only between",
            "ends with spaces   ",
            "\"quoted\" and 'single' and \\ backslash",
            "carriage\r\nreturn",
            "{{ contacts.privacy.email }} and %percent",
        ] {
            let mut yaml = Yaml::default();
            yaml.text(0, "x", text);
            #[derive(serde::Deserialize)]
            struct One {
                x: String,
            }
            let back: One = serde_saphyr::from_str(&yaml.finish()).expect("valid YAML");
            assert_eq!(
                back.x.trim_end_matches('\n'),
                text.trim_end_matches(['\n', ' ', '\t']),
                "{text:?}"
            );
        }
    }
}
