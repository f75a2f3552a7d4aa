use std::path::PathBuf;

use super::error::SandboxError;
use super::landlock_rules::{kernel_landlock_abi, restrict_filesystem, WRITABLE_DEVICE_FILES};
use super::mount_protection::{apply_mount_plan, MountOutcome};
use super::policy::ExecSandboxPolicy;
use super::protected_paths::plan_protected_mounts;
use super::seccomp_filter::{build_seccomp_program, install_seccomp, SeccompOptions};

/// Extra grants for one invocation.
#[derive(Debug, Clone, Default)]
pub struct ConfineOptions {
    /// Files (not trees) the command may write besides the writable roots, e.g. its PTY slave.
    pub extra_writable_files: Vec<PathBuf>,
}

/// What was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfineReport {
    /// The Landlock ABI in force, None when the policy does not confine the filesystem.
    pub landlock_abi: Option<i32>,
    /// Whether the protected entries are read-only.
    pub mounts: MountOutcome,
}

/// Confines the calling process according to `policy` (no-op for `danger-full-access`).
/// Landlock and seccomp apply to the calling thread, so call this from a single-threaded
/// process (the helper) right before `execve`/`fork`. Any error means the command must not run.
pub fn confine_current_process(
    policy: &ExecSandboxPolicy,
    options: &ConfineOptions,
) -> Result<ConfineReport, SandboxError> {
    if !policy.confines_filesystem() {
        return Ok(ConfineReport {
            landlock_abi: None,
            mounts: MountOutcome::NotNeeded,
        });
    }
    // Fail before touching namespaces when the kernel cannot confine anything.
    let abi = kernel_landlock_abi().ok_or_else(|| {
        SandboxError::LandlockUnavailable("landlock_create_ruleset is not supported".into())
    })?;
    let program = build_seccomp_program(SeccompOptions {
        restrict_network: policy.restricts_network(),
        deny_path_truncate: abi < 3,
    })?;

    let roots = policy.writable_roots();
    let mounts = apply_mount_plan(&plan_protected_mounts(roots))?;

    // SAFETY: PR_SET_NO_NEW_PRIVS takes integer arguments only.
    if unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) } != 0 {
        return Err(SandboxError::last_os_error("prctl(PR_SET_NO_NEW_PRIVS)"));
    }
    let mut writable_files: Vec<PathBuf> =
        WRITABLE_DEVICE_FILES.iter().map(PathBuf::from).collect();
    writable_files.extend(options.extra_writable_files.iter().cloned());
    let landlock_abi = restrict_filesystem(roots, &writable_files)?;
    install_seccomp(&program)?;
    Ok(ConfineReport {
        landlock_abi: Some(landlock_abi),
        mounts,
    })
}
