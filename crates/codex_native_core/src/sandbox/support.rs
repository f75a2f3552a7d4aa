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
            reason: Some(format!("no sandbox backend for {}", std::env::consts::OS)),
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use super::SandboxSupport;
    use crate::sandbox::landlock_rules::kernel_landlock_abi;
    use crate::sandbox::mount_protection::mount_namespace_usable;
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
        SandboxSupport {
            supported: reason.is_none(),
            landlock_abi,
            seccomp,
            read_only_mounts: mount_namespace_usable(),
            reason,
        }
    }
}
