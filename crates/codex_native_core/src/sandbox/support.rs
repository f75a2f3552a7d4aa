use serde::Serialize;

/// What `codex-native-exec --probe` reports: whether sandboxed modes can run here at all, and
/// whether the mount layer works (protected `.git`/`.codex`/`.agents` entries, and no metadata
/// changes outside the writable roots).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SandboxSupport {
    /// True when read-only and workspace-write commands can be confined.
    pub supported: bool,
    /// The kernel's Landlock ABI version, when Landlock is enabled.
    pub landlock_abi: Option<i32>,
    /// The kernel accepts seccomp filters for this architecture.
    pub seccomp: bool,
    /// A private mount namespace with read-only mounts can be set up.
    pub read_only_mounts: bool,
    /// Commands get a user namespace of their own (when not root, or root without
    /// CAP_SYS_ADMIN); its capabilities are dropped before the command runs.
    pub user_namespace: bool,
    /// Commands run in their own PID namespace: the host's processes are invisible and cannot
    /// be signalled, and every process a command starts dies with it.
    pub pid_namespace: bool,
    /// That namespace gets its own /proc (else /proc still lists the host's processes).
    pub own_proc: bool,
    /// Private host name and System V IPC.
    pub uts_ipc_namespaces: bool,
    /// Landlock also scopes signals and abstract UNIX sockets to the sandbox (ABI 6+).
    pub landlock_scoped: bool,
    /// Why `supported` is false.
    pub reason: Option<String>,
}

/// Checks the running kernel. Cheap enough to run once per process.
pub fn probe_sandbox_support() -> SandboxSupport {
    #[cfg(target_os = "linux")]
    {
        linux::probe()
    }
    #[cfg(not(target_os = "linux"))]
    {
        SandboxSupport {
            supported: false,
            landlock_abi: None,
            seccomp: false,
            read_only_mounts: false,
            user_namespace: false,
            pid_namespace: false,
            own_proc: false,
            uts_ipc_namespaces: false,
            landlock_scoped: false,
            reason: Some(format!("no sandbox backend for {}", std::env::consts::OS)),
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use super::SandboxSupport;
    use crate::sandbox::landlock_rules::kernel_landlock_abi;
    use crate::sandbox::landlock_rules::SCOPED_ABI;
    use crate::sandbox::mount_protection::mount_namespace_usable;
    use crate::sandbox::namespaces::probe_namespaces;
    use crate::sandbox::seccomp_filter::{build_seccomp_program, SeccompOptions};

    pub(super) fn probe() -> SandboxSupport {
        let landlock_abi = kernel_landlock_abi();
        // SAFETY: PR_GET_SECCOMP takes no pointers; it fails with EINVAL without CONFIG_SECCOMP.
        let seccomp_in_kernel = unsafe { libc::prctl(libc::PR_GET_SECCOMP) } >= 0;
        let filter = build_seccomp_program(SeccompOptions::default());
        let seccomp = seccomp_in_kernel && filter.is_ok();
        let reason = if landlock_abi.is_none() {
            Some(
                "the kernel has no Landlock support (Linux 5.13+ with `landlock` in the lsm= list)"
                    .to_string(),
            )
        } else if !seccomp_in_kernel {
            Some("the kernel has no seccomp support".to_string())
        } else if let Err(error) = filter {
            Some(error.to_string())
        } else {
            None
        };
        let namespaces = probe_namespaces();
        SandboxSupport {
            supported: reason.is_none(),
            landlock_abi,
            seccomp,
            read_only_mounts: mount_namespace_usable(),
            user_namespace: namespaces.user,
            pid_namespace: namespaces.pid,
            own_proc: namespaces.own_proc,
            uts_ipc_namespaces: namespaces.uts_ipc,
            landlock_scoped: landlock_abi.is_some_and(|abi| abi >= SCOPED_ABI),
            reason,
        }
    }
}
