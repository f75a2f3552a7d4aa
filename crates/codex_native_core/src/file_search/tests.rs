use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{grep_files, list_files, FileSearchError, GrepOptions, ListOptions};

/// A throwaway directory tree, removed when dropped.
struct TempTree {
    root: PathBuf,
}

impl TempTree {
    fn new(name: &str) -> TempTree {
        let root =
            std::env::temp_dir().join(format!("codex-file-search-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        TempTree { root }
    }

    /// Writes `contents` at `relative` with a modification time `age_seconds` in the past.
    fn write(&self, relative: &str, contents: &[u8], age_seconds: u64) -> PathBuf {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(age_seconds))
            .unwrap();
        path
    }

    fn relative(&self, paths: Vec<PathBuf>) -> Vec<String> {
        paths
            .iter()
            .map(|path| {
                path.strip_prefix(&self.root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn grep(
    root: &Path,
    pattern: &str,
    include: Option<&str>,
    limit: usize,
) -> Result<Vec<PathBuf>, FileSearchError> {
    grep_files(&GrepOptions {
        root: root.to_path_buf(),
        pattern: pattern.to_string(),
        include: include.map(str::to_string),
        glob_base: None,
        limit,
        timeout: None,
    })
}

fn list(root: &Path, include: Option<&str>, limit: Option<usize>) -> Vec<PathBuf> {
    list_files(&ListOptions {
        root: root.to_path_buf(),
        include: include.map(str::to_string),
        glob_base: None,
        limit,
        timeout: None,
    })
    .unwrap()
}

#[test]
fn file_search_grep_lists_matches_newest_first() {
    let tree = TempTree::new("order");
    tree.write("old.txt", b"needle here\n", 300);
    tree.write("nested/new.txt", b"a\nthe needle\n", 10);
    tree.write("middle.txt", b"needle\n", 100);
    tree.write("other.txt", b"nothing to see\n", 1);
    let found = grep(&tree.root, "need+le", None, 100).unwrap();
    assert_eq!(
        tree.relative(found),
        ["nested/new.txt", "middle.txt", "old.txt"]
    );
}

#[test]
fn file_search_grep_limit_keeps_the_newest_matches() {
    let tree = TempTree::new("limit");
    // Non-matching files interleaved with matching ones; ages scrambled relative to names.
    let mut expected = Vec::new();
    for index in 0..400u64 {
        let age = (index * 7919) % 400 + 1;
        let name = format!("dir{}/file{index}.txt", index % 9);
        let matches = index % 3 == 0;
        tree.write(&name, if matches { b"x\nMATCH\n" } else { b"x\ny\n" }, age);
        if matches {
            expected.push((age, name));
        }
    }
    expected.sort();
    let expected: Vec<String> = expected
        .into_iter()
        .take(25)
        .map(|(_, name)| name)
        .collect();
    let found = grep(&tree.root, "MATCH", None, 25).unwrap();
    assert_eq!(tree.relative(found), expected);
}

#[test]
fn file_search_grep_honours_gitignore_in_repositories_and_ignore_files_everywhere() {
    let tree = TempTree::new("ignore");
    fs::create_dir_all(tree.root.join("repo/.git")).unwrap();
    tree.write("repo/.gitignore", b"ignored.txt\nbuild/\n", 5);
    tree.write("repo/ignored.txt", b"needle\n", 5);
    tree.write("repo/build/out.txt", b"needle\n", 5);
    tree.write("repo/kept.txt", b"needle\n", 5);
    tree.write("repo/.hidden.txt", b"needle\n", 5);
    // Outside a git repository .gitignore is not honoured, but .ignore is.
    tree.write("plain/.gitignore", b"a.txt\n", 5);
    tree.write("plain/.ignore", b"b.txt\n", 5);
    tree.write("plain/a.txt", b"needle\n", 5);
    tree.write("plain/b.txt", b"needle\n", 5);
    let mut found = tree.relative(grep(&tree.root, "needle", None, 100).unwrap());
    found.sort();
    // Like git's GIT_CEILING_DIRECTORIES, the expectation must not hinge on what lies above the
    // temp dir: a repository enclosing it (a stray .git above TMPDIR) makes "plain" part of a
    // repository, where its .gitignore rightly applies, as ripgrep does.
    let expected: &[&str] = if inside_enclosing_repository(&tree.root) {
        &["repo/kept.txt"]
    } else {
        &["plain/a.txt", "repo/kept.txt"]
    };
    assert_eq!(found, expected);
}

/// Whether a directory above `dir` is a git (or jj) repository, as the `ignore` crate decides it.
fn inside_enclosing_repository(dir: &Path) -> bool {
    let dir = dir.canonicalize().unwrap();
    dir.ancestors()
        .skip(1)
        .any(|ancestor| ancestor.join(".git").exists() || ancestor.join(".jj").exists())
}

#[test]
fn file_search_grep_skips_binary_files_unless_named_explicitly() {
    let tree = TempTree::new("binary");
    let binary = tree.write("image.bin", b"needle\x00\x01\x02", 5);
    tree.write("text.txt", b"needle\n", 5);
    assert_eq!(
        tree.relative(grep(&tree.root, "needle", None, 100).unwrap()),
        ["text.txt"]
    );
    assert_eq!(grep(&binary, "needle", None, 100).unwrap(), [binary]);
}

#[test]
fn file_search_grep_applies_the_include_glob() {
    let tree = TempTree::new("glob");
    tree.write("src/a.rs", b"fn needle() {}\n", 3);
    tree.write("src/b.ts", b"const needle = 1;\n", 2);
    tree.write("src/c.tsx", b"needle\n", 1);
    assert_eq!(
        tree.relative(grep(&tree.root, "needle", Some("*.rs"), 100).unwrap()),
        ["src/a.rs"]
    );
    assert_eq!(
        tree.relative(grep(&tree.root, "needle", Some("*.{ts,tsx}"), 100).unwrap()),
        ["src/c.tsx", "src/b.ts"]
    );
    assert_eq!(
        tree.relative(grep(&tree.root, "needle", Some("!*.rs"), 100).unwrap()),
        ["src/c.tsx", "src/b.ts"]
    );
    let error = grep(&tree.root, "needle", Some("a{b"), 100).unwrap_err();
    assert!(
        matches!(error, FileSearchError::InvalidGlob { .. }),
        "{error}"
    );
}

#[test]
fn file_search_grep_reports_bad_input() {
    let tree = TempTree::new("errors");
    tree.write("a.txt", b"x\n", 1);
    let error = grep(&tree.root, "(unclosed", None, 10).unwrap_err();
    assert!(matches!(error, FileSearchError::InvalidPattern(_)));
    assert!(error.to_string().contains("unclosed group"), "{error}");
    assert!(error.is_invalid_input());

    let missing = tree.root.join("missing");
    let error = grep(&missing, "x", None, 10).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with(&format!("unable to access `{}`: ", missing.display())),
        "{error}"
    );
}

#[test]
fn file_search_grep_patterns_do_not_span_lines() {
    let tree = TempTree::new("lines");
    tree.write("a.txt", b"first\nsecond\n", 1);
    assert!(grep(&tree.root, "first\\s+second", None, 10)
        .unwrap()
        .is_empty());
    assert_eq!(grep(&tree.root, "^second$", None, 10).unwrap().len(), 1);
}

#[test]
fn file_search_grep_times_out() {
    let tree = TempTree::new("timeout");
    tree.write("a.txt", b"x\n", 1);
    let error = grep_files(&GrepOptions {
        root: tree.root.clone(),
        pattern: "x".to_string(),
        include: None,
        glob_base: None,
        limit: 10,
        timeout: Some(Duration::ZERO),
    })
    .unwrap_err();
    assert!(matches!(error, FileSearchError::TimedOut(_)));
    assert!(!error.is_invalid_input());
}

#[test]
fn file_search_list_files_like_rg_files() {
    let tree = TempTree::new("list");
    fs::create_dir_all(tree.root.join(".git")).unwrap();
    tree.write(".gitignore", b"target/\n", 1);
    tree.write("target/debug.o", b"x", 1);
    tree.write("src/main.rs", b"x", 1);
    tree.write("src/lib.rs", b"x", 1);
    tree.write("README.md", b"x", 1);
    tree.write(".env", b"x", 1);
    assert_eq!(
        tree.relative(list(&tree.root, None, None)),
        ["README.md", "src/lib.rs", "src/main.rs"]
    );
    assert_eq!(
        tree.relative(list(&tree.root, Some("*.rs"), Some(1))),
        ["src/lib.rs"]
    );
}
