//! Writing the generated crate to disk: compare the desired files with what is
//! already under the output directory, show the difference, and apply it.
//!
//! Only files whose first line carries the [`MARKER`] are ever considered
//! stale and removed; hand-written files next to them are left alone.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Marker that every generated file carries in its first line.
pub const MARKER: &str = "@generated";

/// An error while planning or applying; each I/O variant names the path.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("invalid output path `{path}`: must be relative, `/`-separated, without `.` or `..`")]
    InvalidPath { path: String },
    #[error("cannot list directory {}", path.display())]
    ReadDir { path: PathBuf, source: io::Error },
    #[error("cannot read {}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot create directory {}", path.display())]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("cannot write {}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot rename {} into place", path.display())]
    Rename { path: PathBuf, source: io::Error },
    #[error("cannot remove {}", path.display())]
    Remove { path: PathBuf, source: io::Error },
}

/// One file that differs: `old` is `None` for a created file, `new` is `None`
/// for a removed (stale generated) file, both are set for an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The difference between the desired files and the output directory.
#[derive(Debug)]
pub struct Plan {
    out: PathBuf,
    /// Every differing file, keyed by its relative `/`-separated path.
    pub changes: BTreeMap<String, Change>,
    /// Number of desired files already on disk with identical content.
    pub unchanged: usize,
}

/// Compare the desired files with what is on disk under `out`.
pub fn plan(out: &Path, files: &BTreeMap<String, String>) -> Result<Plan, WriteError> {
    let mut changes = BTreeMap::new();
    let mut unchanged = 0;
    for (rel, new) in files {
        let path = out.join(checked(rel)?);
        let old = match fs::read(&path) {
            Ok(bytes) if bytes == new.as_bytes() => {
                unchanged += 1;
                continue;
            }
            Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            // Not found, or a parent is not a directory: the file does not exist.
            Err(_) if !path.exists() => None,
            Err(source) => return Err(WriteError::Read { path, source }),
        };
        changes.insert(
            rel.clone(),
            Change {
                old,
                new: Some(new.clone()),
            },
        );
    }
    let mut on_disk = Vec::new();
    if out.is_dir() {
        walk(out, "", &mut on_disk)?;
    }
    for rel in on_disk.into_iter().filter(|rel| !files.contains_key(rel)) {
        let path = out.join(&rel);
        let bytes = fs::read(&path).map_err(|source| WriteError::Read { path, source })?;
        let text = String::from_utf8_lossy(&bytes);
        if text.lines().next().is_some_and(|l| l.contains(MARKER)) {
            changes.insert(
                rel,
                Change {
                    old: Some(text.into_owned()),
                    new: None,
                },
            );
        }
    }
    Ok(Plan {
        out: out.to_path_buf(),
        changes,
        unchanged,
    })
}

/// Validate a relative `/`-separated path and turn it into a native path.
fn checked(rel: &str) -> Result<PathBuf, WriteError> {
    let bad = rel.is_empty()
        || rel.contains('\\')
        || Path::new(rel).is_absolute()
        || rel
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == ".." || c.contains(':'));
    if bad {
        return Err(WriteError::InvalidPath {
            path: rel.to_string(),
        });
    }
    Ok(rel.split('/').collect())
}

/// Collect regular files under `dir` (sorted), skipping `target` and hidden
/// directories and symlinks. `prefix` is the `/`-separated path of `dir`.
fn walk(dir: &Path, prefix: &str, acc: &mut Vec<String>) -> Result<(), WriteError> {
    let read_dir_err = |source| WriteError::ReadDir {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries = fs::read_dir(dir)
        .and_then(|it| it.collect::<io::Result<Vec<_>>>())
        .map_err(read_dir_err)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue; // non-UTF-8 names are never ours
        };
        let rel = format!("{prefix}{name}");
        let ty = entry.file_type().map_err(read_dir_err)?;
        if ty.is_dir() {
            if name != "target" && !name.starts_with('.') {
                walk(&entry.path(), &format!("{rel}/"), acc)?;
            }
        } else if ty.is_file() {
            acc.push(rel);
        }
    }
    Ok(())
}

impl Plan {
    /// True when the directory already matches the desired files.
    pub fn is_clean(&self) -> bool {
        self.changes.is_empty()
    }

    /// Unified diff of every change, sorted by path.
    pub fn diff(&self) -> String {
        let mut s = String::new();
        for (rel, change) in &self.changes {
            let old = change.old.as_deref().unwrap_or("");
            let new = change.new.as_deref().unwrap_or("");
            let diff = similar::TextDiff::from_lines(old, new);
            let mut unified = diff.unified_diff();
            unified
                .context_radius(3)
                .header(&format!("a/{rel}"), &format!("b/{rel}"));
            s.push_str(&unified.to_string());
        }
        s
    }

    /// One-line summary like "3 changed, 1 added, 1 removed, 40 unchanged".
    pub fn summary(&self) -> String {
        let count = |f: fn(&Change) -> bool| self.changes.values().filter(|c| f(c)).count();
        format!(
            "{} changed, {} added, {} removed, {} unchanged",
            count(|c| c.old.is_some() && c.new.is_some()),
            count(|c| c.old.is_none()),
            count(|c| c.new.is_none()),
            self.unchanged
        )
    }

    /// Write changed files atomically (temp file + rename), then remove stale
    /// generated files and the directories that this leaves empty.
    pub fn apply(&self) -> Result<(), WriteError> {
        // Phase 1: write every temp file; on error delete those written so far.
        let mut pending: Vec<(PathBuf, PathBuf)> = Vec::new();
        for (rel, change) in &self.changes {
            let Some(new) = &change.new else { continue };
            if let Err(e) = self.write_temp(rel, new, &mut pending) {
                discard(&pending);
                return Err(e);
            }
        }
        // Phase 2: rename them into place.
        for (i, (tmp, target)) in pending.iter().enumerate() {
            if let Err(source) = fs::rename(tmp, target) {
                discard(&pending[i..]);
                return Err(WriteError::Rename {
                    path: target.clone(),
                    source,
                });
            }
        }
        // Phase 3: remove stale files, then directories left empty.
        let mut dirs = BTreeSet::new();
        for rel in self
            .changes
            .iter()
            .filter(|(_, c)| c.new.is_none())
            .map(|(r, _)| r)
        {
            let path = self.out.join(rel); // came from our own walk of `out`
            fs::remove_file(&path).map_err(|source| WriteError::Remove { path, source })?;
            let mut parts: Vec<&str> = rel.split('/').collect();
            parts.pop();
            while !parts.is_empty() {
                dirs.insert(parts.join("/"));
                parts.pop();
            }
        }
        // Reverse lexical order visits every directory after its descendants.
        for rel in dirs.iter().rev() {
            let path = self.out.join(rel);
            let empty = match fs::read_dir(&path) {
                Ok(mut it) => it.next().is_none(),
                Err(e) if e.kind() == io::ErrorKind::NotFound => false,
                Err(source) => return Err(WriteError::ReadDir { path, source }),
            };
            if empty {
                fs::remove_dir(&path).map_err(|source| WriteError::Remove { path, source })?;
            }
        }
        Ok(())
    }

    fn write_temp(
        &self,
        rel: &str,
        content: &str,
        pending: &mut Vec<(PathBuf, PathBuf)>,
    ) -> Result<(), WriteError> {
        let target = self.out.join(checked(rel)?);
        let dir = target.parent().unwrap_or(&self.out).to_path_buf();
        fs::create_dir_all(&dir).map_err(|source| WriteError::CreateDir {
            path: dir.clone(),
            source,
        })?;
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        if let Err(source) = fs::write(&tmp, content) {
            let _ = fs::remove_file(&tmp); // may be partially written
            return Err(WriteError::Write { path: tmp, source });
        }
        pending.push((tmp, target));
        Ok(())
    }
}

/// Best-effort removal of temp files after a failure.
fn discard(pending: &[(PathBuf, PathBuf)]) {
    for (tmp, _) in pending {
        let _ = fs::remove_file(tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A unique temporary directory, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> Self {
            static N: AtomicUsize = AtomicUsize::new(0);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            let n = N.fetch_add(1, Ordering::SeqCst);
            let dir = std::env::temp_dir()
                .join(format!("xtask-write-{}-{nanos}-{n}", std::process::id()));
            fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
        fn put(&self, rel: &str, content: &str) {
            let path = self.0.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, content).unwrap();
        }
        fn get(&self, rel: &str) -> Option<String> {
            fs::read_to_string(self.0.join(rel)).ok()
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn gen(body: &str) -> String {
        format!("// @generated by `cargo xtask codegen`. Do not edit.\n{body}")
    }

    fn map(entries: &[(&str, String)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn empty_dir_everything_added() {
        let tmp = TempDir::new();
        let files = map(&[
            ("Cargo.toml", gen("[package]\n")),
            ("src/lib.rs", gen("mod a;\n")),
        ]);
        let plan = plan(&tmp.0, &files).unwrap();
        assert!(!plan.is_clean());
        assert_eq!(plan.summary(), "0 changed, 2 added, 0 removed, 0 unchanged");
        assert_eq!(plan.changes.len(), 2);
        assert!(plan.changes.values().all(|c| c.old.is_none()));
    }

    #[test]
    fn missing_out_dir_everything_added() {
        let tmp = TempDir::new();
        let out = tmp.0.join("does/not/exist");
        let files = map(&[("src/lib.rs", gen("x\n"))]);
        let p = plan(&out, &files).unwrap();
        assert_eq!(p.summary(), "0 changed, 1 added, 0 removed, 0 unchanged");
        p.apply().unwrap();
        assert_eq!(
            fs::read_to_string(out.join("src/lib.rs")).unwrap(),
            gen("x\n")
        );
    }

    #[test]
    fn unchanged_files_detected() {
        let tmp = TempDir::new();
        tmp.put("src/lib.rs", &gen("mod a;\n"));
        tmp.put("src/a.rs", &gen("pub struct A;\n"));
        let files = map(&[
            ("src/lib.rs", gen("mod a;\n")),
            ("src/a.rs", gen("pub struct A;\n")),
        ]);
        let p = plan(&tmp.0, &files).unwrap();
        assert!(p.is_clean());
        assert_eq!(p.diff(), "");
        assert_eq!(p.summary(), "0 changed, 0 added, 0 removed, 2 unchanged");
    }

    #[test]
    fn changed_file_diff_content() {
        let tmp = TempDir::new();
        tmp.put("src/lib.rs", &gen("a\nb\nc\n"));
        let files = map(&[("src/lib.rs", gen("a\nB\nc\n"))]);
        let p = plan(&tmp.0, &files).unwrap();
        assert_eq!(p.summary(), "1 changed, 0 added, 0 removed, 0 unchanged");
        let diff = p.diff();
        assert!(diff.contains("-b\n"), "{diff}");
        assert!(diff.contains("+B\n"), "{diff}");
        assert!(diff.contains(" a\n") && diff.contains(" c\n"), "{diff}");
        p.apply().unwrap();
        assert_eq!(tmp.get("src/lib.rs").unwrap(), gen("a\nB\nc\n"));
    }

    #[test]
    fn diff_format_headers_and_order() {
        let tmp = TempDir::new();
        tmp.put("b.rs", &gen("old\n"));
        tmp.put("z_stale.rs", &gen("gone\n"));
        let files = map(&[("b.rs", gen("new\n")), ("a.rs", gen("added\n"))]);
        let diff = plan(&tmp.0, &files).unwrap().diff();
        let expected = "\
--- a/a.rs
+++ b/a.rs
@@ -0,0 +1,2 @@
+// @generated by `cargo xtask codegen`. Do not edit.
+added
--- a/b.rs
+++ b/b.rs
@@ -1,2 +1,2 @@
 // @generated by `cargo xtask codegen`. Do not edit.
-old
+new
--- a/z_stale.rs
+++ b/z_stale.rs
@@ -1,2 +0,0 @@
-// @generated by `cargo xtask codegen`. Do not edit.
-gone
";
        assert_eq!(diff, expected);
    }

    #[test]
    fn context_is_three_lines() {
        let tmp = TempDir::new();
        let old: String = (0..20).map(|i| format!("{i}\n")).collect();
        let new = old.replace("10\n", "ten\n");
        tmp.put("f.txt", &old);
        let diff = plan(&tmp.0, &map(&[("f.txt", new)])).unwrap().diff();
        assert!(diff.contains("@@ -8,7 +8,7 @@"), "{diff}");
        assert!(!diff.contains(" 6\n") && diff.contains(" 7\n") && diff.contains(" 13\n"));
        assert!(!diff.contains(" 14\n"));
    }

    #[test]
    fn stale_generated_removed_handwritten_kept() {
        let tmp = TempDir::new();
        tmp.put("src/lib.rs", &gen("mod a;\n"));
        tmp.put("src/old.rs", &gen("stale\n"));
        tmp.put("README.md", "# Hand-written\nmentions @generated later\n");
        tmp.put(
            "Cargo.toml",
            "# @generated by `cargo xtask codegen`.\n[package]\n",
        );
        let files = map(&[("src/lib.rs", gen("mod a;\n"))]);
        let p = plan(&tmp.0, &files).unwrap();
        assert_eq!(p.summary(), "0 changed, 0 added, 2 removed, 1 unchanged");
        assert!(!p.changes.contains_key("README.md"));
        p.apply().unwrap();
        assert_eq!(tmp.get("src/old.rs"), None);
        assert_eq!(tmp.get("Cargo.toml"), None);
        assert!(tmp.get("README.md").is_some());
        assert!(tmp.get("src/lib.rs").is_some());
    }

    #[test]
    fn handwritten_file_in_map_is_updated() {
        let tmp = TempDir::new();
        tmp.put("README.md", "hand-written\n");
        let files = map(&[("README.md", gen("now generated\n"))]);
        let p = plan(&tmp.0, &files).unwrap();
        assert_eq!(p.summary(), "1 changed, 0 added, 0 removed, 0 unchanged");
        p.apply().unwrap();
        assert_eq!(tmp.get("README.md").unwrap(), gen("now generated\n"));
    }

    #[test]
    fn target_and_hidden_dirs_skipped() {
        let tmp = TempDir::new();
        tmp.put("target/debug/x.rs", &gen("build output\n"));
        tmp.put(".git/x.rs", &gen("hidden\n"));
        tmp.put("sub/.hidden/x.rs", &gen("hidden\n"));
        let p = plan(&tmp.0, &BTreeMap::new()).unwrap();
        assert!(p.is_clean(), "{:?}", p.changes);
    }

    #[test]
    fn nested_dirs_created_and_empty_dirs_cleaned() {
        let tmp = TempDir::new();
        tmp.put("src/model/deep/old.rs", &gen("x\n"));
        tmp.put("src/model/deep/er/older.rs", &gen("y\n"));
        tmp.put("src/keep/notes.txt", "user file\n");
        tmp.put("src/keep/gen.rs", &gen("z\n"));
        let files = map(&[("src/a/b/c/new.rs", gen("new\n"))]);
        let p = plan(&tmp.0, &files).unwrap();
        assert_eq!(p.summary(), "0 changed, 1 added, 3 removed, 0 unchanged");
        p.apply().unwrap();
        assert_eq!(tmp.get("src/a/b/c/new.rs").unwrap(), gen("new\n"));
        assert!(!tmp.0.join("src/model").exists());
        assert!(tmp.0.join("src/keep/notes.txt").exists());
        assert!(!tmp.0.join("src/keep/gen.rs").exists());
        assert!(tmp.0.exists());
        // No temp files left behind anywhere.
        let mut all = Vec::new();
        walk(&tmp.0, "", &mut all).unwrap();
        assert_eq!(all, ["src/a/b/c/new.rs", "src/keep/notes.txt"]);
    }

    #[test]
    fn apply_is_idempotent() {
        let tmp = TempDir::new();
        tmp.put("src/lib.rs", &gen("old\n"));
        tmp.put("src/stale.rs", &gen("stale\n"));
        let files = map(&[
            ("Cargo.toml", "# @generated\n[package]\n".to_string()),
            ("src/lib.rs", gen("new\n")),
            ("src/x/y.rs", gen("y\n")),
        ]);
        plan(&tmp.0, &files).unwrap().apply().unwrap();
        let second = plan(&tmp.0, &files).unwrap();
        assert!(second.is_clean(), "{}", second.diff());
        assert_eq!(
            second.summary(),
            "0 changed, 0 added, 0 removed, 3 unchanged"
        );
        second.apply().unwrap();
        assert!(plan(&tmp.0, &files).unwrap().is_clean());
    }

    #[test]
    fn rejects_bad_paths() {
        let tmp = TempDir::new();
        for bad in [
            "../escape.rs",
            "src/../../x.rs",
            "/abs.rs",
            "",
            "a//b",
            "./a",
            "a\\b",
        ] {
            let files = map(&[(bad, gen("x\n"))]);
            match plan(&tmp.0, &files) {
                Err(WriteError::InvalidPath { path }) => assert_eq!(path, bad),
                other => panic!("{bad:?}: expected InvalidPath, got {other:?}"),
            }
        }
        assert!(!tmp.0.parent().unwrap().join("escape.rs").exists());
    }

    #[test]
    fn write_error_rolls_back_temp_files() {
        let tmp = TempDir::new();
        // `b` is a file, so creating `b/c.rs` fails after `a.rs`'s temp file is written.
        tmp.put("b", "plain file\n");
        let files = map(&[("a.rs", gen("a\n")), ("b/c.rs", gen("c\n"))]);
        let p = plan(&tmp.0, &files).unwrap();
        let err = p.apply().unwrap_err();
        assert!(matches!(err, WriteError::CreateDir { .. }), "{err:?}");
        let mut all = Vec::new();
        walk(&tmp.0, "", &mut all).unwrap();
        assert_eq!(all, ["b"], "temp files must be cleaned up");
        assert!(err.to_string().contains("cannot create directory"));
    }
}
