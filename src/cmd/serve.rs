//! `policyc serve`: every policy as published on a local web server, rebuilt
//! when a file changes, with the browser reloaded and a redline against git.

use std::collections::HashMap;
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use tokio::sync::watch;

use super::{Reporter, compile_at, compiled_file, policy_files, render_one, templates_for};
use crate::cli::ServeArgs;
use crate::render::{Format, RenderOptions};
use crate::report::esc;
use crate::{diff, exit, report};

/// How long a browser's wait for a change is held open before it asks again.
const WAIT: Duration = Duration::from_secs(25);
/// Editors save in several writes; the rebuild waits for them to settle.
const SETTLE: Duration = Duration::from_millis(60);

/// What the server knows: where the policies are and how to show them. Pages
/// are compiled when asked for, so a page is never older than its files.
struct Served {
    paths: Vec<PathBuf>,
    rev: String,
    templates: Option<PathBuf>,
    today: jiff::civil::Date,
    /// Bumped when a file under the project changes; pages wait on it.
    generation: watch::Sender<u64>,
    /// The last page of each policy that compiled, shown under the
    /// diagnostics of a broken save.
    last_good: Mutex<HashMap<PathBuf, String>>,
}

pub fn run(args: &ServeArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    let paths = super::paths_or_project(&args.paths)?;
    let files = policy_files(&paths)?;
    let Some(first) = files.first() else {
        reporter.status("error: no policy files (*.yaml) found to serve");
        return Ok(exit::BAD_INPUT);
    };
    let root = crate::load::project_root(first);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    let addr = SocketAddr::new(args.bind, args.port);
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(addr)) {
        Ok(listener) => listener,
        Err(err) => {
            reporter.status(&format!(
                "error: cannot listen on {addr}: {err}\n  = help: choose another port with --port (0 picks a free one)"
            ));
            return Ok(exit::BAD_INPUT);
        }
    };
    let local = listener.local_addr()?;
    let served = Arc::new(Served {
        paths,
        rev: args.rev.clone(),
        templates: args.templates.clone(),
        today: super::today(),
        generation: watch::Sender::new(0),
        last_good: Mutex::new(HashMap::new()),
    });
    // What the pages are made from: the project, and policies or templates
    // named outside it. A watcher stops when dropped: they live as long as
    // the server.
    let mut watched = vec![root.clone()];
    for path in served.paths.iter().chain(&served.templates) {
        let path = path.canonicalize().unwrap_or_else(|_| path.clone());
        if !watched.iter().any(|w| path.starts_with(w)) {
            watched.push(path);
        }
    }
    let _watchers = watched
        .iter()
        .map(|w| watch_files(w, served.clone()))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let app = Router::new()
        .route("/", get(index))
        .route("/_policyc/wait", get(wait))
        .route("/{*page}", get(page))
        .with_state(served);
    reporter.status(&format!(
        "Serving {} {} from {} at http://{local}/ (pages reload when a file changes; Ctrl-C stops)",
        files.len(),
        if files.len() == 1 {
            "policy"
        } else {
            "policies"
        },
        root.display()
    ));
    runtime.block_on(async move { axum::serve(listener, app).await })?;
    Ok(exit::SUCCESS)
}

/// Watches the project for saved policies, fragments and templates, and bumps
/// the generation once the writes of a save have settled.
fn watch_files(root: &Path, served: Arc<Served>) -> anyhow::Result<Box<dyn notify::Watcher>> {
    use notify::Watcher as _;
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let recursive = notify::RecursiveMode::Recursive;
    // The system's notices can run out (inotify's watch limit in a large
    // repository); looking at the files twice a second always works.
    let native = notify::recommended_watcher(tx.clone())
        .and_then(|mut w| w.watch(root, recursive).map(|()| w));
    let watcher: Box<dyn notify::Watcher> = match native {
        Ok(w) => Box::new(w),
        Err(_) => {
            let every = notify::Config::default().with_poll_interval(Duration::from_millis(500));
            let mut w = notify::PollWatcher::new(tx, every)?;
            w.watch(root, recursive)?;
            Box::new(w)
        }
    };
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(event) = rx.recv() {
            if !event.is_ok_and(|e| relevant(&e, &root)) {
                continue;
            }
            std::thread::sleep(SETTLE);
            while rx.try_recv().is_ok() {}
            served.generation.send_modify(|g| *g += 1);
        }
    });
    Ok(watcher)
}

/// Whether a file event can change a page: a change to a source, fragment or
/// template, not to git's own files or an editor's hidden swap files.
fn relevant(event: &notify::Event, root: &Path) -> bool {
    use notify::EventKind;
    let kind = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    );
    let source = |p: &PathBuf| {
        // Hidden within the project: the project itself may sit in a hidden folder.
        let hidden = p
            .strip_prefix(root)
            .unwrap_or(p)
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase());
        !hidden
            && ext
                .is_some_and(|e| ["yaml", "yml", "md", "html", "css", "txt"].contains(&e.as_str()))
    };
    kind && event.paths.iter().any(source)
}

impl Served {
    /// Whether a request names this computer by `localhost` or an address:
    /// a page on another site that points a name of its own at this
    /// computer (DNS rebinding) cannot read the drafts, however it is bound.
    fn host_ok(&self, request: &Request) -> bool {
        let Some(host) = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
        else {
            return false;
        };
        // "[::1]:3000", "127.0.0.1:3000", "localhost:3000", "localhost".
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split(']').next().unwrap_or(""),
            None => host.rsplit_once(':').map_or(host, |(name, _)| name),
        };
        name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok()
    }

    /// The policies served, each with the URL path of its page ("privacy",
    /// "eu/privacy"), listed anew on each request so a new file shows up.
    fn policies(&self) -> Vec<(String, PathBuf)> {
        let mut out = Vec::new();
        for path in &self.paths {
            let base = if path.is_dir() {
                path.as_path()
            } else {
                path.parent().unwrap_or(Path::new(""))
            };
            // Several folders: each page under its folder's name, so that
            // eu/privacy.yaml and us/privacy.yaml both have one.
            let base = if self.paths.len() > 1 {
                base.parent().unwrap_or(Path::new(""))
            } else {
                base
            };
            for file in policy_files(std::slice::from_ref(path)).unwrap_or_default() {
                let rel = file.strip_prefix(base).unwrap_or(&file);
                let plain = rel.with_extension("").to_string_lossy().replace('\\', "/");
                // p.yaml beside p.yml: the second keeps its extension.
                let key = if out.iter().any(|(k, _)| *k == plain) {
                    rel.to_string_lossy().replace('\\', "/")
                } else {
                    plain
                };
                if !out.iter().any(|(k, _)| *k == key) {
                    out.push((key, file));
                }
            }
        }
        out
    }

    /// A policy's page as published, or its diagnostics over the last good one.
    fn page(&self, key: &str, file: &Path, generation: u64) -> String {
        let compiled = match compiled_file(file).map(super::Compiled::into_text_result) {
            Ok(Ok(compiled)) => compiled,
            Ok(Err(diagnostics)) => return self.broken(key, file, &diagnostics, generation),
            Err(err) => return self.broken(key, file, &format!("error: {err:#}"), generation),
        };
        let templates = match templates_for(file, self.templates.as_deref()) {
            Ok(templates) => templates,
            Err(err) => return self.broken(key, file, &format!("error: {err:#}"), generation),
        };
        let options = RenderOptions {
            width: 0,
            templates: &templates,
        };
        let rendered = render_one(&compiled.doc, Format::Html, &options);
        match rendered.map(String::from_utf8) {
            Ok(Ok(html)) => {
                if let Ok(mut last) = self.last_good.lock() {
                    last.insert(file.to_path_buf(), html.clone());
                }
                let (findings, errors) = self.findings(&compiled, &templates);
                let banner = (!findings.is_empty()).then(|| {
                    let (class, title) = if errors > 0 {
                        (
                            "errors",
                            "This policy builds, but `policyc check` fails on it",
                        )
                    } else {
                        ("warnings", "This policy builds, with warnings")
                    };
                    banner(class, title, &findings)
                });
                self.decorate(&html, key, banner.as_deref(), generation)
            }
            Ok(Err(_)) => self.broken(key, file, "error: the page is not valid UTF-8", generation),
            Err(err) => self.broken(key, file, &format!("error: {err:#}"), generation),
        }
    }

    /// What `policyc check` finds in a policy that builds (its warnings and
    /// the lint rules of its laws, as of today, waivers applied), as text,
    /// and how many are errors.
    fn findings(
        &self,
        compiled: &crate::Compilation,
        templates: &crate::load::Overrides,
    ) -> (String, usize) {
        let ctx = crate::check::Ctx {
            compiled,
            today: self.today,
            templates,
        };
        let mut diags = compiled.warnings.clone();
        diags.extend(crate::check::lint::run(&ctx));
        let live: Vec<crate::diag::Diagnostic> = crate::check::apply_waivers(compiled, diags)
            .into_iter()
            .filter(|f| f.waived.is_none())
            .map(|f| f.diag)
            .collect();
        let errors = live.iter().filter(|d| d.is_error()).count();
        let text: Vec<String> = live
            .iter()
            .map(|d| d.render(compiled.source(), false))
            .collect();
        (text.join("\n"), errors)
    }

    /// The diagnostics of a policy that does not build, over its last good page.
    fn broken(&self, key: &str, file: &Path, diagnostics: &str, generation: u64) -> String {
        // The terminal says so too: the browser may not be in view.
        // Written, not `eprintln!`: a closed stderr must not fail the page.
        let _ = writeln!(
            std::io::stderr(),
            "error: {} does not build; its page shows why",
            crate::diag::printable(&file.display().to_string())
        );
        let last = self
            .last_good
            .lock()
            .ok()
            .and_then(|l| l.get(file).cloned());
        let title = match &last {
            Some(_) => "This save does not build; below is the last version that did",
            None => "This policy does not build",
        };
        let banner = banner("errors", title, diagnostics);
        let html = last.unwrap_or_else(|| page_html("policyc serve", ""));
        self.decorate(&html, key, Some(&banner), generation)
    }

    /// The redline of a policy against the git revision, with its findings.
    fn redline(&self, key: &str, file: &Path, generation: u64) -> String {
        // No redline of a version that does not build: the error alone, not
        // a page under it that could read as "no changes".
        let unbuilt = |diagnostics: &str| {
            let text = format!(
                "This save does not build, so there is no redline to show; it comes back when the file builds again.\n\n{diagnostics}"
            );
            self.message(key, &text, generation)
        };
        let new = match compiled_file(file).map(super::Compiled::into_text_result) {
            Ok(Ok(new)) => new,
            Ok(Err(diagnostics)) => return unbuilt(&diagnostics),
            Err(err) => return unbuilt(&format!("error: {err:#}")),
        };
        let old = match compile_at(&self.rev, file).map(super::Compiled::into_text_result) {
            Ok(Ok(old)) => old,
            Ok(Err(diagnostics)) => {
                let text = format!(
                    "The version at {} does not build:\n\n{diagnostics}",
                    self.rev
                );
                return self.message(key, &text, generation);
            }
            Err(err) => {
                let text = format!(
                    "No version at {} to compare with: {err:#}\n\nThe redline compares the file as it is with the same file at a git revision: the last commit (HEAD) unless `policyc serve --rev REV` names another.",
                    self.rev
                );
                return self.message(key, &text, generation);
            }
        };
        let old_text = old.restate(&new.doc);
        let result = diff::diff_restated(&old.doc, old_text.as_ref().unwrap_or(&old.doc), &new.doc);
        let options = report::Options {
            color: false,
            today: Some(self.today),
        };
        let html = report::render(&result, report::Format::Html, options);
        self.decorate(&html, key, None, generation)
    }

    fn message(&self, key: &str, text: &str, generation: u64) -> String {
        let body = format!("<pre class=\"policyc-text\">{}</pre>", esc(text));
        self.decorate(&page_html("policyc serve", &body), key, None, generation)
    }

    /// A page with the preview's own parts added: the banner at the top, the
    /// links between views, and the script that reloads it on a change.
    fn decorate(&self, html: &str, key: &str, banner: Option<&str>, generation: u64) -> String {
        let links = if key.is_empty() {
            "<a href=\"/\">All policies</a>".to_string()
        } else {
            let k = esc(&url(key));
            format!(
                "<a href=\"/\">All policies</a> · <a href=\"/{k}.html\">Page</a> · <a href=\"/{k}.redline.html\">Redline against {}</a>",
                esc(&self.rev)
            )
        };
        let chrome = format!(
            "<nav id=\"policyc-serve\" style=\"position:fixed;right:.75rem;bottom:.75rem;z-index:2147483647;background:#1d2430;color:#fff;font:13px/1.4 system-ui,sans-serif;padding:.4rem .7rem;border-radius:6px;opacity:.92\">\
             <style>#policyc-serve a{{color:#9cf}}</style>policyc serve · {links}</nav>\n\
             <script>(function(){{var g={generation};function wait(){{fetch('/_policyc/wait?since='+g).then(function(r){{return r.text()}}).then(function(t){{if(t!==String(g)){{location.reload()}}else{{wait()}}}}).catch(function(){{setTimeout(wait,1000)}})}}wait()}})();</script>\n"
        );
        let mut out = html.to_string();
        if let Some(banner) = banner {
            let at = after_body_tag(&out);
            out.insert_str(at, banner);
        }
        let end = out.rfind("</body>").unwrap_or(out.len());
        out.insert_str(end, &chrome);
        out
    }

    fn index(&self, generation: u64) -> String {
        let mut items = String::new();
        for (key, file) in self.policies() {
            let k = esc(&url(&key));
            // A policy is listed by its title; one that does not build, by its key.
            let title = compiled_file(&file)
                .ok()
                .and_then(|c| c.doc().map(|d| d.title.clone()));
            let name = match title {
                Some(title) => esc(&title),
                None => format!("{} (does not build)", esc(&key)),
            };
            items.push_str(&format!(
                "<li><a href=\"/{k}.html\">{name}</a> ({}) · <a href=\"/{k}.redline.html\">redline against {}</a></li>\n",
                esc(&file.display().to_string()),
                esc(&self.rev)
            ));
        }
        let body = format!("<h1>Policies</h1>\n<ul>\n{items}</ul>\n");
        self.decorate(&page_html("policyc serve", &body), "", None, generation)
    }
}

fn banner(class: &str, title: &str, text: &str) -> String {
    let colors = if class == "errors" {
        "background:#fdeeee;border:2px solid #c33;color:#1d2430"
    } else {
        "background:#fff8e1;border:1px solid #d9b44a;color:#1d2430"
    };
    format!(
        "<div class=\"policyc-{class}\" style=\"{colors};margin:1rem;padding:.75rem 1rem;border-radius:6px;font:14px/1.45 system-ui,sans-serif\">\
         <strong>{}</strong><pre style=\"white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace;margin:.5rem 0 0\">{}</pre></div>\n",
        esc(title),
        esc(text)
    )
}

fn page_html(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body style=\"font:1rem/1.55 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem\">\n{body}</body>\n</html>\n",
        esc(title)
    )
}

/// Where the content of a page starts: after its `<body …>` tag.
fn after_body_tag(html: &str) -> usize {
    html.find("<body")
        .and_then(|at| html[at..].find('>').map(|end| at + end + 1))
        .unwrap_or(0)
}

/// What a policy's key keeps as written in a URL path: letters, digits and
/// `-._~/`; the rest is percent-encoded ("Privacy Policy" as "Privacy%20Policy").
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

fn url(key: &str) -> String {
    utf8_percent_encode(key, PATH).to_string()
}

/// A URL path with its percent-encoding undone.
fn unescape(path: &str) -> String {
    percent_decode_str(path).decode_utf8_lossy().into_owned()
}

async fn index(State(served): State<Arc<Served>>, request: Request) -> Response {
    if !served.host_ok(&request) {
        return forbidden();
    }
    // Read before the page is made: a save during it reloads the page.
    let generation = *served.generation.borrow();
    let page = tokio::task::spawn_blocking(move || Some(served.index(generation))).await;
    html_response(page)
}

/// Answers when the files have changed since the page's generation, or after
/// [`WAIT`] with the same one; the page's script then asks again.
async fn wait(State(served): State<Arc<Served>>, request: Request) -> Response {
    if !served.host_ok(&request) {
        return forbidden();
    }
    let since: Option<u64> = request
        .uri()
        .query()
        .and_then(|q| q.strip_prefix("since="))
        .and_then(|n| n.parse().ok());
    let mut rx = served.generation.subscribe();
    if Some(*rx.borrow_and_update()) == since {
        let _ = tokio::time::timeout(WAIT, rx.changed()).await;
    }
    let now = *rx.borrow();
    ([(header::CACHE_CONTROL, "no-store")], now.to_string()).into_response()
}

async fn page(State(served): State<Arc<Served>>, request: Request) -> Response {
    if !served.host_ok(&request) {
        return forbidden();
    }
    let path = unescape(request.uri().path().trim_start_matches('/'));
    let (key, redline) = match path.strip_suffix(".redline.html") {
        Some(key) => (key.to_string(), true),
        None => match path.strip_suffix(".html") {
            Some(key) => (key.to_string(), false),
            None => return not_found(),
        },
    };
    let generation = *served.generation.borrow();
    // Off the runtime: listing walks folders, and compiling takes a while.
    let page = tokio::task::spawn_blocking(move || {
        // Only the policies listed are served: a URL never names a file.
        let (key, file) = served.policies().into_iter().find(|(k, _)| *k == key)?;
        Some(if redline {
            served.redline(&key, &file, generation)
        } else {
            served.page(&key, &file, generation)
        })
    })
    .await;
    html_response(page)
}

fn html_response(page: Result<Option<String>, tokio::task::JoinError>) -> Response {
    match page {
        Ok(Some(html)) => ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response(),
        Ok(None) => not_found(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "policyc failed unexpectedly on this page; the terminal has the details",
        )
            .into_response(),
    }
}

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        "policyc serve answers only requests addressed to localhost or to an IP address",
    )
        .into_response()
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(page_html(
            "Not found",
            "<p>No policy is served at this address. <a href=\"/\">All policies</a></p>",
        )),
    )
        .into_response()
}
