//! Reading files: policies, the fragments they include, template overrides and
//! versions at git revisions. Reads are capped and confined: only regular files,
//! at most [`MAX_FILE_BYTES`], and fragments only from inside the project.

use std::io::Read as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;

use super::{MAX_FILE_BYTES, Source, git, parse_fragment};
use crate::diag::{Diagnostic, Pos};
use crate::model::{Fragment, Text};

/// Reads a file into a [`Source`]. Bytes that are not UTF-8 are a diagnostic,
/// not an I/O failure: the user can fix them. The source comes back either way,
/// with the problem that makes it unusable, if any.
pub fn read(path: &Path) -> anyhow::Result<(Source, Option<Diagnostic>)> {
    let name = path.display().to_string();
    let bytes = read_capped(path)?;
    if bytes.len() > MAX_FILE_BYTES {
        let diag = Diagnostic::error(
            format!("the file is more than the limit of {MAX_FILE_BYTES} bytes"),
            Pos::FILE,
        )
        .help("a policy is prose; split it, or check that this is the file you meant");
        return Ok((Source::new(name, ""), Some(diag)));
    }
    Ok(from_bytes(name, path, bytes))
}

/// Reads a policy file, as [`read`] does; a policy that is a symbolic link
/// must lead to a file inside its project (a link in a pull request must not
/// publish `/proc/self/environ`).
pub fn read_policy(path: &Path) -> anyhow::Result<(Source, Option<Diagnostic>)> {
    if path.symlink_metadata().is_ok_and(|m| m.is_symlink()) {
        confined(&project_root(path), path)?;
    }
    read(path)
}

/// The bytes of a regular file, at most one more than [`MAX_FILE_BYTES`]: the
/// size the file system reports is not trusted (`/dev/zero` reports 0), and a
/// FIFO or device is refused before it is opened, so that nothing hangs.
fn read_capped(path: &Path) -> anyhow::Result<Vec<u8>> {
    let name = path.display();
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {name}"))?;
    if meta.is_dir() {
        anyhow::bail!("cannot read {name}: it is a folder, not a file");
    }
    if !meta.is_file() {
        anyhow::bail!(
            "cannot read {name}: it is not a regular file (a device, pipe or socket), so it cannot be a policy"
        );
    }
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
    let mut bytes =
        Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(MAX_FILE_BYTES));
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    Ok(bytes)
}

/// Reads one version of a policy: a file, or `REV:PATH`, a file at a git
/// revision. `REV:PATH` means git whenever REV names a commit; text that could
/// be read both ways (a file committed at the path `origin/main:p.yaml`) is
/// refused rather than guessed, so a pull request cannot stand a file of its
/// own in for the old version.
pub fn read_version(spec: &str) -> anyhow::Result<(Source, Option<Diagnostic>)> {
    let as_path = Path::new(spec);
    let Some((rev, path)) = spec
        .split_once(':')
        .filter(|(rev, path)| !rev.is_empty() && !path.is_empty() && !rev.starts_with("./"))
    else {
        return read(as_path);
    };
    let file_exists = as_path.symlink_metadata().is_ok();
    match (git::commit(rev)?, file_exists) {
        (Some(_), true) => anyhow::bail!(
            "`{spec}` names both a file and the file {path} at git revision {rev}\n  = help: rename the file; write ./{spec} to mean the file, or use --old-rev {rev} to mean git"
        ),
        (Some(commit), false) => read_at(&commit, rev, Path::new(path)),
        (None, true) => read(as_path),
        (None, false) => anyhow::bail!(
            "cannot read `{spec}`: there is no such file, and `{rev}` is not a revision in this git repository\n  = help: {}",
            git::revision_hint(rev)
        ),
    }
}

/// Reads a policy as it was at a git revision.
pub fn read_rev(rev: &str, path: &Path) -> anyhow::Result<(Source, Option<Diagnostic>)> {
    match git::commit(rev)? {
        Some(commit) => read_at(&commit, rev, path),
        None => anyhow::bail!(
            "`{rev}` is not a revision in this git repository\n  = help: {}",
            git::revision_hint(rev)
        ),
    }
}

/// The commits that changed a file, newest first: (commit, commit date YYYY-MM-DD).
pub fn git_versions(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    git::versions(path)
}

/// Reads a file at a commit (a full hash), named in messages by the revision
/// as the user wrote it.
fn read_at(commit: &str, rev: &str, path: &Path) -> anyhow::Result<(Source, Option<Diagnostic>)> {
    let bytes = git::show(commit, path, MAX_FILE_BYTES)?;
    let name = format!("{rev}:{}", path.display());
    let (mut source, problem) = from_bytes(name, path, bytes);
    source.rev = Some(commit.to_string());
    Ok((source, problem))
}

/// Turns the bytes of a file into a [`Source`], or says where they stop being text.
pub fn from_bytes(name: String, path: &Path, bytes: Vec<u8>) -> (Source, Option<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let source = Source {
                path: path.to_path_buf(),
                ..Source::new(name, text)
            };
            (source, None)
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let at = Pos::of_offset(&before, before.len());
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let source = Source {
                path: path.to_path_buf(),
                ..Source::new(name, text)
            };
            let diag = Diagnostic::error(
                format!("the file is not UTF-8 text (byte {valid} is not valid UTF-8)"),
                at,
            )
            .quote(false)
            .help("policy sources are UTF-8 YAML; re-save the file as UTF-8, or check that it is a policy at all");
            (source, Some(diag))
        }
    }
}

/// The folder a policy's project is rooted at, which its includes may not
/// leave: the top of the git work tree that holds the policy; else the
/// current folder, when the policy is inside it; else the policy's own folder.
pub fn project_root(policy: &Path) -> PathBuf {
    let folder = policy
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    if let Some(top) = folder.ancestors().find(|d| d.join(".git").exists()) {
        return top.to_path_buf();
    }
    match std::env::current_dir().and_then(|d| d.canonicalize()) {
        Ok(cwd) if folder.starts_with(&cwd) => cwd,
        _ => folder,
    }
}

/// A path inside `root` once symlinks are resolved, or why not.
pub fn confined(root: &Path, path: &Path) -> anyhow::Result<PathBuf> {
    let real = path
        .canonicalize()
        .with_context(|| format!("cannot read {}", path.display()))?;
    if !real.starts_with(root) {
        anyhow::bail!(
            "{} is outside the project folder {}, and policyc reads nothing outside it",
            path.display(),
            root.display()
        );
    }
    Ok(real)
}

/// `path` with `.` and `..` worked out, or `None` when it is absolute or
/// climbs above where it starts: a path inside a git tree.
fn inside_tree(path: &Path) -> Option<PathBuf> {
    let mut kept = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(p) => kept.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !kept.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(kept)
}

/// Template texts that replace built-in ones, by template name.
pub type Overrides = std::collections::BTreeMap<String, String>;

/// The files in a template folder that replace built-in templates of the same
/// name; other files in the folder are not read. A folder that was asked for
/// and does not exist is an error, not silently no overrides.
pub fn templates(dir: Option<&Path>, names: &[&str]) -> anyhow::Result<Overrides> {
    let mut out = Overrides::new();
    let Some(dir) = dir else { return Ok(out) };
    if !dir.is_dir() {
        anyhow::bail!("the template folder {} does not exist", dir.display());
    }
    for name in names {
        let path = dir.join(name);
        if path.exists() {
            let bytes = read_capped(&path)
                .with_context(|| format!("cannot read template {}", path.display()))?;
            let text = String::from_utf8(bytes)
                .with_context(|| format!("template {} is not UTF-8 text", path.display()))?;
            out.insert(name.to_string(), text);
        }
    }
    Ok(out)
}

/// Reads one fragment a policy includes: from git at the policy's revision,
/// or from the file system inside the policy's project.
fn read_fragment(source: &Source, entry: &str) -> anyhow::Result<(Source, Option<Diagnostic>)> {
    let dir = source.path.parent().unwrap_or(Path::new(""));
    let path = dir.join(entry);
    match &source.rev {
        Some(commit) => {
            let Some(path) = inside_tree(&path) else {
                anyhow::bail!("the path leaves the git repository");
            };
            let shown = source
                .name
                .split_once(':')
                .map_or(commit.as_str(), |(rev, _)| rev);
            read_at(commit, shown, &path)
        }
        None => {
            let real = confined(&project_root(&source.path), &path)?;
            let (mut fragment, problem) = read(&real)?;
            fragment.name = path.display().to_string();
            fragment.path = path;
            Ok((fragment, problem))
        }
    }
}

/// Reads and parses the fragments a policy includes, relative to its file.
/// Problems inside a fragment are reported in the fragment; a fragment that
/// cannot be read is reported at its `include` entry.
pub fn include(source: &Source, entries: &[Text]) -> (Vec<Included>, Vec<Diagnostic>) {
    let mut included = Vec::new();
    let mut diags = Vec::new();
    for entry in entries {
        let at = Source::pos_of(entry);
        let fragment_source = match read_fragment(source, &entry.value) {
            Ok((fragment_source, None)) => Arc::new(fragment_source),
            Ok((fragment_source, Some(diag))) => {
                diags.push(diag.in_source(&Arc::new(fragment_source)));
                continue;
            }
            Err(err) => {
                diags.push(
                    Diagnostic::error(format!("cannot include `{}`: {:#}", entry.value, err), at)
                        .width(entry.value.chars().count())
                        .help("paths in `include` are relative to this policy file and stay inside its project"),
                );
                continue;
            }
        };
        match parse_fragment(&fragment_source) {
            Ok(fragment) => included.push(Included {
                source: fragment_source,
                fragment,
                at,
            }),
            Err(problems) => {
                diags.extend(problems.into_iter().map(|d| d.in_source(&fragment_source)))
            }
        }
    }
    (included, diags)
}

/// A fragment a policy includes, with its source and the place of the `include` entry.
#[derive(Debug)]
pub struct Included {
    pub source: Arc<Source>,
    pub fragment: Fragment,
    pub at: Pos,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_git_path_may_not_climb_out_of_the_tree() {
        assert_eq!(
            inside_tree(Path::new("policies/../shared/_org.yaml")),
            Some(PathBuf::from("shared/_org.yaml"))
        );
        for path in ["../x.yaml", "policies/../../x", "/etc/passwd"] {
            assert_eq!(inside_tree(Path::new(path)), None, "{path}");
        }
    }
}
