//! Writing outputs atomically: a temporary file in the same folder, then a rename,
//! so a failed or interrupted build never leaves a half-written policy.

use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// Writes `bytes` to `path` atomically, creating its folder. An unchanged file is
/// left alone, so its modification time still says when it last changed.
pub fn atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if unchanged(path, bytes) {
        return Ok(());
    }
    replace(path, bytes)
}

/// Writes `bytes` to `path` atomically, creating its folder, whether or not
/// the file already holds them.
pub fn replace(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    staged(path, bytes)?
        .persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

/// Replaces several files as one change: each is written and synced to a
/// temporary file beside it first, and only when all are written are they
/// renamed into place, so that a full disk leaves every file as it was, not
/// one format of a policy new and another old. Files that already hold their
/// bytes are left alone. Returns how many were replaced.
pub fn replace_together(files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<usize> {
    stage(files)?.persist()
}

/// Files written and synced beside their paths, not yet in place: the first
/// half of [`replace_together`], which a build does on the thread that
/// rendered them. Dropped without [`Staged::persist`], they are removed.
pub struct Staged(Vec<(PathBuf, tempfile::TempPath)>);

/// Stages the files that do not already hold their bytes.
pub fn stage(files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<Staged> {
    let staged = files
        .iter()
        .filter(|(path, bytes)| !unchanged(path, bytes))
        // Closed once synced: a build of many policies holds paths, not open files.
        .map(|(path, bytes)| staged(path, bytes).map(|tmp| (path.clone(), tmp.into_temp_path())))
        .collect::<anyhow::Result<_>>()?;
    Ok(Staged(staged))
}

impl Staged {
    /// Renames every staged file into place; returns how many there were.
    pub fn persist(self) -> anyhow::Result<usize> {
        let count = self.0.len();
        for (path, tmp) in self.0 {
            tmp.persist(&path)
                .with_context(|| format!("cannot replace {}", path.display()))?;
        }
        Ok(count)
    }
}

/// The prefix of policyc's temporary files, which a build killed mid-write
/// can leave behind.
const TEMP_PREFIX: &str = ".policyc-";

/// Removes temporary files a killed build left in `dir`; call it holding the
/// folder's [`lock`], so that no other build's are taken.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Takes the output folder for one build at a time, waiting for another
/// build that holds it; released when the returned handle is dropped. The
/// lock is on the folder itself, so nothing is added to what is published.
pub fn lock(dir: &Path) -> anyhow::Result<std::fs::File> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create folder {}", dir.display()))?;
    let handle = std::fs::File::open(dir)
        .with_context(|| format!("cannot open folder {}", dir.display()))?;
    handle
        .lock()
        .with_context(|| format!("cannot lock folder {}", dir.display()))?;
    Ok(handle)
}

/// `bytes` written and synced to a temporary file beside `path`, creating its folder.
fn staged(path: &Path, bytes: &[u8]) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create folder {}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // Published files are world-readable, unlike tempfile's private default.
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("cannot set permissions of {}", path.display()))?;
    }
    Ok(tmp)
}

/// Whether the file at `path` holds exactly `bytes`. Compared a buffer at a
/// time, and only when the lengths agree, so that checking a large output
/// does not hold a second copy of it in memory.
pub fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != u64::try_from(bytes.len()).ok() {
        return false;
    }
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, file);
    let mut rest = bytes;
    loop {
        let Ok(chunk) = reader.fill_buf() else {
            return false;
        };
        if chunk.is_empty() {
            return rest.is_empty();
        }
        let n = chunk.len().min(rest.len());
        if chunk[..n] != rest[..n] || n < chunk.len() {
            return false;
        }
        rest = &rest[n..];
        reader.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_replaced_together_are_all_left_as_they_were_when_one_cannot_be_written() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (a, b) = (dir.path().join("p.html"), dir.path().join("p.md"));
        std::fs::write(&a, "old page").expect("write");
        // A file where b's folder should be: b cannot be staged.
        std::fs::write(dir.path().join("sub"), "").expect("write");
        let blocked = dir.path().join("sub/p.txt");
        let files = vec![
            (a.clone(), b"new page".to_vec()),
            (b.clone(), b"new md".to_vec()),
            (blocked, b"new text".to_vec()),
        ];
        assert!(replace_together(&files).is_err());
        assert_eq!(
            std::fs::read_to_string(&a).ok().as_deref(),
            Some("old page")
        );
        assert!(!b.exists());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with(TEMP_PREFIX)),
            "{names:?}"
        );
    }

    #[test]
    fn staged_files_dropped_unpersisted_leave_the_folder_as_it_was() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (a, b) = (dir.path().join("p.html"), dir.path().join("p.md"));
        std::fs::write(&a, "old page").expect("write");
        let staged = stage(&[
            (a.clone(), b"new page".to_vec()),
            (b.clone(), b"md".to_vec()),
        ])
        .expect("staged");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 3);
        drop(staged);
        assert_eq!(
            std::fs::read_to_string(&a).ok().as_deref(),
            Some("old page")
        );
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
        // Persisted, both are in place; an unchanged file is not staged again.
        let staged = stage(&[
            (a.clone(), b"new page".to_vec()),
            (b.clone(), b"md".to_vec()),
        ]);
        assert_eq!(staged.and_then(Staged::persist).ok(), Some(2));
        let again = stage(&[(a.clone(), b"new page".to_vec()), (b, b"md".to_vec())]);
        assert_eq!(again.and_then(Staged::persist).ok(), Some(0));
    }

    #[test]
    fn an_unchanged_output_is_left_alone_and_a_changed_one_replaced() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("p.html");
        let long = "x".repeat(200_000);
        atomic(&path, long.as_bytes()).expect("first write");
        let past = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(past))
            .expect("set the time");
        let modified = || std::fs::metadata(&path).and_then(|m| m.modified()).ok();

        atomic(&path, long.as_bytes()).expect("same bytes");
        assert_eq!(modified(), Some(past), "same bytes must not touch the file");

        // Same length, one byte different, past the first buffer.
        let mut changed = long.clone().into_bytes();
        changed[150_000] = b'y';
        for bytes in [
            changed,
            long.as_bytes()[1..].to_vec(),
            format!("{long}x").into_bytes(),
        ] {
            atomic(&path, &bytes).expect("changed bytes");
            assert_eq!(std::fs::read(&path).ok(), Some(bytes));
            assert_ne!(modified(), Some(past));
        }
    }
}
