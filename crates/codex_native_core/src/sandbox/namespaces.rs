use std::io;

use serde::Serialize;

/// The namespaces a command runs in, as far as the kernel allowed them. Each field says what is
/// actually in force; nothing is claimed that the kernel refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NamespaceReport {
    /// A new user namespace mapping only the caller's own uid and gid (used when the caller is
    /// not root, or root lacks CAP_SYS_ADMIN). Its capabilities are dropped before the command.
    pub user: bool,
    /// A new PID namespace: the command's processes cannot see or signal anything outside it,
    /// and all of them die with its first process (the helper's init).
    pub pid: bool,
    /// Private host name and System V IPC.
    pub uts_ipc: bool,
    /// Why a namespace is missing.
    pub failure: Option<String>,
}

/// Which namespaces to ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamespaceRequest {
    /// A PID namespace (affects children forked afterwards).
    pub pid: bool,
    /// UTS and IPC namespaces.
    pub uts_ipc: bool,
}

/// Moves the calling process into new namespaces (pid, uts, ipc as requested), first without a
/// user namespace when running as root (root keeps its identity towards files), else inside a
/// user namespace that maps the caller's ids onto themselves. Falls back to a user namespace
/// alone, and finally to none, reporting each step; never fails. The mount namespace is left to
/// the namespace's first process (see `enter_private_mount_namespace`), so the caller keeps the
/// host's mounts and can clean up placeholders without unmounting anything.
pub fn enter_namespaces(request: NamespaceRequest) -> NamespaceReport {
    // SAFETY: plain syscalls without pointers.
    let (uid, gid) = unsafe { (libc::geteuid(), libc::getegid()) };
    let mut flags = 0;
    if request.pid {
        flags |= libc::CLONE_NEWPID;
    }
    if request.uts_ipc {
        flags |= libc::CLONE_NEWUTS | libc::CLONE_NEWIPC;
    }
    let mut failures = Vec::new();
    for with_user_namespace in [false, true] {
        if !with_user_namespace && uid != 0 {
            continue;
        }
        for attempt in [flags, 0] {
            if attempt == 0 && !with_user_namespace {
                break;
            }
            match unshare(attempt, with_user_namespace, uid, gid) {
                Ok(()) => {
                    return NamespaceReport {
                        user: with_user_namespace,
                        pid: attempt & libc::CLONE_NEWPID != 0,
                        uts_ipc: attempt & libc::CLONE_NEWUTS != 0,
                        failure: (attempt != flags).then(|| failures.join("; ")),
                    };
                }
                Err(error) => failures.push(format!(
                    "unshare({}{}): {error}",
                    if with_user_namespace { "user+" } else { "" },
                    describe_flags(attempt)
                )),
            }
        }
    }
    NamespaceReport {
        failure: Some(failures.join("; ")),
        ..NamespaceReport::default()
    }
}

fn describe_flags(flags: libc::c_int) -> String {
    let mut names = vec![];
    if flags & libc::CLONE_NEWPID != 0 {
        names.push("pid");
    }
    if flags & libc::CLONE_NEWUTS != 0 {
        names.push("uts+ipc");
    }
    if names.is_empty() {
        "nothing else".to_string()
    } else {
        names.join("+")
    }
}

fn unshare(flags: libc::c_int, with_user_namespace: bool, uid: u32, gid: u32) -> io::Result<()> {
    let flags = if with_user_namespace {
        flags | libc::CLONE_NEWUSER
    } else {
        flags
    };
    // SAFETY: integer flags only.
    if unsafe { libc::unshare(flags) } != 0 {
        return Err(io::Error::last_os_error());
    }
    if with_user_namespace {
        std::fs::write("/proc/self/setgroups", "deny")?;
        std::fs::write("/proc/self/uid_map", format!("{uid} {uid} 1"))?;
        std::fs::write("/proc/self/gid_map", format!("{gid} {gid} 1"))?;
    }
    Ok(())
}

/// Mounts a fresh /proc for the current PID namespace (call from its first process, inside the
/// private mount namespace), so /proc lists only the sandbox's own processes.
pub(crate) fn mount_fresh_proc() -> io::Result<()> {
    let flags = libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC;
    // SAFETY: static NUL-terminated strings.
    let result = unsafe {
        libc::mount(
            c"proc".as_ptr(),
            c"/proc".as_ptr(),
            c"proc".as_ptr(),
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

/// Limits how many processes the PID namespace can hold (its own `pid_max`, Linux 6.14+; the
/// kernel's minimum is 301). Returns false when the kernel has no per-namespace pid_max.
pub(crate) fn limit_namespace_pids(max_processes: u64) -> bool {
    // PIDs 1..pid_max-1 are usable; the init takes one.
    let pid_max = (max_processes + 2).max(301);
    std::fs::write("/proc/sys/kernel/pid_max", pid_max.to_string()).is_ok()
}

/// What a command would get here, tried in a throwaway child: the namespaces, and whether the
/// namespace's first process can mount its own /proc.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NamespaceProbe {
    pub user: bool,
    pub mount: bool,
    pub pid: bool,
    pub uts_ipc: bool,
    pub own_proc: bool,
}

pub(crate) fn probe_namespaces() -> NamespaceProbe {
    let mut fds = [0; 2];
    // SAFETY: valid array of two descriptors.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return NamespaceProbe::default();
    }
    let [read_end, write_end] = fds;
    // SAFETY: the child only makes syscalls and small allocations (fork-safe in glibc and musl)
    // and leaves through `_exit`, never returning into the caller's code.
    unsafe {
        let child = libc::fork();
        if child == 0 {
            libc::close(read_end);
            let report = enter_namespaces(NamespaceRequest {
                pid: true,
                uts_ipc: true,
            });
            let mut bits =
                u8::from(report.user) | u8::from(report.pid) << 2 | u8::from(report.uts_ipc) << 3;
            // The init enters the mount namespace and mounts /proc: bit 1 and bit 4.
            let init = libc::fork();
            if init == 0 {
                let mount = super::mount_protection::enter_private_mount_namespace().is_ok()
                    && super::mount_protection::stop_propagation().is_ok();
                let proc = mount && report.pid && mount_fresh_proc().is_ok();
                libc::_exit(i32::from(mount) | i32::from(proc) << 1);
            }
            let mut status = 0;
            if init > 0 && libc::waitpid(init, &mut status, 0) == init && libc::WIFEXITED(status) {
                let code = libc::WEXITSTATUS(status);
                bits |= u8::from(code & 1 != 0) << 1 | u8::from(code & 2 != 0) << 4;
            }
            libc::write(write_end, (&bits as *const u8).cast(), 1);
            libc::_exit(0);
        }
        libc::close(write_end);
        let mut bits = 0u8;
        let read = if child > 0 {
            libc::read(read_end, (&mut bits as *mut u8).cast(), 1)
        } else {
            0
        };
        libc::close(read_end);
        if child > 0 {
            let mut status = 0;
            libc::waitpid(child, &mut status, 0);
        }
        if read != 1 {
            return NamespaceProbe::default();
        }
        NamespaceProbe {
            user: bits & 1 != 0,
            mount: bits & 2 != 0,
            pid: bits & 4 != 0,
            uts_ipc: bits & 8 != 0,
            own_proc: bits & 16 != 0,
        }
    }
}
