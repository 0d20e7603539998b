//! Writing outputs atomically: a temporary file in the same folder, then a rename,
//! so a failed or interrupted build never leaves a half-written policy.

use std::io::{BufRead as _, Write as _};
use std::path::Path;

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
/// the file already holds them: for a caller that has just checked with
/// [`unchanged`].
pub fn replace(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create folder {}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".policyc-")
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
    tmp.persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
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
