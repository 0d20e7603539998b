//! `policyc serve` end to end: the real binary on a free port, asked over
//! HTTP while the test edits and breaks the policy file.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{git, repo_with_a_sale, root};

/// The server, stopped when the test ends however it ends.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .current_dir(dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("policyc serve starts");
    let mut line = String::new();
    BufReader::new(child.stderr.take().expect("stderr"))
        .read_line(&mut line)
        .expect("policyc serve says where it listens");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, addr }
}

/// A GET with the given Host header: the status code and the body.
fn get_at(addr: &str, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("the server accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("a response");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

fn get(server: &Server, path: &str) -> (u16, String) {
    get_at(&server.addr, path, &server.addr)
}

/// Asks for a page until it holds `text` (the watcher and the rebuild are
/// not instant), failing after ten seconds with the last page seen.
fn eventually(server: &Server, path: &str, text: &str) -> String {
    let start = Instant::now();
    loop {
        let (_, body) = get(server, path);
        if body.contains(text) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{path} never showed {text:?}; last:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("policies")).unwrap();
    std::fs::copy(
        root().join("tests/corpus/base.yaml"),
        dir.path().join("policies/privacy.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn a_saved_edit_shows_on_the_next_request_and_wakes_the_waiting_page() {
    let dir = project();
    let server = serve(dir.path(), &[]);
    let (status, index) = get(&server, "/");
    assert_eq!(status, 200);
    assert!(
        index.contains("href=\"/privacy.html\">Privacy Policy</a>"),
        "listed by its title: {index}"
    );
    let (status, page) = get(&server, "/privacy.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("We collect your name and email address"),
        "{page}"
    );
    assert!(
        page.contains("/_policyc/wait?since="),
        "the page reloads itself"
    );

    // A page waiting on generation 0 is answered when a file is saved.
    let (_, generation) = get(&server, "/_policyc/wait?since=999");
    let waiting = {
        let addr = server.addr.clone();
        std::thread::spawn(move || {
            get_at(&addr, &format!("/_policyc/wait?since={generation}"), &addr).1
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let file = dir.path().join("policies/privacy.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("when you sign up.", "when you sign up and your postcode."),
    )
    .unwrap();
    let woken = waiting.join().unwrap();
    assert_ne!(woken.trim(), "0", "the wait ended with a new generation");
    eventually(
        &server,
        "/privacy.html",
        "when you sign up and your postcode.",
    );
}

#[test]
fn a_broken_save_shows_its_located_error_over_the_last_good_page() {
    let dir = project();
    let server = serve(dir.path(), &[]);
    eventually(&server, "/privacy.html", "We collect your name");
    let file = dir.path().join("policies/privacy.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("title: What we collect", "title: What: we collect"),
    )
    .unwrap();
    let page = eventually(&server, "/privacy.html", "does not build");
    assert!(
        page.contains("privacy.yaml:"),
        "the error names the file: {page}"
    );
    assert!(page.contains("quote"), "and says what to do: {page}");
    assert!(
        page.contains("We collect your name and email address"),
        "the last good version stays under the error: {page}"
    );
    // The redline view does not show a page under the error, which could
    // read as "no changes".
    let (_, redline) = get(&server, "/privacy.redline.html");
    assert!(redline.contains("no redline to show"), "{redline}");
    assert!(!redline.contains("We collect your name"), "{redline}");
    // Fixed, the page is whole again.
    std::fs::write(&file, &text).unwrap();
    let page = eventually(&server, "/privacy.html", "We collect your name");
    assert!(!page.contains("does not build"), "{page}");
}

#[test]
fn what_check_finds_shows_on_a_page_that_builds() {
    let dir = project();
    let file = dir.path().join("policies/privacy.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "  effective: 2025-01-01\n",
            "  effective: 2025-01-01\n  last_updated: 2999-01-01\n",
        ),
    )
    .unwrap();
    let server = serve(dir.path(), &[]);
    let (_, page) = get(&server, "/privacy.html");
    assert!(page.contains("`policyc check` fails on it"), "{page}");
    assert!(page.contains("last-updated-future"), "{page}");
    assert!(
        page.contains("We collect your name"),
        "the page is still shown: {page}"
    );
}

#[test]
fn the_redline_view_shows_the_change_against_head_with_its_findings() {
    let dir = tempfile::tempdir().unwrap();
    repo_with_a_sale(dir.path());
    let server = serve(dir.path(), &[]);
    let (status, page) = get(&server, "/privacy.redline.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("<ins>"),
        "the redline marks insertions: {page}"
    );
    assert!(page.contains("class=\"verdict material\""), "{page}");
    // With nothing changed since the revision there is nothing to show.
    git(dir.path(), &["commit", "-qam", "sale"]);
    eventually(&server, "/privacy.redline.html", "No changes");
}

#[test]
fn only_listed_policies_are_served_and_only_to_localhost() {
    let dir = project();
    std::fs::write(dir.path().join("secret.yaml"), "id: secret\n").unwrap();
    let server = serve(dir.path(), &[]);
    assert_eq!(get(&server, "/../secret.html").0, 404);
    assert_eq!(get(&server, "/secret.html").0, 404);
    assert_eq!(get(&server, "/privacy.yaml").0, 404);
    // A file name with a space is served at its encoded address.
    std::fs::copy(
        dir.path().join("policies/privacy.yaml"),
        dir.path().join("policies/Privacy Notice.yaml"),
    )
    .unwrap();
    let (_, index) = get(&server, "/");
    assert!(index.contains("href=\"/Privacy%20Notice.html\""), "{index}");
    assert_eq!(get(&server, "/Privacy%20Notice.html").0, 200);
    let (status, body) = get_at(&server.addr, "/privacy.html", "attacker.example");
    assert_eq!(status, 403, "{body}");
    let port = server.addr.rsplit(':').next().unwrap();
    assert_eq!(
        get_at(&server.addr, "/", &format!("localhost:{port}")).0,
        200
    );
}

#[test]
fn policies_of_the_same_name_in_two_folders_each_have_a_page() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["eu", "us"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        let text = std::fs::read_to_string(root().join("tests/corpus/base.yaml")).unwrap();
        std::fs::write(
            dir.path().join(folder).join("privacy.yaml"),
            text.replace(
                "We collect your name",
                &format!("In {folder} we collect your name"),
            ),
        )
        .unwrap();
    }
    let server = serve(dir.path(), &["eu", "us"]);
    for folder in ["eu", "us"] {
        let (status, page) = get(&server, &format!("/{folder}/privacy.html"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(&format!("In {folder} we collect")), "{page}");
    }
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = project();
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["serve", "--port", &port])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{err}"
    );
    assert!(err.contains("--port"), "{err}");
}
