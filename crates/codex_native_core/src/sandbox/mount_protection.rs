use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

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

/// Moves this process into a private mount namespace and applies the plan. Root unshares the
/// mount namespace directly; other users first unshare a user namespace that maps their own
/// ids (not root, so `id -u` and file ownership look unchanged to the command).
pub(crate) fn apply_mount_plan(plan: &MountPlan) -> Result<MountOutcome, SandboxError> {
    let unavailable =
        |what: &str, error: io::Error| Ok(MountOutcome::Unavailable(format!("{what}: {error}")));
    if let Err(error) = enter_private_mount_namespace() {
        return unavailable("creating a mount namespace", error);
    }
    // Host mount events still reach us; ours never propagate back.
    if let Err(error) = mount_raw(None, Path::new("/"), libc::MS_REC | libc::MS_SLAVE) {
        return unavailable("making mounts private", error);
    }
    // Each root becomes its own mount first, so making its parent mount read-only spares it.
    for root in &plan.writable_roots {
        if let Err(error) = mount_raw(Some(root), root, libc::MS_BIND | libc::MS_REC) {
            return unavailable("binding a writable root", error);
        }
    }
    if let Err(error) = set_read_only(Path::new("/"), true, false) {
        return unavailable("making / read-only", error);
    }
    for mount_point in mount_points()? {
        if mount_point != Path::new("/")
            && !plan
                .writable_roots
                .iter()
                .any(|root| mount_point.starts_with(root))
        {
            // Unreachable (shadowed, vanished) mount points cannot be reached by the command either.
            let _ = set_read_only(&mount_point, true, false);
        }
    }
    for path in &plan.read_only {
        bind_onto_itself(path, true).map_err(|source| SandboxError::Mount {
            path: path.clone(),
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

fn enter_private_mount_namespace() -> io::Result<()> {
    // SAFETY: plain syscalls without pointers.
    let (uid, gid) = unsafe { (libc::geteuid(), libc::getegid()) };
    if uid == 0 && unsafe { libc::unshare(libc::CLONE_NEWNS) } == 0 {
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

/// Mount points of this namespace, from /proc/self/mountinfo (field 5, octal escapes decoded).
fn mount_points() -> Result<Vec<PathBuf>, SandboxError> {
    let text = std::fs::read("/proc/self/mountinfo").map_err(|source| SandboxError::System {
        operation: "reading /proc/self/mountinfo",
        source,
    })?;
    let mut points: Vec<PathBuf> = text
        .split(|byte| *byte == b'\n')
        .filter_map(|line| line.split(|byte| *byte == b' ').nth(4))
        .map(|field| PathBuf::from(std::ffi::OsStr::from_bytes(&unescape_mountinfo(field))))
        .collect();
    points.sort();
    points.dedup();
    Ok(points)
}

fn unescape_mountinfo(field: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::with_capacity(field.len());
    let mut index = 0;
    while index < field.len() {
        let octal = field
            .get(index + 1..index + 4)
            .filter(|digits| digits.iter().all(|digit| (b'0'..=b'7').contains(digit)));
        match (field[index], octal) {
            (b'\\', Some(digits)) => {
                decoded.push(
                    digits
                        .iter()
                        .fold(0u8, |value, digit| value.wrapping_mul(8) + (digit - b'0')),
                );
                index += 4;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    decoded
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
    let c_path = c_string(path)?;
    let attributes = MountAttributes {
        attr_set: if read_only { MOUNT_ATTR_RDONLY } else { 0 },
        attr_clr: if read_only { 0 } else { MOUNT_ATTR_RDONLY },
        propagation: 0,
        userns_fd: 0,
    };
    let mut flags = libc::AT_SYMLINK_NOFOLLOW | libc::AT_NO_AUTOMOUNT;
    if recursive {
        flags |= libc::AT_RECURSIVE;
    }
    // SAFETY: valid path string and attribute struct of the size passed.
    let result = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            libc::AT_FDCWD,
            c_path.as_ptr(),
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

#[cfg(test)]
mod tests {
    use super::unescape_mountinfo;

    #[test]
    fn sandbox_decodes_mountinfo_escapes() {
        assert_eq!(
            unescape_mountinfo(br"/mnt/with\040space\011tab\134slash"),
            b"/mnt/with space\ttab\\slash"
        );
        assert_eq!(unescape_mountinfo(br"/plain\04"), br"/plain\04");
    }
}
