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
}

fn sort_shallow_first(paths: &mut Vec<PathBuf>) {
    paths.sort_by_key(|path| (path.components().count(), path.clone()));
    paths.dedup();
}

/// Resolves the writable roots (missing ones are dropped: nothing can be granted below them)
/// and finds their protected entries as they exist on disk now. Missing entries are skipped (a
/// bind mount needs a target); a `.git` pointer file (worktrees, submodules) also protects the
/// git directory it points to. Symlinks are resolved so the mount lands on the real directory.
pub fn plan_protected_mounts(writable_roots: &[PathBuf]) -> MountPlan {
    let mut roots: Vec<PathBuf> = writable_roots
        .iter()
        .filter_map(|root| fs::canonicalize(root).ok())
        .collect();
    sort_shallow_first(&mut roots);
    let mut protected: Vec<PathBuf> = Vec::new();
    for root in &roots {
        for name in PROTECTED_ENTRY_NAMES {
            let Ok(real) = fs::canonicalize(root.join(name)) else {
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
    sort_shallow_first(&mut protected);

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
    fn sandbox_protects_existing_metadata_entries_only() {
        let workspace = tempfile::tempdir().unwrap();
        fs::create_dir(workspace.path().join(".git")).unwrap();
        fs::create_dir(workspace.path().join(".codex")).unwrap();
        fs::create_dir(workspace.path().join("src")).unwrap();

        let plan =
            plan_protected_mounts(&[workspace.path().join("src"), workspace.path().to_path_buf()]);
        let root = real(workspace.path());
        assert_eq!(plan.writable_roots, vec![root.clone(), root.join("src")]);
        assert_eq!(plan.read_only, vec![root.join(".codex"), root.join(".git")]);
        assert!(plan.writable_again.is_empty());
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

        let plan = plan_protected_mounts(&[workspace.path().to_path_buf()]);
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

        let plan = plan_protected_mounts(&[workspace.path().to_path_buf(), hooks.clone()]);
        assert_eq!(plan.read_only, vec![real(workspace.path()).join(".git")]);
        assert_eq!(plan.writable_again, vec![real(&hooks)]);

        // Granting `.git` itself as a root removes its protection altogether.
        let git = workspace.path().join(".git");
        let plan = plan_protected_mounts(&[workspace.path().to_path_buf(), git]);
        assert!(plan.read_only.is_empty(), "{plan:?}");
    }

    #[test]
    fn sandbox_skips_missing_roots() {
        let plan = plan_protected_mounts(&[PathBuf::from("/definitely/not/here")]);
        assert_eq!(plan, MountPlan::default());
    }
}
