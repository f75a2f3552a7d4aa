use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use super::error::SandboxError;
use super::protected_paths::MountPlan;

/// What happened to the mounts of the confined command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MountOutcome {
    /// The policy does not confine the filesystem.
    NotNeeded,
    /// In a private mount namespace every mount outside the writable roots and every protected
    /// entry inside them is read-only.
    Protected,
    /// The kernel refused the namespace (e.g. unprivileged user namespaces are disabled). The
    /// command still runs under Landlock and seccomp, but the protected entries are writable and
    /// metadata (mode, owner, times, xattrs) outside the roots can change, as with Codex's own
    /// Landlock-only fallback.
    Unavailable(String),
}

/// `struct mount_attr` of mount_setattr(2).
#[repr(C)]
struct MountAttributes {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

const MOUNT_ATTR_RDONLY: u64 = 0x1;

const MOUNT_ATTR_NOSUID: u64 = 0x2;
const MOUNT_ATTR_NODEV: u64 = 0x4;

/// Applies the plan in a new private mount namespace of this process. Root unshares the mount namespace directly; other users first
/// unshare a user namespace that maps their own ids (not root, so `id -u` and file ownership
/// look unchanged to the command). `before_read_only` runs once mounts no longer propagate to
/// the host and before anything is made read-only (the fresh /proc goes there).
pub(crate) fn apply_mount_plan(
    plan: &MountPlan,
    before_read_only: impl FnOnce(),
) -> Result<MountOutcome, SandboxError> {
    let unavailable =
        |what: &str, error: io::Error| Ok(MountOutcome::Unavailable(format!("{what}: {error}")));
    if let Err(error) = enter_private_mount_namespace() {
        return unavailable("creating a mount namespace", error);
    }
    if let Err(error) = stop_propagation() {
        return unavailable("making mounts private", error);
    }
    before_read_only();
    // A detached copy of each root's mounts (with their flags as they are) is taken first, then
    // every mount of the namespace is made read-only in one call, and the copies are attached
    // over the roots: the roots keep their flags, everything else (shadowed mounts included)
    // is read-only. No setuid binary or device node placed in a root can be used.
    let mut root_copies = Vec::with_capacity(plan.writable_roots.len());
    for root in &plan.writable_roots {
        let copy = match detached_copy(root) {
            Ok(copy) => copy,
            Err(error) => return unavailable("copying a writable root", error),
        };
        set_attributes_at(
            copy.as_raw_fd(),
            c"",
            MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV,
            0,
            libc::AT_EMPTY_PATH | libc::AT_RECURSIVE,
        )
        .map_err(|source| SandboxError::Mount {
            path: root.clone(),
            source,
        })?;
        root_copies.push((root, copy));
    }
    if let Err(error) = set_read_only(Path::new("/"), true, true) {
        return unavailable("making / read-only", error);
    }
    for (root, copy) in root_copies {
        attach(copy, root).map_err(|source| SandboxError::Mount {
            path: root.clone(),
            source,
        })?;
    }
    for path in &plan.read_only {
        bind_onto_itself(path, true).map_err(|source| SandboxError::Mount {
            path: path.clone(),
            source,
        })?;
    }
    // Placeholders the caller could not create cannot be created by the command either.
    for path in plan.missing.iter().filter(|path| path.is_dir()) {
        bind_onto_itself(path, true).map_err(|source| SandboxError::Mount {
            path: path.clone(),
            source,
        })?;
    }
    for file in &plan.hidden_files {
        mount_raw(Some(Path::new("/dev/null")), file, libc::MS_BIND)
            .and_then(|()| set_read_only(file, true, false))
            .map_err(|source| SandboxError::Mount {
                path: file.clone(),
                source,
            })?;
    }
    for path in &plan.writable_again {
        bind_onto_itself(path, false).map_err(|source| SandboxError::Mount {
            path: path.clone(),
            source,
        })?;
    }
    // The working directory still points into the mount it was opened on (now read-only, or
    // without the protected binds); entering it again by path lands on the new mounts.
    let cwd = std::env::current_dir().map_err(|source| SandboxError::System {
        operation: "getcwd",
        source,
    })?;
    std::env::set_current_dir(&cwd).map_err(|source| SandboxError::System {
        operation: "chdir",
        source,
    })?;
    Ok(MountOutcome::Protected)
}

/// Host mount events still reach this namespace; its own mounts never propagate back.
pub(crate) fn stop_propagation() -> io::Result<()> {
    mount_raw(None, Path::new("/"), libc::MS_REC | libc::MS_SLAVE)
}

/// Tries the namespace setup in a throwaway child process, so the caller stays unchanged.
pub(crate) fn mount_namespace_usable() -> bool {
    // SAFETY: the child only makes syscalls (and small allocations, fork-safe in glibc and musl)
    // and leaves through `_exit`, never returning into the caller's code.
    unsafe {
        let child = libc::fork();
        if child == 0 {
            let usable = enter_private_mount_namespace().is_ok()
                && mount_raw(None, Path::new("/"), libc::MS_REC | libc::MS_SLAVE).is_ok()
                && set_read_only(Path::new("/"), true, false).is_ok();
            libc::_exit(if usable { 0 } else { 1 });
        }
        if child < 0 {
            return false;
        }
        let mut status = 0;
        while libc::waitpid(child, &mut status, 0) < 0 {
            if io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
                return false;
            }
        }
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0
    }
}

/// A private mount namespace for this process: directly when it may (root, or any user inside
/// the helper's user namespace), else inside a new user namespace mapping its own ids.
pub(crate) fn enter_private_mount_namespace() -> io::Result<()> {
    // SAFETY: plain syscalls without pointers.
    let (uid, gid) = unsafe { (libc::geteuid(), libc::getegid()) };
    if unsafe { libc::unshare(libc::CLONE_NEWNS) } == 0 {
        return Ok(());
    }
    if unsafe { libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNS) } != 0 {
        return Err(io::Error::last_os_error());
    }
    std::fs::write("/proc/self/setgroups", "deny")?;
    std::fs::write("/proc/self/uid_map", format!("{uid} {uid} 1"))?;
    std::fs::write("/proc/self/gid_map", format!("{gid} {gid} 1"))?;
    Ok(())
}

/// Bind-mounts `path` onto itself, then makes it (and what is mounted below it) read-only, or
/// writable again for a root nested in a read-only entry.
fn bind_onto_itself(path: &Path, read_only: bool) -> io::Result<()> {
    mount_raw(Some(path), path, libc::MS_BIND | libc::MS_REC)?;
    set_read_only(path, read_only, read_only)
}

/// Sets or clears the per-mount read-only flag with mount_setattr(2), which leaves the other
/// (possibly locked) flags alone and never triggers an automount.
fn set_read_only(path: &Path, read_only: bool, recursive: bool) -> io::Result<()> {
    if read_only {
        set_attributes(path, MOUNT_ATTR_RDONLY, 0, recursive)
    } else {
        set_attributes(path, 0, MOUNT_ATTR_RDONLY, recursive)
    }
}

/// mount_setattr(2): sets and clears per-mount flags.
fn set_attributes(path: &Path, set: u64, clear: u64, recursive: bool) -> io::Result<()> {
    let c_path = c_string(path)?;
    let mut flags = libc::AT_SYMLINK_NOFOLLOW | libc::AT_NO_AUTOMOUNT;
    if recursive {
        flags |= libc::AT_RECURSIVE;
    }
    set_attributes_at(libc::AT_FDCWD, &c_path, set, clear, flags)
}

/// mount_setattr(2) on `path` relative to `directory` (a mount descriptor with `AT_EMPTY_PATH`).
fn set_attributes_at(
    directory: RawFd,
    path: &CStr,
    set: u64,
    clear: u64,
    flags: libc::c_int,
) -> io::Result<()> {
    let attributes = MountAttributes {
        attr_set: set,
        attr_clr: clear,
        propagation: 0,
        userns_fd: 0,
    };
    // SAFETY: valid path string and attribute struct of the size passed.
    let result = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            directory,
            path.as_ptr(),
            flags as libc::c_uint,
            &attributes as *const MountAttributes,
            std::mem::size_of::<MountAttributes>(),
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// open_tree(2) with OPEN_TREE_CLONE: a detached copy of the mounts at and below `path`, as a
/// bind mount with MS_REC would make (same flags, same propagation), not attached anywhere yet.
fn detached_copy(path: &Path) -> io::Result<OwnedFd> {
    const OPEN_TREE_CLONE: libc::c_uint = 1;
    let c_path = c_string(path)?;
    let flags = OPEN_TREE_CLONE
        | libc::O_CLOEXEC as libc::c_uint
        | libc::AT_RECURSIVE as libc::c_uint
        | libc::AT_NO_AUTOMOUNT as libc::c_uint;
    // SAFETY: valid path string; the result is a new descriptor or -1.
    let fd = unsafe { libc::syscall(libc::SYS_open_tree, libc::AT_FDCWD, c_path.as_ptr(), flags) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: open_tree returned a descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

/// move_mount(2): attaches a detached copy on top of `target`.
fn attach(copy: OwnedFd, target: &Path) -> io::Result<()> {
    const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 4;
    let c_target = c_string(target)?;
    // SAFETY: valid descriptor and path strings.
    let result = unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            copy.as_raw_fd(),
            c"".as_ptr(),
            libc::AT_FDCWD,
            c_target.as_ptr(),
            MOVE_MOUNT_F_EMPTY_PATH,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

fn mount_raw(source: Option<&Path>, target: &Path, flags: libc::c_ulong) -> io::Result<()> {
    let source = source.map(c_string).transpose()?;
    let target = c_string(target)?;
    // SAFETY: every pointer is a valid NUL-terminated string or null.
    let result = unsafe {
        libc::mount(
            source
                .as_ref()
                .map_or(std::ptr::null(), |source| source.as_ptr()),
            target.as_ptr(),
            std::ptr::null(),
            flags,
            std::ptr::null(),
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

fn c_string(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path contains a NUL byte"))
}
