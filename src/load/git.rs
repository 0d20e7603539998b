//! Reading policies from git: `REV:PATH` versions and a file's history. Every
//! revision is checked and resolved to a commit before git reads anything, so
//! that nothing a user or a pull request writes reaches git as an option.

use std::path::Path;
use std::process::Command;

use anyhow::Context as _;

/// A revision as the user wrote it, refused when git could read it as an
/// option (`--output=FILE` would make `git show` overwrite FILE).
fn checked(rev: &str) -> anyhow::Result<&str> {
    if rev.starts_with('-') {
        anyhow::bail!(
            "`{rev}` is not a git revision: a revision cannot start with `-`\n  = help: name a branch, tag or commit, such as origin/main"
        );
    }
    if rev.chars().any(char::is_control) {
        anyhow::bail!("`{}` is not a git revision", rev.escape_debug());
    }
    Ok(rev)
}

/// The commit a revision names, or `None` when it names none (or this is not
/// a git repository).
pub fn commit(rev: &str) -> anyhow::Result<Option<String>> {
    let rev = checked(rev)?;
    let out = Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .context("cannot run git")?;
    let sha = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let is_sha = !sha.is_empty() && sha.chars().all(|c| c.is_ascii_hexdigit());
    Ok((out.status.success() && is_sha).then_some(sha))
}

/// The bytes of a file at a commit (a full hash from [`commit`]), read
/// without a shell, filters or text conversion, and at most `limit` bytes.
pub fn show(commit: &str, path: &Path, limit: usize) -> anyhow::Result<Vec<u8>> {
    let spec = format!("{commit}:{}", tree_path(path)?.display());
    let out = Command::new("git")
        .args(["cat-file", "blob", "--end-of-options", &spec])
        .output()
        .with_context(|| format!("cannot run git to read {spec}"))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        anyhow::bail!("cannot read {spec} from git: {}", why.trim());
    }
    if out.stdout.len() > limit {
        anyhow::bail!("{spec} is more than {limit} bytes");
    }
    Ok(out.stdout)
}

/// A path as `REV:PATH` needs it: relative to the current folder (`./`, as
/// a path on the command line is), or an absolute path made relative to the
/// top of the work tree, which git does not take after `REV:`.
fn tree_path(path: &Path) -> anyhow::Result<std::path::PathBuf> {
    if path.is_relative() {
        return Ok(Path::new(".").join(path));
    }
    let out = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .context("cannot run git")?;
    let top = std::path::PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let top = top.canonicalize().unwrap_or(top);
    let folder = path.parent().unwrap_or(path);
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    let inside = folder
        .strip_prefix(&top)
        .map_err(|_| anyhow::anyhow!("{} is not inside this git repository", path.display()))?;
    Ok(inside.join(path.file_name().unwrap_or_default()))
}

/// The commits that changed a file, newest first: (commit, commit date YYYY-MM-DD).
pub fn versions(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let out = Command::new("git")
        .args(["log", "--follow", "--format=%H %cs", "--"])
        .arg(path)
        .output()
        .with_context(|| format!("cannot run git to list the history of {}", path.display()))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        anyhow::bail!(
            "cannot list the git history of {}: {}",
            path.display(),
            why.trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(c, d)| (c.to_string(), d.to_string()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_that_git_would_read_as_an_option_is_refused() {
        for rev in ["--output=/tmp/x", "-p", "--end-of-options"] {
            let err = commit(rev).expect_err(rev).to_string();
            assert!(err.contains("cannot start with `-`"), "{err}");
        }
    }
}
