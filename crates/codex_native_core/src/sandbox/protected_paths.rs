use std::fs;
use std::path::{Path, PathBuf};

/// Entries at the top of a writable root that stay read-only: the repository metadata (a
/// command must not rewrite history or hooks) and the agent's own configuration (a command must
/// not grant itself more rights for the next run).
pub const PROTECTED_ENTRY_NAMES: [&str; 3] = [".git", ".codex", ".agents"];

/// The mounts of a confined command's private mount namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MountPlan {
    /// Canonical writable roots that exist: they keep their mount flags, every mount outside
    /// them becomes read-only (which also stops chmod, chown, utimes and xattr changes, which
    /// Landlock does not mediate).
    pub writable_roots: Vec<PathBuf>,
    /// Canonical protected entries inside the roots to make read-only, parents before children.
    pub read_only: Vec<PathBuf>,
    /// Writable roots nested inside a read-only path: mounted writable again afterwards, so an
    /// explicit grant of e.g. `.git/hooks` still works.
    pub writable_again: Vec<PathBuf>,
    /// Protected entries that do not exist yet (`<root>/.codex`, a missing `CODEX_HOME` inside a
    /// root). A mount needs a target, so the helper creates each as an empty placeholder
    /// directory, mounts it read-only, and removes it again when the command is done.
    pub missing: Vec<PathBuf>,
    /// Files no command may read (`CODEX_HOME/auth.json`): an empty read-only file is mounted
    /// over each.
    pub hidden_files: Vec<PathBuf>,
}

/// Files inside `CODEX_HOME` that hold credentials.
pub const SECRET_FILE_NAMES: [&str; 1] = ["auth.json"];

fn sort_shallow_first(paths: &mut Vec<PathBuf>) {
    paths.sort_by_key(|path| (path.components().count(), path.clone()));
    paths.dedup();
}

/// Resolves the writable roots (missing ones are dropped: nothing can be granted below them)
/// and finds their protected entries as they exist on disk now. Missing entries are skipped (a
/// bind mount needs a target); a `.git` pointer file (worktrees, submodules) also protects the
/// git directory it points to. Symlinks are resolved so the mount lands on the real directory.
pub fn plan_protected_mounts(writable_roots: &[PathBuf], codex_home: Option<&Path>) -> MountPlan {
    let mut roots: Vec<PathBuf> = writable_roots
        .iter()
        .filter_map(|root| fs::canonicalize(root).ok())
        .collect();
    sort_shallow_first(&mut roots);
    let mut protected: Vec<PathBuf> = Vec::new();
    let mut missing: Vec<PathBuf> = Vec::new();
    let mut hidden_files: Vec<PathBuf> = Vec::new();
    if let Some(home) = codex_home {
        match fs::canonicalize(home) {
            Ok(real) => {
                hidden_files.extend(
                    SECRET_FILE_NAMES
                        .iter()
                        .filter_map(|name| fs::canonicalize(real.join(name)).ok())
                        .filter(|file| file.is_file()),
                );
                protected.push(real);
            }
            Err(_) => {
                // Only creatable (and so only worth a placeholder) below a writable root.
                let parent = home
                    .parent()
                    .and_then(|parent| fs::canonicalize(parent).ok());
                if let (Some(parent), Some(name)) = (parent, home.file_name()) {
                    if roots.iter().any(|root| parent.starts_with(root)) {
                        missing.push(parent.join(name));
                    }
                }
            }
        }
    }
    for root in &roots {
        for name in PROTECTED_ENTRY_NAMES {
            let entry = root.join(name);
            if fs::symlink_metadata(&entry).is_err() {
                missing.push(entry);
                continue;
            }
            let Ok(real) = fs::canonicalize(&entry) else {
                // A dangling symlink: Landlock never lets a command write through it to a
                // target outside the roots, and inside a root the target is itself covered.
                continue;
            };
            if name == ".git" && real.is_file() {
                if let Some(git_dir) = git_dir_of_pointer_file(&real) {
                    protected.push(git_dir);
                }
            }
            protected.push(real);
        }
    }
    // A root that is itself a protected path was granted explicitly; the grant wins.
    protected.retain(|path| !roots.contains(path));
    missing.retain(|path| !roots.contains(path));
    sort_shallow_first(&mut protected);
    sort_shallow_first(&mut missing);

    let mut writable_again: Vec<PathBuf> = roots
        .iter()
        .filter(|root| {
            protected
                .iter()
                .any(|path| root.starts_with(path) && *root != path)
        })
        .cloned()
        .collect();
    sort_shallow_first(&mut writable_again);
    MountPlan {
        writable_roots: roots,
        read_only: protected,
        writable_again,
        missing,
        hidden_files,
    }
}

/// Resolves `gitdir: <path>` in a `.git` file (relative paths are relative to the file's
/// directory). Returns None when the file is not a pointer or the target does not exist.
fn git_dir_of_pointer_file(pointer: &Path) -> Option<PathBuf> {
    let contents = fs::read_to_string(pointer).ok()?;
    let target = contents
        .lines()
        .find_map(|line| line.trim().strip_prefix("gitdir:"))?
        .trim();
    if target.is_empty() {
        return None;
    }
    let base = pointer.parent()?;
    fs::canonicalize(base.join(target)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real(path: &Path) -> PathBuf {
        fs::canonicalize(path).unwrap()
    }

    #[test]
    fn sandbox_protects_existing_and_missing_metadata_entries() {
        let workspace = tempfile::tempdir().unwrap();
        fs::create_dir(workspace.path().join(".git")).unwrap();
        fs::create_dir(workspace.path().join(".codex")).unwrap();
        fs::create_dir(workspace.path().join("src")).unwrap();

        let plan = plan_protected_mounts(
            &[workspace.path().join("src"), workspace.path().to_path_buf()],
            None,
        );
        let root = real(workspace.path());
        assert_eq!(plan.writable_roots, vec![root.clone(), root.join("src")]);
        assert_eq!(plan.read_only, vec![root.join(".codex"), root.join(".git")]);
        assert!(plan.writable_again.is_empty());
        // Missing entries get placeholders, in every root.
        assert_eq!(
            plan.missing,
            vec![
                root.join(".agents"),
                root.join("src/.agents"),
                root.join("src/.codex"),
                root.join("src/.git"),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn sandbox_follows_git_pointer_files_and_symlinks() {
        let workspace = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let git_dir = elsewhere.path().join("worktrees").join("feature");
        fs::create_dir_all(&git_dir).unwrap();
        fs::write(
            workspace.path().join(".git"),
            format!("gitdir: {}\n", git_dir.display()),
        )
        .unwrap();
        let agents_target = elsewhere.path().join("agents");
        fs::create_dir(&agents_target).unwrap();
        std::os::unix::fs::symlink(&agents_target, workspace.path().join(".agents")).unwrap();

        let plan = plan_protected_mounts(&[workspace.path().to_path_buf()], None);
        let root = real(workspace.path());
        assert!(plan.read_only.contains(&root.join(".git")), "{plan:?}");
        assert!(plan.read_only.contains(&real(&git_dir)), "{plan:?}");
        assert!(plan.read_only.contains(&real(&agents_target)), "{plan:?}");
    }

    #[test]
    fn sandbox_keeps_explicitly_granted_nested_roots_writable() {
        let workspace = tempfile::tempdir().unwrap();
        let hooks = workspace.path().join(".git").join("hooks");
        fs::create_dir_all(&hooks).unwrap();

        let plan = plan_protected_mounts(&[workspace.path().to_path_buf(), hooks.clone()], None);
        assert_eq!(plan.read_only, vec![real(workspace.path()).join(".git")]);
        assert_eq!(plan.writable_again, vec![real(&hooks)]);

        // Granting `.git` itself as a root removes its protection altogether.
        let git = workspace.path().join(".git");
        let plan = plan_protected_mounts(&[workspace.path().to_path_buf(), git], None);
        assert!(plan.read_only.is_empty(), "{plan:?}");
    }

    #[test]
    fn sandbox_protects_codex_home_and_hides_its_credentials() {
        let workspace = tempfile::tempdir().unwrap();
        let home = workspace.path().join("home");
        fs::create_dir(&home).unwrap();
        fs::write(home.join("auth.json"), "{}").unwrap();
        let plan = plan_protected_mounts(&[workspace.path().to_path_buf()], Some(&home));
        assert!(plan.read_only.contains(&real(&home)), "{plan:?}");
        assert_eq!(plan.hidden_files, vec![real(&home).join("auth.json")]);

        let not_yet = workspace.path().join("later-home");
        let plan = plan_protected_mounts(&[workspace.path().to_path_buf()], Some(&not_yet));
        assert!(
            plan.missing
                .contains(&real(workspace.path()).join("later-home")),
            "{plan:?}"
        );
    }

    #[test]
    fn sandbox_skips_missing_roots() {
        let plan = plan_protected_mounts(&[PathBuf::from("/definitely/not/here")], None);
        assert_eq!(plan, MountPlan::default());
    }
}
