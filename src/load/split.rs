//! Parsing a large policy on several cores: its top-level sections, cut into runs, each parsed on its own.
//!
//! YAML is read left to right, so one parser cannot share a file between
//! cores. But a policy's bulk is its list of top-level sections, and an entry
//! of that list means the same wherever it is parsed, as long as it is parsed
//! under the same keys with the same line numbers. So a large policy is cut at
//! entries into pieces, and each piece is parsed as a file of its own: the
//! text before `sections:` (the header, which names the list), as many empty
//! lines as the file has between the header and the piece (so that every line
//! keeps its number), and the piece. The last piece keeps the rest of the file.
//!
//! A file is cut only where the cut provably changes nothing, and a piece is
//! only trusted when it proves it was cut in the right places; otherwise, or
//! when the file has any problem at all, the whole file is parsed in one piece
//! (`load::parse_yaml`), which alone reports problems. The rules, each with
//! what it rules out:
//!
//! - a file with a carriage return that does not end a Windows line is not
//!   cut: YAML breaks lines there too, and the pieces count lines by line
//!   feeds, so a key could hide in what they take for one line;
//! - a file whose header may define an anchor (`&name`) is not cut: a piece
//!   sees the header's anchors but not those the entries before it define, so
//!   an alias after a name defined again would see the header's value;
//! - a file whose header is not YAML of its own (a quoted string or `{`
//!   mapping still open at `sections:`, which is then no key) is not cut:
//!   each piece would close it its own way;
//! - the lines that start a piece are indented exactly as the first entry and
//!   begin with `- `, so nothing more deeply nested can run across a cut;
//! - no piece starts after a line that leaves a value open (`key:`, a block
//!   scalar's `|`, a tag): where such a value is placed depends on the line
//!   after it, which a piece does not have;
//! - every piece but the last ends where the next begins, so a quoted string
//!   or `[`/`{` collection left open across a cut fails its parse at the end;
//! - each piece yields exactly as many sections as it has entry lines, each
//!   with its `id` on the piece's own lines, so the `sections:` line found is
//!   the key that owns them;
//! - an alias to an anchor of the entries before the piece has nothing to
//!   refer to and fails it;
//! - the limits that add up over a file (events, aliases, nodes, bytes) are
//!   divided between the pieces, so a file cannot get past one by being cut;
//! - a piece that makes the parser panic is not trusted either, and helpers
//!   have the main thread's stack, so a deeply nested piece does not overflow
//!   where the whole file would not.
//!
//! `random_edits_parse_the_same_in_pieces_as_whole` (tests/mutation.rs) and
//! the `compile` fuzz target compare the two parses; the fuzz target found the
//! open-value rule, and two reviews the first three rules and the stack.
//!
//! Byte offsets in the pieces' spans are not the file's (the empty lines are
//! shorter than what they stand for); lines and columns are, and nothing reads
//! the offsets.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::Deserialize;

use crate::cores::Cores;
use crate::load::Source;
use crate::model::{Policy, Section};

/// A piece smaller than this is not worth a thread: starting one, and the
/// header each piece parses again, cost more than the piece's share saves.
pub const MIN_PIECE_BYTES: usize = 128 * 1024;

/// The stack of a helper that parses a piece: the main thread's on Linux,
/// which parses a file whole, where a thread's default is 2 MiB.
const MAIN_STACK_BYTES: usize = 8 * 1024 * 1024;

/// How many pieces to cut a policy of `len` bytes into: one per core this
/// process may use (its affinity and any CPU quota), as many as are at least
/// [`MIN_PIECE_BYTES`], and no more than eight.
pub fn pieces_for(len: usize) -> usize {
    let most = (len / MIN_PIECE_BYTES).min(8);
    // Asked only when it matters: the answer takes reading cgroup files.
    if most < 2 {
        return most;
    }
    std::thread::available_parallelism().map_or(1, |cores| most.min(cores.into()))
}

/// Parses `text` in `pieces` pieces on as many threads, or gives `None` when
/// it cannot be cut or a piece cannot be trusted (see the module's docs).
/// `options` makes the whole file's options (they cannot cross threads); each
/// piece gets its share of the limits.
pub fn parse(text: &str, options: fn() -> serde_saphyr::Options, pieces: usize) -> Option<Policy> {
    if has_lone_cr(text) {
        return None;
    }
    let layout = Layout::find(text)?;
    let header = &text[..layout.header_end];
    // A header with an anchor, or one that is not YAML of its own, could make
    // a piece mean something else (see the module's docs); and every piece
    // parses the header again, so one over a quarter of the file is not worth it.
    if has_anchor(header) || header.len() * 4 > text.len() || !is_whole_yaml(header) {
        return None;
    }
    let cuts = layout.cuts(pieces);
    if cuts.len() < 2 {
        return None;
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let parsed: Vec<OnceLock<Parsed>> = cuts.iter().map(|_| OnceLock::new()).collect();
    // Each thread, the caller's too, takes the next piece until none is left,
    // so that a thread the system starts late leaves its piece to the others.
    let work = || {
        loop {
            // Last piece first: the caller, usually the first thread here,
            // takes the one that is copied and ends with the rest of the file.
            let taken = next.fetch_add(1, Ordering::Relaxed);
            if taken >= cuts.len() || failed.load(Ordering::Relaxed) {
                return;
            }
            let i = cuts.len() - 1 - taken;
            let piece = layout.piece(text, &cuts, i);
            // A piece that makes the parser panic is not trusted either: the
            // whole file's parse then meets the problem where it really is.
            let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                piece.parse(shared(options(), cuts.len()))
            }));
            match done.ok().flatten() {
                Some(done) => {
                    let _ = parsed[i].set(done);
                }
                None => failed.store(true, Ordering::Relaxed),
            }
        }
    };
    // Helpers go to cores of their own (`cores`); the caller stays put.
    let cores = Cores::here();
    std::thread::scope(|scope| {
        for helper in 1..cuts.len() {
            let (cores, work) = (&cores, &work);
            let help = move || {
                cores.settle(helper);
                work();
            };
            // A thread that cannot be started leaves its share to the caller's.
            // Each gets the main thread's stack, on which a file is parsed
            // whole: a deeply nested piece must not overflow a smaller one.
            if std::thread::Builder::new()
                .stack_size(MAIN_STACK_BYTES)
                .spawn_scoped(scope, help)
                .is_err()
            {
                break;
            }
        }
        work();
    });
    let mut sections = Vec::new();
    let mut last = None;
    for done in parsed {
        match done.into_inner()? {
            Parsed::Sections(more) => sections.extend(more),
            Parsed::Policy(policy) => last = Some(policy),
        }
    }
    let mut policy = *last?;
    sections.append(&mut policy.sections);
    policy.sections = sections;
    Some(policy)
}

/// What the pieces before the last need: their sections. Every other key
/// there is the header's, which the last piece reads in full.
#[derive(Deserialize)]
struct SectionsOnly {
    #[serde(default)]
    sections: Vec<Section>,
}

/// What one piece gave: the last piece's policy is boxed, as it is large.
enum Parsed {
    Sections(Vec<Section>),
    Policy(Box<Policy>),
}

/// Where a file's top-level sections are.
#[derive(Debug, PartialEq, Eq)]
struct Layout {
    /// The end of the `sections:` line: the header every piece repeats.
    header_end: usize,
    /// The line number (1-based) of the first line after the header.
    header_lines: usize,
    /// Every line that starts an entry.
    entries: Vec<Entry>,
    /// The line number of the first line after the list (or one past the end).
    end_line: usize,
}

/// A line that starts an entry of the list.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    /// Its byte offset and line number (1-based).
    offset: usize,
    line: usize,
    /// Whether a piece may start here: not when the line before leaves a
    /// value open (see [`leaves_value_open`]).
    cuttable: bool,
}

/// One piece: the text to parse and the entry lines it must account for.
struct Piece<'a> {
    text: std::borrow::Cow<'a, str>,
    last: bool,
    /// How many entries start in the piece, and the lines they span.
    entries: usize,
    lines: std::ops::Range<usize>,
}

impl Layout {
    /// Finds the first `sections:` line at the left margin and the entries of
    /// the block list under it, up to the first line indented less than they
    /// are (or as much, without `- `). `None` when there is no such list.
    fn find(text: &str) -> Option<Layout> {
        let mut lines = text.split_inclusive('\n');
        let mut offset = 0;
        let mut number = 0;
        for line in lines.by_ref() {
            offset += line.len();
            number += 1;
            if is_sections_key(line.trim_end_matches(['\n', '\r'])) {
                break;
            }
        }
        if offset == text.len() {
            return None;
        }
        let (header_end, header_lines) = (offset, number + 1);
        let mut indent = None;
        let mut entries = Vec::new();
        for line in lines {
            let start = offset;
            offset += line.len();
            number += 1;
            let bytes = line.as_bytes();
            // Most lines are the entries' own text, indented deeper than the
            // entries: one look at their margin is enough.
            if let Some(first) = indent
                && bytes.len() > first + 1
                && bytes[..=first].iter().all(|&b| b == b' ')
            {
                continue;
            }
            let content = line.trim_end_matches(['\n', '\r']);
            let rest = content.trim_start_matches(' ');
            if rest.trim_end().is_empty() || rest.starts_with('#') {
                continue; // blank lines and comments may sit at any indentation
            }
            let at = content.len() - rest.len();
            let is_entry = rest == "-" || rest.starts_with("- ");
            match indent {
                None if is_entry => indent = Some(at),
                None => return None,
                Some(first) if at > first => continue,
                Some(first) if at == first && is_entry => {}
                Some(_) => {
                    return Some(Layout {
                        header_end,
                        header_lines,
                        entries,
                        end_line: number,
                    });
                }
            }
            entries.push(Entry {
                offset: start,
                line: number,
                cuttable: !leaves_value_open(last_content_before(&text[..start])),
            });
        }
        Some(Layout {
            header_end,
            header_lines,
            entries,
            end_line: number + 1,
        })
    }

    /// The entries (indices into `entries`) that start each piece, the first
    /// always the first entry: byte sizes as even as the entries that may
    /// start a piece allow.
    fn cuts(&self, pieces: usize) -> Vec<usize> {
        let (Some(first), Some(last)) = (self.entries.first(), self.entries.last()) else {
            return Vec::new();
        };
        let span = (last.offset - first.offset) as u64;
        let pieces = pieces.min(self.entries.len());
        let mut cuts = vec![0];
        for k in 1..pieces {
            // In u64, so that no number of pieces overflows.
            let share = span * k as u64 / pieces as u64;
            let target = first.offset + usize::try_from(share).unwrap_or(usize::MAX);
            let from = self.entries.partition_point(|e| e.offset < target);
            let Some(at) = (from..self.entries.len()).find(|&i| self.entries[i].cuttable) else {
                break;
            };
            if at > *cuts.last().unwrap_or(&0) {
                cuts.push(at);
            }
        }
        cuts
    }

    /// Piece `i` of the cuts: the file up to the second cut for the first
    /// (its own header), the header, empty lines and the entries for the others.
    fn piece<'a>(&self, text: &'a str, cuts: &[usize], i: usize) -> Piece<'a> {
        let Entry {
            offset: start,
            line: first_line,
            ..
        } = self.entries[cuts[i]];
        // The last piece runs to the end of the file; the others to the next cut.
        let (end, entries, end_line) = match cuts.get(i + 1) {
            Some(&next) => (
                self.entries[next].offset,
                next - cuts[i],
                self.entries[next].line,
            ),
            None => (text.len(), self.entries.len() - cuts[i], self.end_line),
        };
        let text = if i == 0 {
            std::borrow::Cow::Borrowed(&text[..end])
        } else {
            let header = &text[..self.header_end];
            let blank = first_line - self.header_lines;
            let mut own = String::with_capacity(header.len() + blank + end - start);
            own.push_str(header);
            own.extend(std::iter::repeat_n('\n', blank));
            own.push_str(&text[start..end]);
            std::borrow::Cow::Owned(own)
        };
        Piece {
            text,
            last: i + 1 == cuts.len(),
            entries,
            lines: first_line..end_line,
        }
    }
}

impl Piece<'_> {
    /// Parses the piece, and trusts what it gives only when it has one section
    /// for each of its entry lines, each with its `id` on those lines.
    fn parse(&self, options: serde_saphyr::Options) -> Option<Parsed> {
        let parsed = if self.last {
            let policy = serde_saphyr::from_str_with_options(&self.text, options).ok()?;
            Parsed::Policy(Box::new(policy))
        } else {
            let only: SectionsOnly =
                serde_saphyr::from_str_with_options(&self.text, options).ok()?;
            Parsed::Sections(only.sections)
        };
        let sections = match &parsed {
            Parsed::Sections(sections) => sections,
            Parsed::Policy(policy) => &policy.sections,
        };
        let trusted = sections.len() == self.entries
            && sections
                .iter()
                .all(|s| self.lines.contains(&Source::pos_of(&s.id).line));
        trusted.then_some(parsed)
    }
}

/// Whether a line (without its indentation) ends where YAML still expects a
/// value: after `:`, `-` or `?`, a block scalar's `|` or `>`, a tag or an
/// anchor. Where such a value is said to be (an empty block scalar's place is
/// the next line's), and sometimes what it is, depends on the line after, so
/// no piece starts there. Lines of prose that merely end so (a table row's
/// `|`, a colon) only take a place from the cuts.
fn leaves_value_open(line: &str) -> bool {
    // A comment starts at a `#` after a space.
    let line = line
        .match_indices('#')
        .find(|&(at, _)| line[..at].ends_with([' ', '\t']))
        .map_or(line, |(at, _)| &line[..at])
        .trim_end();
    let header = line.trim_end_matches(|c: char| matches!(c, '+' | '-') || c.is_ascii_digit());
    let last_word = line.rsplit([' ', '\t']).next().unwrap_or("");
    line.ends_with([':', '-', '?'])
        || header.ends_with(['|', '>'])
        || last_word.starts_with(['!', '&'])
}

/// The last line before `text`'s end that is neither blank nor a comment
/// (without its indentation), or "" when there is none.
fn last_content_before(text: &str) -> &str {
    text.lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("")
}

/// Whether the header parses as YAML of its own, its `sections:` an empty
/// key. Every piece starts with it, so a header that is not YAML of its own
/// (a quoted string or a `{` mapping still open at `sections:`, which is then
/// no key at all) would let each piece close it its own way.
fn is_whole_yaml(header: &str) -> bool {
    serde_saphyr::from_str::<serde::de::IgnoredAny>(header).is_ok()
}

/// Whether `text` has a carriage return that does not end a Windows line:
/// YAML counts it as a line break of its own, and the pieces count lines by
/// line feeds.
fn has_lone_cr(text: &str) -> bool {
    text.match_indices('\r')
        .any(|(at, _)| text.as_bytes().get(at + 1) != Some(&b'\n'))
}

/// Whether `text` may define a YAML anchor (`&` then a name). Each piece sees
/// the header's anchors but not what the entries before it define, so an
/// alias after an anchor of the header's name is defined again would see the
/// header's value in a piece and the later one in the whole file. Prose such
/// as `R&D` also counts: the file is then parsed whole, which is only slower.
fn has_anchor(text: &str) -> bool {
    text.match_indices('&').any(|(at, _)| {
        text[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace())
    })
}

/// A line that is the top-level key `sections:` with a block value: nothing
/// after the colon but spaces and a comment.
fn is_sections_key(line: &str) -> bool {
    line.strip_prefix("sections:").is_some_and(|rest| {
        rest.is_empty()
            || (rest.starts_with([' ', '\t']) && {
                let rest = rest.trim_start();
                rest.is_empty() || rest.starts_with('#')
            })
    })
}

/// The options for one of `pieces` pieces: each limit that adds up over a
/// file divided between them, so that together they allow what the file is
/// allowed; the limits on one place (depth, nesting, key length) unchanged.
fn shared(mut options: serde_saphyr::Options, pieces: usize) -> serde_saphyr::Options {
    let share = |limit: &mut usize| *limit /= pieces;
    share(&mut options.alias_limits.max_total_replayed_events);
    if let Some(budget) = options.budget.as_mut() {
        share(&mut budget.max_events);
        share(&mut budget.max_aliases);
        share(&mut budget.max_anchors);
        share(&mut budget.max_nodes);
        share(&mut budget.max_total_scalar_bytes);
        share(&mut budget.max_recorded_anchor_events);
        share(&mut budget.max_recorded_anchor_bytes);
        share(&mut budget.max_merge_keys);
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A policy of `n` top-level sections with the keys a real one has
    /// around them, in the file's order: header, sections, tail.
    fn policy(n: usize) -> String {
        let mut text = String::from(
            "id: demo\ntitle: Demo\norganization:\n  name: Acme\ndates:\n  effective: 2025-03-01\n# the sections\nsections:\n",
        );
        for i in 1..=n {
            text.push_str(&format!(
                "  - id: s{i}\n    title: \"Section {i}\"\n    body: |\n      Text of section {i}.\n\n      - a list item, not an entry\n# a comment at the margin\n"
            ));
        }
        text.push_str("changelog:\n  - date: 2025-03-01\n    summary: First.\n");
        text
    }

    fn ids(policy: &Policy) -> Vec<String> {
        policy.sections.iter().map(|s| s.id.value.clone()).collect()
    }

    #[test]
    fn the_layout_is_the_entries_of_the_top_level_list() {
        let text = policy(3);
        let layout = Layout::find(&text).expect("a list");
        assert_eq!(
            &text[..layout.header_end],
            &text[..text.find("  - id: s1").unwrap()]
        );
        assert_eq!(layout.header_lines, 9);
        let lines: Vec<usize> = layout.entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, [9, 16, 23]);
        assert_eq!(layout.end_line, 30, "the changelog's line");
    }

    #[test]
    fn only_a_block_list_under_a_top_level_key_is_cut() {
        for text in [
            "id: a\nsections: []\n",
            "id: a\nsections: &all\n  - id: s1\n",
            "id: a\n  sections:\n  - id: s1\n",
            "id: a\nsections:\n  id: s1\n",
            "id: a\nsupplements:\n  - id: s1\n",
        ] {
            assert_eq!(Layout::find(text), None, "{text}");
        }
        let commented = "id: a\nsections:   # all of them\n- id: s1\n- id: s2\n";
        let layout = Layout::find(commented).expect("entries at the margin");
        assert_eq!(layout.entries.len(), 2);
    }

    #[test]
    fn pieces_are_cut_at_entries_and_give_the_sections_in_order() {
        let text = policy(10);
        for pieces in 2..=5 {
            let policy = parse(&text, crate::load::options, pieces).expect("cut");
            let want: Vec<String> = (1..=10).map(|i| format!("s{i}")).collect();
            assert_eq!(ids(&policy), want, "{pieces} pieces");
            assert_eq!(policy.changelog.len(), 1);
            // Lines are the file's, in every piece.
            let line = Source::pos_of(&policy.sections[9].title).line;
            assert_eq!(
                text.lines().nth(line - 1),
                Some("    title: \"Section 10\"")
            );
        }
    }

    /// Found by the `compile` fuzz target: an empty block scalar is placed
    /// where the next line starts, so a piece that ended after it placed it
    /// elsewhere (at the `|`) than the whole file did.
    #[test]
    fn no_piece_starts_after_a_line_that_leaves_a_value_open() {
        for open in ["|", "|-", ">+", "|2", "| # nothing yet", "!!str", "&anchor"] {
            let mut text = policy(8);
            for i in [2, 4, 6] {
                text = text.replace(
                    &format!("    body: |\n      Text of section {i}.\n\n      - a list item, not an entry\n# a comment at the margin\n"),
                    &format!("    body: {open}\n"),
                );
            }
            let layout = Layout::find(&text).expect("a list");
            let cuttable: Vec<bool> = layout.entries.iter().map(|e| e.cuttable).collect();
            assert_eq!(
                cuttable,
                // The first entry, after `sections:`, starts the first piece anyway.
                [false, true, false, true, false, true, false, true],
                "after `body: {open}`"
            );
            let whole = crate::load::parse(&Source::new("t.yaml", text.clone()));
            for pieces in 2..=6 {
                let cut = parse(&text, crate::load::options, pieces).expect("cut elsewhere");
                let whole = whole.as_ref().expect("a valid policy");
                assert_eq!(
                    crate::load::debug_without_offsets(&cut),
                    crate::load::debug_without_offsets(whole),
                    "after `body: {open}` in {pieces} pieces"
                );
            }
        }
        for line in ["key:", "key: # a comment", "- ", "-", "? ", "a | b |"] {
            assert!(leaves_value_open(line), "{line}");
        }
        for line in [
            "title: Section 3",
            "body: \"a: |\"",
            "title: x # y:",
            "C# and more",
        ] {
            assert!(!leaves_value_open(line), "{line}");
        }
    }

    /// Found in review: YAML breaks lines at a lone carriage return too, so
    /// a key could hide in what the pieces take for one line; and a piece
    /// sees the header's anchors but not the entries' before it, so an
    /// anchor's name defined again gave aliases after it the header's value.
    #[test]
    fn a_lone_carriage_return_or_an_anchor_in_the_header_keeps_the_file_whole() {
        let base = policy(10);
        let after_5 =
            "Text of section 5.\n\n      - a list item, not an entry\n# a comment at the margin\n";
        let hidden = [
            base.replace(after_5, "Text of section 5.\n# note\rsupplements:\n"),
            base.replace(after_5, "Text of section 5.\rsupplements:\n"),
            base.replace("title: \"Section 4\"\n", "title: \"Section 4\"\r\r\n"),
        ];
        for text in &hidden {
            assert!(has_lone_cr(text));
            assert!(parse(text, crate::load::options, 2).is_none(), "{text:?}");
        }
        let windows = base.replace('\n', "\r\n");
        assert!(!has_lone_cr(&windows));
        assert!(
            parse(&windows, crate::load::options, 2).is_some(),
            "CRLF files are cut"
        );

        let anchored = base
            .replace("# the sections\n", "vars:\n  x: &n first\n")
            .replace("title: \"Section 1\"", "title: &n second")
            .replace("title: \"Section 9\"", "title: *n");
        assert!(parse(&anchored, crate::load::options, 2).is_none());
        let whole = crate::load::parse(&Source::new("t.yaml", anchored)).expect("valid");
        assert_eq!(whole.sections[8].title.value, "second");
        assert!(has_anchor("x: &n first") && has_anchor("R&D"));
        assert!(!has_anchor("name: Smith & Jones"));
    }

    /// Found in the second review: a `sections:` line at the margin inside
    /// a quoted string of a flow mapping; each piece closed the string and
    /// found a `sections` key of its own, so the pieces parsed a file that
    /// the whole parse refuses.
    #[test]
    fn a_header_that_is_not_yaml_of_its_own_keeps_the_file_whole() {
        let title = "T".repeat(300);
        let mut text = String::from(
            "{id: demo, title: Demo, organization: {name: Acme}, dates: {effective: 2025-03-01}, lead: \"x\nsections:\n",
        );
        // One entry a piece: each piece is then one flow mapping that parses.
        for i in 1..=2 {
            text.push_str(&format!(
                "  - \", sections: [{{id: s{i}, title: {title}}}]}}\n"
            ));
        }
        assert!(!is_whole_yaml(&text[..text.find("  - ").unwrap()]));
        assert!(parse(&text, crate::load::options, 2).is_none());
        assert!(crate::load::parse(&Source::new("t.yaml", text)).is_err());
        assert!(is_whole_yaml(&policy(2)[..policy(2).find("  - ").unwrap()]));
    }

    /// Found in the second review: helpers had a thread's default 2 MiB of
    /// stack, and a policy nested deeply enough (within the depth limit)
    /// overflowed it in a debug build, where the whole parse did not.
    #[test]
    fn a_deeply_nested_piece_parses_as_it_does_whole() {
        // The whole parse needs the main thread's stack too.
        std::thread::Builder::new()
            .stack_size(MAIN_STACK_BYTES)
            .spawn(deeply_nested)
            .expect("a thread")
            .join()
            .expect("no panic");
    }

    fn deeply_nested() {
        let mut text = policy(0);
        text.truncate(text.find("changelog:").unwrap_or(text.len()));
        let mut deep = String::new();
        for level in 0..60 {
            let pad = "  ".repeat(level + 1);
            deep.push_str(&format!(
                "{pad}- id: n{level}\n{pad}  title: N\n{pad}  sections:\n"
            ));
        }
        deep.push_str(&format!(
            "{}- id: leaf\n{}  title: N\n",
            "  ".repeat(61),
            "  ".repeat(61)
        ));
        text.push_str(&deep);
        for i in 1..=40 {
            text.push_str(&format!(
                "  - id: s{i}\n    title: \"{}\"\n",
                "T".repeat(200)
            ));
        }
        let whole = crate::load::parse(&Source::new("t.yaml", text.clone())).expect("valid");
        // The caller takes the last piece first, so a helper parses the deep one.
        let cut = parse(&text, crate::load::options, 2).expect("cut");
        assert_eq!(
            crate::load::debug_without_offsets(&cut),
            crate::load::debug_without_offsets(&whole)
        );
    }

    #[test]
    fn cuts_that_could_change_the_meaning_are_refused() {
        let base = policy(6);
        let cases = [
            // A quoted string runs across a cut.
            base.replace(
                "title: \"Section 3\"",
                "title: \"Section 3\n  - id: x\n    title: y",
            ),
            // A flow list runs across a cut.
            base.replace(
                "title: \"Section 3\"",
                "title: [Section 3,\n  - id: x,\n   ]",
            ),
            // An alias to an anchor in another piece.
            base.replace("title: \"Section 1\"", "title: &t \"Section 1\"")
                .replace("title: \"Section 6\"", "title: *t"),
            // The `sections:` line found is inside a string; the real key is quoted.
            base.replacen(
                "sections:\n",
                "lead: \"x\nsections:\n  - id: q\n\"\n\"sections\":\n",
                1,
            ),
        ];
        for (i, text) in cases.iter().enumerate() {
            assert!(
                parse(text, crate::load::options, 3).is_none(),
                "case {i}:\n{text}"
            );
        }
    }

    #[test]
    fn the_pieces_share_the_limits_that_add_up() {
        let whole = crate::load::options();
        let piece = shared(crate::load::options(), 4);
        assert_eq!(
            piece.alias_limits.max_total_replayed_events,
            whole.alias_limits.max_total_replayed_events / 4
        );
        let (w, p) = (whole.budget.unwrap(), piece.budget.unwrap());
        assert_eq!(p.max_events, w.max_events / 4);
        assert_eq!(p.max_nodes, w.max_nodes / 4);
        assert_eq!(p.max_total_scalar_bytes, w.max_total_scalar_bytes / 4);
        assert_eq!(p.max_depth, w.max_depth, "depth is the same in every piece");
    }
}
