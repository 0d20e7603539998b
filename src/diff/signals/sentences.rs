//! A policy's prose as the prose rules read it: each text (the lead, each
//! section's body) cut into the sentences a reader sees.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{has, normal, vocabulary};
use crate::doc::{Block, Document, Node};

/// A text of a policy (the lead or a section's body), as sentences.
pub struct Unit<'a> {
    pub path: String,
    pub label: String,
    pub section: Option<String>,
    /// The section's title, normal: "Who we share your data with" makes
    /// every sentence under it about sharing.
    pub title: String,
    pub sentences: Vec<String>,
    /// Each sentence, normal (see [`normal`]).
    pub normals: Vec<String>,
    /// For each sentence, the normal header of its table column, or "".
    pub columns: Vec<String>,
    /// How many blocks of the text are not prose (the CCPA table).
    pub tables: usize,
    /// The text's blocks, read again only where a move must be checked.
    blocks: &'a [Block],
}

impl Unit<'_> {
    /// The text as read (see [`crate::diff::read::visible`]), blocks apart.
    fn visible(&self) -> String {
        visible(self.blocks)
    }

    /// Whether the text has nothing a reader reads.
    fn is_empty(&self) -> bool {
        self.normals.is_empty() && self.tables == 0 && self.visible().is_empty()
    }
}

pub fn units(doc: &Document) -> Vec<Unit<'_>> {
    let (lead, columns) = sentences(&doc.lead);
    let mut out = vec![Unit {
        path: "lead".into(),
        label: "the introduction (lead)".into(),
        section: None,
        title: String::new(),
        normals: lead.iter().map(|s| normal(s)).collect(),
        sentences: lead,
        columns,
        tables: tables(&doc.lead),
        blocks: &doc.lead,
    }];
    fn walk<'a>(nodes: &'a [Node], out: &mut Vec<Unit<'a>>) {
        for node in nodes {
            // A summary of changes tells of changes made elsewhere; its
            // sentences are not themselves new practices.
            let title = normal(&node.title);
            if sums_up_changes(&title) {
                continue;
            }
            let label = match &node.number {
                Some(n) => format!("Section {n} ({})", node.title),
                None => format!("\u{201c}{}\u{201d}", node.title),
            };
            let (sentences, columns) = sentences(&node.body);
            out.push(Unit {
                path: format!("sections.{}.body", node.id),
                label,
                section: Some(node.id.clone()),
                title,
                normals: sentences.iter().map(|s| normal(s)).collect(),
                sentences,
                columns,
                tables: tables(&node.body),
                blocks: &node.body,
            });
            walk(&node.children, out);
        }
    }
    walk(&doc.sections, &mut out);
    walk(&doc.supplements, &mut out);
    out
}

/// Whether a normal section title names a summary of changes ("What's new").
fn sums_up_changes(title: &str) -> bool {
    vocabulary().changelog_titles.iter().any(|t| has(title, t))
}

/// The texts and sections whose edits only moved sentences: every sentence
/// they gained was already in the old policy and every one they lost is
/// still in the new one, as when a bold line becomes a heading over text
/// that was there before.
#[derive(Default)]
pub struct Moved {
    /// Paths of texts: "lead", "sections.ID.body".
    pub texts: BTreeSet<String>,
    /// Ids of sections.
    pub sections: BTreeSet<String>,
}

pub fn moved_only(old_units: &[Unit], new_units: &[Unit]) -> Moved {
    // A heading is text too: a bold line made a heading is still there.
    let all = |units: &[Unit]| -> HashSet<String> {
        let sentences = units.iter().flat_map(|u| u.normals.iter().cloned());
        let tables = units
            .iter()
            .filter(|u| u.tables > 0)
            .map(|_| TABLE.to_string());
        let titles = units.iter().map(|u| u.title.clone());
        sentences.chain(tables).chain(titles).collect()
    };
    let (old_all, new_all) = (all(old_units), all(new_units));
    fn by_path<'u, 'a>(units: &'u [Unit<'a>]) -> BTreeMap<&'u String, &'u Unit<'a>> {
        units.iter().map(|u| (&u.path, u)).collect()
    }
    let (old_by_path, new_by_path) = (by_path(old_units), by_path(new_units));
    let mut out = Moved::default();
    let paths: BTreeSet<&String> = old_by_path
        .keys()
        .chain(new_by_path.keys())
        .copied()
        .collect();
    for path in paths {
        let (was, is) = (
            old_by_path.get(path).copied(),
            new_by_path.get(path).copied(),
        );
        let lost = extra(was, is);
        let gained = extra(is, was);
        let unit = is.or(was).expect("a path of one version");
        // A section added over old text moved it only if its heading was in
        // the old version too (a bold line made a heading): a new heading is
        // new text, which says what the text under it is about.
        let heading_kept = was.is_some() || is.is_none() || old_all.contains(&unit.title);
        let moved = if lost.is_empty() && gained.is_empty() {
            // Sentences only reordered within a text are for a reviewer; a
            // heading over no text moved only if the other version has it.
            let other = if is.is_some() { &old_all } else { &new_all };
            let empty = |u: Option<&Unit>| u.is_none_or(Unit::is_empty);
            empty(was) && empty(is) && other.contains(&unit.title)
        } else {
            heading_kept
                && lost.iter().all(|(_, n)| new_all.contains(*n))
                && gained.iter().all(|(_, n)| old_all.contains(*n))
                // Nothing else changed: no word outside the moved sentences.
                && residue(was, &lost).is_some_and(|r| residue(is, &gained) == Some(r))
        };
        if moved {
            out.texts.insert(path.clone());
            out.sections.extend(unit.section.clone());
        }
    }
    out
}

/// What stands for a table in a text's sentences and its visible text.
const TABLE: &str = "\u{0}table";

/// The sentences of `a`'s text (raw and normal) that `b`'s text does not
/// have as many times, tables included.
fn extra<'a>(a: Option<&'a Unit>, b: Option<&Unit>) -> Vec<(&'a str, &'a str)> {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for n in b.iter().flat_map(|u| &u.normals) {
        *left.entry(n.as_str()).or_default() += 1;
    }
    *left.entry(TABLE).or_default() += b.map_or(0, |u| u.tables);
    let Some(a) = a else { return Vec::new() };
    let tables = std::iter::repeat_n((TABLE, TABLE), a.tables);
    let sentences = a.sentences.iter().zip(&a.normals);
    let all = sentences
        .map(|(s, n)| (s.as_str(), n.as_str()))
        .chain(tables);
    all.filter(|(_, n)| match left.get_mut(n) {
        Some(k) if *k > 0 => {
            *k -= 1;
            false
        }
        _ => true,
    })
    .collect()
}

/// A text's visible words without the given sentences, with the breaks
/// between blocks that are left; `None` when a sentence is not found whole.
fn residue(unit: Option<&Unit>, without: &[(&str, &str)]) -> Option<String> {
    let visible = unit.map_or(String::new(), Unit::visible);
    // The sentences come in the text's order: one pass, from where the last
    // one was found (a long text with many moved sentences stays linear).
    let (mut text, mut from) = (String::with_capacity(visible.len()), 0);
    for (raw, _) in without.iter().filter(|(_, n)| *n != TABLE) {
        let at = from + visible[from..].find(raw)?;
        text.push_str(&visible[from..at]);
        text.push(' ');
        from = at + raw.len();
    }
    text.push_str(&visible[from..]);
    let tables = without.iter().filter(|(_, n)| *n == TABLE).count();
    let text = text.replacen(TABLE, " ", tables);
    let mut words: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        if word == "\u{b6}" && words.last().is_none_or(|w| *w == "\u{b6}") {
            continue;
        }
        words.push(word);
    }
    if words.last() == Some(&"\u{b6}") {
        words.pop();
    }
    Some(words.join(" "))
}

/// The sentences of Markdown blocks as a reader sees them: each paragraph,
/// list item or cell cut after `.`, `!`, `?` or `;` before a capital; and
/// for each, the normal header of its table column, if any, which says what
/// a cell without a verb is ("Data we collect").
fn sentences(blocks: &[Block]) -> (Vec<String>, Vec<String>) {
    let mut reader = Reader::default();
    for block in blocks {
        let Block::Markdown(md) = block else { continue };
        for event in Parser::new_ext(md, crate::render::markup::options()) {
            reader.event(event);
        }
        reader.flush();
    }
    (reader.out, reader.columns)
}

/// Reads Markdown events into sentences and their columns' headers.
#[derive(Default)]
struct Reader {
    out: Vec<String>,
    columns: Vec<String>,
    text: String,
    header: Vec<String>,
    in_table: bool,
    in_head: bool,
    cell: usize,
}

impl Reader {
    fn flush(&mut self) {
        let from = self.out.len();
        split_sentences(&self.text, &mut self.out);
        self.text.clear();
        let column = match self.in_table && !self.in_head {
            true => self.header.get(self.cell).map_or("", String::as_str),
            false => "",
        };
        self.columns.resize(from, String::new());
        self.columns.resize(self.out.len(), column.to_string());
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Text(t) | Event::Code(t) => self.text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            // A `<br>` in a cell breaks a line, as in a list of items.
            Event::InlineHtml(h) if is_break(&h) => self.text.push(' '),
            Event::Start(Tag::Table(_)) => (self.in_table, self.header) = (true, Vec::new()),
            Event::End(TagEnd::Table) => self.in_table = false,
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => self.in_head = false,
            Event::Start(Tag::TableRow) => self.cell = 0,
            Event::End(TagEnd::TableCell) => {
                if self.in_head {
                    self.header.push(normal(&self.text));
                }
                self.flush();
                self.cell += 1;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => self.flush(),
            _ => {}
        }
    }
}

/// The visible words of a text's blocks, a table as [`TABLE`].
fn visible(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Markdown(md) => crate::diff::read::visible(md),
            _ => TABLE.to_string(),
        })
        .collect();
    parts.join(" \u{b6} ")
}

/// How many blocks of a text are not Markdown.
fn tables(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .filter(|b| !matches!(b, Block::Markdown(_)))
        .count()
}

/// Whether inline HTML is a line break (`<br>`, `<br/>`, `<br />`).
fn is_break(html: &str) -> bool {
    let tag: String = html.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(tag.to_ascii_lowercase().as_str(), "<br>" | "<br/>")
}

pub fn split_sentences(text: &str, out: &mut Vec<String>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let ends = matches!(c, '.' | '!' | '?' | ';')
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_whitespace())
            && chars
                .get(i + 2)
                .is_some_and(|(_, n)| n.is_uppercase() || n.is_ascii_digit())
            && !(c == '.' && abbreviation(&text[start..at]));
        if ends {
            push_sentence(&text[start..at + c.len_utf8()], out);
            start = at + c.len_utf8();
        }
    }
    push_sentence(&text[start..], out);
}

/// Whether text ends with an abbreviation whose period ends no sentence
/// ("the U.S. Department of Commerce", "e.g. Google").
fn abbreviation(before: &str) -> bool {
    const SHORT: [&str; 15] = [
        "U.S", "U.K", "E.U", "e.g", "i.e", "Mr", "Mrs", "Ms", "Dr", "vs", "St", "z.B", "d.h",
        "bzw", "Nr",
    ];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '-')
        .next()
        .unwrap_or("");
    SHORT.contains(&word)
}

fn push_sentence(s: &str, out: &mut Vec<String>) {
    let s = crate::diff::read::without_footnote_marks(s);
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
        out.push(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_cut_where_a_reader_would() {
        let mut out = Vec::new();
        split_sentences(
            "We collect data. We use it; Others too. e.g. this stays. Under the EU-U.S. Data Privacy Framework.",
            &mut out,
        );
        assert_eq!(
            out,
            [
                "We collect data.",
                "We use it;",
                "Others too. e.g. this stays.",
                "Under the EU-U.S. Data Privacy Framework."
            ]
        );
    }

    #[test]
    fn a_cell_reads_its_lines_as_words_and_knows_its_column() {
        let md = "| Purpose | Data we collect |\n| --- | --- |\n| Safety | Phone number<br>Copy of ID |\n";
        let (sentences, columns) = sentences(&[Block::Markdown(md.into())]);
        assert_eq!(
            sentences,
            [
                "Purpose",
                "Data we collect",
                "Safety",
                "Phone number Copy of ID"
            ]
        );
        assert_eq!(columns, ["", "", " purpose ", " data we collect "]);
    }
}
