//! Template expansion of text strings with tera: `org`, `contacts`, `dates`, `vars`,
//! and the functions `ref`, `num`, `contact`, `ccpa_table` and `processing_table`.
//!
//! Errors are mapped from the position inside the string back to the policy
//! file, so an unknown reference points at its own line and column.

use crate::rules::id;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use tera::{Context, Kwargs, State, Tera};

use crate::diag::{Diagnostic, Pos};
use crate::model::Text;
use crate::source::Source;
use crate::suggest;

use super::syntax::{self, Kind, Span};

mod diagnose;

/// What `ccpa_table()` leaves in the markdown; the resolver cuts bodies at it.
/// U+FFFC (object replacement) does not occur in prose.
pub const TABLE_MARK: &str = "\u{FFFC}ccpa-table\u{FFFC}";
/// The character that starts [`TABLE_MARK`].
pub const TABLE_MARK_START: char = '\u{FFFC}';

/// The most one text string may expand to. Policies are prose; only a
/// runaway template gets near this.
pub const MAX_EXPANDED_BYTES: usize = 4 * 1024 * 1024;

/// The most all the texts of one policy may expand to together: a text may
/// use a large value many times, each within [`MAX_EXPANDED_BYTES`].
pub const MAX_DOCUMENT_EXPANDED_BYTES: usize = 16 * 1024 * 1024;

/// A section a reference can point at.
#[derive(Debug, Clone)]
pub struct Target {
    pub number: Option<String>,
    pub title: String,
}

/// What the expander learned while expanding: which contacts were used and
/// whether the CCPA table was placed.
#[derive(Debug, Default)]
pub struct Usage {
    pub contacts: BTreeSet<String>,
    pub table_placed: bool,
    /// Whether `processing_table()` placed the facts of processing.
    pub processing_placed: bool,
}

pub struct Expander {
    tera: Tera,
    context: Context,
    /// The context's values by path (`org.name`), for the fast path.
    paths: BTreeMap<String, String>,
    calls: Arc<Calls>,
    variables: Vec<String>,
    /// What the texts expanded so far came to, against [`MAX_DOCUMENT_EXPANDED_BYTES`].
    expanded: std::sync::atomic::AtomicUsize,
}

/// A bad call of one of our functions. Calls record problems and go on, so
/// that every bad call in a text is reported, not only the first.
#[derive(Debug)]
struct Problem {
    rule: crate::rules::RuleId,
    message: String,
    help: Option<String>,
    /// The function and the id it was called with, to find the call in the text.
    call: &'static str,
    id: String,
}

/// What the functions of policy text work on, shared by tera (which calls
/// them from templates) and the fast path (which calls them directly).
struct Calls {
    targets: RwLock<BTreeMap<String, Target>>,
    /// Each contact id with its markdown block.
    contacts: BTreeMap<String, String>,
    has_table: bool,
    /// What `processing_table()` prints, when the policy has `processing` facts.
    processing: Option<String>,
    usage: Mutex<Usage>,
    problems: Mutex<Vec<Problem>>,
}

impl Calls {
    /// The text of `name(id=...)`, or an empty text and a recorded problem.
    fn call(&self, name: &str, id: Option<String>) -> String {
        let id = id.unwrap_or_default();
        match name {
            "ref" | "num" => {
                let targets = self.targets.read().unwrap_or_else(PoisonError::into_inner);
                let found = targets
                    .get(&id)
                    .map(|t| (t.number.clone(), t.title.clone()));
                let Some((number, title)) = found else {
                    let call = if name == "ref" { "ref" } else { "num" };
                    let problem = unknown_section(&targets, call, id);
                    drop(targets);
                    return self.record(problem);
                };
                drop(targets);
                match (name, number) {
                    ("num", Some(n)) => n,
                    ("num", None) => self.record(Problem {
                        rule: id::UNKNOWN_REF,
                        message: format!(
                            "section `{id}` has no number (it is `numbered: false` or a supplement)"
                        ),
                        help: Some(format!(
                            "use {{{{ ref(id=\"{id}\") }}}}, which names it by its title"
                        )),
                        call: "num",
                        id,
                    }),
                    (_, Some(n)) => format!("[Section {n}](#{id})"),
                    (_, None) => format!("[\u{201c}{title}\u{201d}](#{id})"),
                }
            }
            "contact" => match self.contacts.get(&id) {
                Some(block) => {
                    let block = block.clone();
                    self.usage().contacts.insert(id);
                    block
                }
                None => self.record(Problem {
                    rule: id::UNKNOWN_CONTACT,
                    message: format!("unknown contact `{id}`"),
                    help: suggest::did_you_mean(
                        &id,
                        self.contacts.keys().map(String::as_str),
                        "contacts",
                    )
                    .or_else(|| Some("define it under `contacts:`".into())),
                    call: "contact",
                    id,
                }),
            },
            "ccpa_table" if self.has_table => {
                self.usage().table_placed = true;
                format!("\n\n{TABLE_MARK}\n\n")
            }
            "processing_table" => match &self.processing {
                Some(table) => {
                    self.usage().processing_placed = true;
                    format!("\n\n{table}\n")
                }
                None => self.record(Problem {
                    rule: id::UNKNOWN_REF,
                    message:
                        "processing_table() is called, but the policy has no `processing` data"
                            .into(),
                    help: Some("add `data:` under `processing:`, or remove the call".into()),
                    call: "processing_table",
                    id: String::new(),
                }),
            },
            "ccpa_table" => self.record(Problem {
                rule: id::UNKNOWN_REF,
                message: "ccpa_table() is called, but the policy has no `ccpa` categories".into(),
                help: Some("add `ccpa: categories:` or remove the call".into()),
                call: "ccpa_table",
                id: String::new(),
            }),
            // tera's `range()` builds lists of up to 100,000 items per call; policy
            // text has no use for it, and it is the raw material of a runaway template.
            _ => self.record(Problem {
                rule: id::UNKNOWN_VARIABLE,
                message: "range() is not available in policy text".into(),
                help: Some("write lists out in markdown".into()),
                call: "range",
                id: String::new(),
            }),
        }
    }

    fn record(&self, problem: Problem) -> String {
        self.problems
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(problem);
        String::new()
    }

    /// The problems recorded while the current text expanded.
    fn take_problems(&self) -> Vec<Problem> {
        std::mem::take(&mut *self.problems.lock().unwrap_or_else(PoisonError::into_inner))
    }

    fn usage(&self) -> std::sync::MutexGuard<'_, Usage> {
        self.usage.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Expander {
    /// `contacts` maps each contact id to its markdown block.
    pub fn new(
        context: Context,
        variables: Vec<String>,
        paths: BTreeMap<String, String>,
        targets: BTreeMap<String, Target>,
        contacts: BTreeMap<String, String>,
        has_table: bool,
        processing: Option<String>,
    ) -> Expander {
        let calls = Arc::new(Calls {
            targets: RwLock::new(targets),
            contacts,
            has_table,
            processing,
            usage: Mutex::new(Usage::default()),
            problems: Mutex::new(Vec::new()),
        });
        let mut tera = Tera::new();
        for name in ["ref", "num", "contact"] {
            let c = Arc::clone(&calls);
            tera.register_function(name, move |kwargs: Kwargs, _: &State| {
                let id: String = kwargs.must_get("id")?;
                Ok::<_, tera::Error>(c.call(name, Some(id)))
            });
        }
        for name in ["ccpa_table", "processing_table", "range"] {
            let c = Arc::clone(&calls);
            tera.register_function(name, move |_: Kwargs, _: &State| c.call(name, None));
        }
        Expander {
            tera,
            context,
            paths,
            calls,
            variables,
            expanded: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Replaces the title a reference to `id` prints, once titles are expanded.
    pub fn set_title(&self, id: &str, title: &str) {
        let mut targets = self
            .calls
            .targets
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(t) = targets.get_mut(id) {
            t.title = title.to_string();
        }
    }

    pub fn usage(&self) -> std::sync::MutexGuard<'_, Usage> {
        self.calls.usage()
    }

    /// Expands one text string; text without template syntax is returned as is.
    /// Every bad call in the text is reported, each at its own place.
    pub fn expand(&self, source: &Source, text: &Text) -> Result<String, Vec<Diagnostic>> {
        let value = &text.value;
        if !["{{", "{%", "{#"].iter().any(|open| value.contains(open)) {
            return Ok(value.clone());
        }
        let spans = syntax::spans(value);
        if let Some(refused) = syntax::refused(value, &spans) {
            let (line, col) = position(value, refused.at);
            return Err(vec![
                Diagnostic::error(refused.message, source.locate(text, line, col))
                    .rule(id::UNKNOWN_VARIABLE)
                    .width(refused.width)
                    .help(refused.help),
            ]);
        }
        let mut out = Limited {
            bytes: Vec::with_capacity(value.len() + 64),
            exceeded: false,
        };
        let result = self.render(value, &spans, &mut out).map(|()| {
            String::from_utf8(std::mem::take(&mut out.bytes))
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        });
        // Taken before any return, so that none is left for the next text.
        let problems = self.calls.take_problems();
        if out.exceeded {
            return Err(vec![
                Diagnostic::error(
                    format!("this text expands to more than {MAX_EXPANDED_BYTES} bytes"),
                    Source::pos_of(text),
                )
                .help("check its template for something that repeats without end"),
            ]);
        }
        let mut diags: Vec<Diagnostic> = problems
            .into_iter()
            .map(|p| {
                let (line, col, width) = find_call(value, p.call, &p.id);
                Diagnostic::error(p.message, source.locate(text, line, col))
                    .rule(p.rule)
                    .help_opt(p.help)
                    .width(width)
            })
            .collect();
        match result {
            Ok(expanded) if diags.is_empty() => self.count(source, text, expanded),
            Ok(_) => Err(diags),
            Err((err, at)) => {
                // A bad call of ours may make tera fail after it; report the cause only.
                if diags.is_empty() {
                    diags.push(self.diagnose(source, text, &err, at));
                }
                Err(diags)
            }
        }
    }

    /// Counts an expanded text against the policy's budget.
    fn count(
        &self,
        source: &Source,
        text: &Text,
        expanded: String,
    ) -> Result<String, Vec<Diagnostic>> {
        use std::sync::atomic::Ordering;
        let total = self.expanded.fetch_add(expanded.len(), Ordering::Relaxed) + expanded.len();
        if total > MAX_DOCUMENT_EXPANDED_BYTES {
            return Err(vec![
                Diagnostic::error(
                    format!(
                        "the policy's texts expand to more than {MAX_DOCUMENT_EXPANDED_BYTES} bytes in all; this text passes the limit"
                    ),
                    Source::pos_of(text),
                )
                .help("a large value is used in many places; use it once, or make it shorter"),
            ]);
        }
        let _ = source;
        Ok(expanded)
    }

    /// A template that prints `contacts.ID.field` uses that contact, as
    /// `contact(id=...)` does. Only template syntax is searched, not the prose around it.
    fn note_contact_fields(&self, text: &str, spans: &[Span]) {
        let mut usage = self.usage();
        let parts = spans
            .iter()
            .filter(|s| s.kind != Kind::Comment)
            .flat_map(|s| text[s.start..s.end].split("contacts.").skip(1));
        for part in parts {
            let id: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            if !id.is_empty() {
                usage.contacts.insert(id);
            }
        }
    }

    /// Renders a text into `out`. A text whose syntax is only closed
    /// `{{ ... }}` expressions renders one expression at a time, the prose
    /// between them copied as is; an expression that is a path or one of our
    /// calls is evaluated here, anything else by tera. Statements, comments,
    /// whitespace control and an unclosed span need the whole text, so tera
    /// gets it. An error comes with where its template starts (line, column).
    fn render(
        &self,
        value: &str,
        spans: &[Span],
        out: &mut Limited,
    ) -> Result<(), (tera::Error, (usize, usize))> {
        use std::io::Write as _;
        self.note_contact_fields(value, spans);
        let whole = spans.iter().any(|s| {
            let code = &value[s.start..s.end];
            s.kind != Kind::Expression
                || !code.ends_with("}}")
                || code.starts_with("{{-")
                || code.ends_with("-}}")
        });
        if whole {
            return self
                .tera
                .render_str_to(value, &self.context, false, &mut *out)
                .map_err(|e| (e, (1, 0)));
        }
        let mut done = 0;
        for span in spans {
            let io = |e: std::io::Error| {
                let at = position(value, span.start);
                (tera::Error::chain("cannot write the text", e), at)
            };
            out.write_all(&value.as_bytes()[done..span.start])
                .map_err(io)?;
            match self.quick(syntax::inner(value, *span)) {
                Some(text) => out.write_all(text.as_bytes()).map_err(io)?,
                None => self
                    .tera
                    .render_str_to(
                        &value[span.start..span.end],
                        &self.context,
                        false,
                        &mut *out,
                    )
                    .map_err(|e| (e, position(value, span.start)))?,
            }
            done = span.end;
        }
        out.write_all(&value.as_bytes()[done..])
            .map_err(|e| (tera::Error::chain("cannot write the text", e), (1, 0)))
    }

    /// The value of an expression without tera, for the two forms policy text
    /// is made of: a call `ref(id="x")` (also `num`, `contact`, `ccpa_table()`)
    /// and a path such as `org.name`. Anything else, and any unknown path,
    /// goes to tera, which evaluates or reports it; a call with an unknown id
    /// is recorded here as tera's call would be.
    fn quick(&self, expr: &str) -> Option<String> {
        let expr = expr.trim();
        let Some((name, args)) = expr.split_once('(') else {
            // Only a path tera would read as a path (`vars.my-site` is a subtraction to tera).
            let is_path = expr.split('.').all(|part| {
                part.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            return if is_path {
                self.paths.get(expr).cloned()
            } else {
                None
            };
        };
        let name = name.trim();
        let args = args.strip_suffix(')')?.trim();
        match name {
            "ccpa_table" | "processing_table" if args.is_empty() => {
                Some(self.calls.call(name, None))
            }
            "ref" | "num" | "contact" => {
                let value = args
                    .strip_prefix("id")?
                    .trim_start()
                    .strip_prefix('=')?
                    .trim();
                let id = ['"', '\'']
                    .iter()
                    .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))?;
                if id.contains(['"', '\'', '\\']) {
                    return None;
                }
                Some(self.calls.call(name, Some(id.to_string())))
            }
            _ => None,
        }
    }
}

fn unknown_section(targets: &BTreeMap<String, Target>, call: &'static str, id: String) -> Problem {
    Problem {
        rule: id::UNKNOWN_REF,
        message: format!("unknown section id `{id}`"),
        help: suggest::did_you_mean(&id, targets.keys().map(String::as_str), "section ids"),
        call,
        id,
    }
}

/// A writer that refuses to grow past [`MAX_EXPANDED_BYTES`].
struct Limited {
    bytes: Vec<u8>,
    exceeded: bool,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_EXPANDED_BYTES {
            self.exceeded = true;
            return Err(std::io::Error::other("text too long"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where the call `call(...)` naming `id` is in a text: 1-based line, 0-based
/// column and width in characters. Falls back to the start of the text.
fn find_call(text: &str, call: &str, id: &str) -> (usize, usize, usize) {
    let opening = format!("{call}(");
    let mut from = 0;
    while let Some(found) = text[from..].find(&opening) {
        let start = from + found;
        let end = text[start..]
            .find(')')
            .map_or(text.len(), |e| start + e + 1);
        if text[start..end].contains(id) {
            let (line, col) = position(text, start);
            return (line, col, text[start..end].chars().count());
        }
        from = start + opening.len();
    }
    (1, 0, 1)
}

/// The 1-based line and 0-based column (in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let pos = Pos::of_offset(text, offset);
    (pos.line, pos.column - 1)
}

#[cfg(test)]
mod tests {
    use crate::doc::Block;
    use crate::source::Source;

    /// Each expression gives the same text through the fast path as through
    /// tera (`~ ""` sends it to tera).
    #[test]
    fn the_fast_path_gives_what_tera_gives() {
        let expressions = [
            r#"ref(id="one")"#,
            r#"ref(id='two')"#,
            r#"num(id="one")"#,
            r#"contact(id="c")"#,
            "org.name",
            "org.legal_name",
            "contacts.c.email",
            "dates.effective",
            "vars.site",
        ];
        let body: String = expressions
            .iter()
            .map(|e| format!("{{{{ {e} }}}}|{{{{ {e} | trim }}}}\n\n"))
            .collect();
        let text = format!(
            "id: t\ntitle: T\norganization: {{name: Acme}}\ndates: {{effective: 2025-01-01}}\nvars: {{site: x.example}}\ncontacts:\n  c: {{name: Desk, email: a@b.example}}\nsections:\n  - id: one\n    title: One\n    body: {body:?}\n  - id: two\n    title: Two\n    numbered: false\n"
        );
        let compiled = crate::compile(&Source::new("t.yaml", text)).expect("compiles");
        let Some(Block::Markdown(md)) = compiled.doc.sections[0].body.first() else {
            panic!("no body")
        };
        for (line, e) in md.split("\n\n").zip(expressions) {
            let (fast, tera) = line.split_once('|').expect("two halves");
            assert_eq!(fast, tera, "{e}");
            assert!(!fast.is_empty(), "{e}");
        }
    }

    /// Adding a comment sends a text to tera whole; it must not change what
    /// the text means.
    #[test]
    fn a_comment_never_changes_what_a_text_means() {
        let expand = |body: &str| {
            let text = format!(
                "id: t\ntitle: T\norganization: {{name: Acme}}\ndates: {{effective: 2025-01-01}}\nvars: {{my-site: x.example}}\nsections:\n  - id: one\n    title: One\n    body: {body:?}\n"
            );
            match crate::compile(&Source::new("t.yaml", text)) {
                Ok(c) => match c.doc.sections[0].body.first() {
                    Some(Block::Markdown(md)) => Ok(md.clone()),
                    _ => Ok(String::new()),
                },
                Err(d) => Err(d.len()),
            }
        };
        for body in [
            r#"x {{ "}}" }} y"#,
            "see {{ vars.my-site }}",
            "{{ org.name }} {{ ref(id='one') }}",
        ] {
            let plain = expand(body);
            let commented = expand(&format!("{body}{{# note #}}"));
            assert_eq!(plain, commented, "{body}");
        }
        assert_eq!(expand(r#"x {{ "}}" }} y"#), Ok("x }} y".to_string()));
    }

    /// `contacts.ID` in prose is not a use of the contact, in a text that
    /// renders whole (it has a statement) as in one that renders expression
    /// by expression.
    #[test]
    fn only_template_syntax_uses_a_contact() {
        for body in [
            "{% if true %}Hi{% endif %} see contacts.desk",
            "{{ org.name }} see contacts.desk",
        ] {
            let text = format!(
                "id: t\ntitle: T\norganization: {{name: Acme}}\ndates: {{effective: 2025-01-01}}\ncontacts:\n  desk: {{name: Desk, email: a@b.example}}\nsections:\n  - id: one\n    title: One\n    body: {body:?}\n"
            );
            let compiled = crate::compile(&Source::new("t.yaml", text)).expect("compiles");
            assert!(
                compiled
                    .warnings
                    .iter()
                    .any(|w| w.rule == Some(crate::rules::id::CONTACT_UNUSED)),
                "{body}: {:?}",
                compiled.warnings
            );
        }
    }

    #[test]
    fn a_trim_mark_after_a_brace_in_a_string_renders_the_whole_text() {
        let text = "id: t\ntitle: T\norganization: {name: Acme}\ndates: {effective: 2025-01-01}\nsections:\n  - id: one\n    title: One\n    body: '{{ \"a}}\" -}} b'\n";
        let compiled = crate::compile(&Source::new("t.yaml", text)).expect("compiles");
        let Some(Block::Markdown(md)) = compiled.doc.sections[0].body.first() else {
            panic!("no body")
        };
        assert_eq!(md, "a}}b");
    }

    /// A text stopped for growing too large still takes the problems of its
    /// own calls: left behind, they were reported at the next text that uses
    /// template syntax, where they are not.
    #[test]
    fn a_runaway_texts_bad_calls_are_not_blamed_on_the_next_text() {
        let lead = format!(
            "{{{{ ref(id='nowhere') }}}}{}",
            "{{ contact(id='c') }}".repeat(3000)
        );
        let text = format!(
            "id: t\ntitle: T\norganization: {{name: Acme}}\ndates: {{effective: 2025-01-01}}\ncontacts:\n  c:\n    name: {}\n    email: a@b.example\nlead: {lead:?}\nsections:\n  - id: one\n    title: One\n    body: '{{{{ org.name }}}}'\n",
            "N".repeat(1500)
        );
        let Err(diags) = crate::compile(&Source::new("t.yaml", text)) else {
            panic!("the runaway text was not refused")
        };
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [format!(
                "this text expands to more than {} bytes",
                super::MAX_EXPANDED_BYTES
            )],
        );
    }
}
