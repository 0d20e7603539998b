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

/// What to write instead of a path that git does not have: a path after
/// `REV:` is read from the current folder, so from `policies/` the file is
/// `privacy.yaml`, not `policies/privacy.yaml`.
fn path_hint(path: &Path) -> String {
    let here = "a path after `REV:` is read from the current folder, as git's `REV:./PATH`";
    let shorter = (1..path.components().count())
        .map(|i| path.components().skip(i).collect::<std::path::PathBuf>())
        .find(|p| p.is_file());
    match shorter {
        Some(p) => format!("{here}; from this folder, write `REV:{}`", p.display()),
        None => format!("{here}; check the path, and that the file was committed at that revision"),
    }
}

/// Why a revision names no commit, and what to do: a folder outside git, or
/// the nearest branch or tag name.
pub fn revision_hint(rev: &str) -> String {
    let in_git = Command::new("git")
        .args(["rev-parse", "--git-dir"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !in_git {
        return "this folder is not in a git repository: run `git init`, then `git add` and `git commit` the policy, and compare with HEAD".into();
    }
    let refs = Command::new("git")
        .args([
            "for-each-ref",
            "--format=%(refname:short)",
            "refs/heads",
            "refs/remotes",
            "refs/tags",
        ])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let names: Vec<&str> = refs.lines().filter(|l| !l.is_empty()).collect();
    if names.is_empty() {
        return "the repository has no commit yet: commit the policy, then compare with HEAD"
            .into();
    }
    crate::suggest::did_you_mean(rev, names.iter().copied(), "revisions").unwrap_or_else(|| {
        let shown: Vec<&str> = names.iter().take(8).copied().collect();
        format!("name a branch, tag or commit; here: {}", shown.join(", "))
    })
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
        if why.contains("does not exist") {
            anyhow::bail!(
                "{} is not in git at that revision\n  = help: {}",
                path.display(),
                path_hint(path)
            );
        }
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
