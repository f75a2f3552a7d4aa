use std::path::PathBuf;

use super::capabilities::drop_all_capabilities;
use super::error::SandboxError;
use super::landlock_rules::{kernel_landlock_abi, restrict_filesystem, WRITABLE_DEVICE_FILES};
use super::limits::apply_resource_limits;
use super::mount_protection::{
    apply_mount_plan, enter_private_mount_namespace, stop_propagation, MountOutcome,
};
use super::namespaces::{
    enter_namespaces, limit_namespace_pids, mount_fresh_proc, NamespaceReport, NamespaceRequest,
};
use super::placeholders::Placeholders;
use super::policy::ExecSandboxPolicy;
use super::protected_paths::{plan_protected_mounts, MountPlan};
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
    /// /proc shows only the sandbox's own processes.
    pub own_proc: bool,
    /// The process limit is enforced through the PID namespace's pid_max.
    pub namespace_pid_limit: bool,
}

/// The first half of the sandbox, done by the helper before it forks the namespace's first
/// process: the protected paths are planned (and placeholders made for missing ones) and the
/// helper enters its new namespaces (the PID namespace applies to the children it forks next).
#[derive(Debug)]
pub struct PreparedSandbox {
    /// The namespaces in force.
    pub namespaces: NamespaceReport,
    plan: MountPlan,
    placeholders: Placeholders,
}

impl PreparedSandbox {
    /// Undoes what preparing left on disk (placeholders); call when the command is done.
    pub fn finish(self) {
        self.placeholders.remove();
    }
}

/// Prepares the sandbox for `policy`; with `pid_namespace`, children forked afterwards start a
/// new PID namespace. `danger-full-access` gets the namespaces only (lifecycle, no confinement).
pub fn prepare_sandbox(
    policy: &ExecSandboxPolicy,
    pid_namespace: bool,
) -> Result<PreparedSandbox, SandboxError> {
    let confines = policy.confines_filesystem();
    let (plan, placeholders) = if confines {
        // Fail before touching anything when the kernel cannot confine.
        kernel_landlock_abi().ok_or_else(|| {
            SandboxError::LandlockUnavailable("landlock_create_ruleset is not supported".into())
        })?;
        let plan = plan_protected_mounts(policy.writable_roots(), policy.codex_home.as_deref());
        let mut placeholders = Placeholders::prepare(&plan.missing, &plan.read_only);
        if pid_namespace {
            placeholders.start_janitor();
        }
        (plan, placeholders)
    } else {
        (MountPlan::default(), Placeholders::default())
    };
    let namespaces = enter_namespaces(NamespaceRequest {
        pid: pid_namespace,
        uts_ipc: confines,
    });
    Ok(PreparedSandbox {
        namespaces,
        plan,
        placeholders,
    })
}

/// The second half, in the process that will run (or fork) the command: a fresh /proc and the
/// process limit when in a new PID namespace, resource limits, and for sandboxed modes the
/// read-only mounts, no capabilities, Landlock and seccomp. Landlock and seccomp apply to the
/// calling thread, so call this from a single-threaded process. Any error means the command
/// must not run.
pub fn confine_prepared(
    policy: &ExecSandboxPolicy,
    options: &ConfineOptions,
    prepared: &PreparedSandbox,
) -> Result<ConfineReport, SandboxError> {
    let namespaces = &prepared.namespaces;
    let mut own_proc = false;
    let mut namespace_pid_limit = false;
    let mut set_up_proc = || {
        if namespaces.pid {
            own_proc = mount_fresh_proc().is_ok();
            if let (true, Some(max)) = (own_proc, policy.limits.max_processes) {
                namespace_pid_limit = limit_namespace_pids(max);
            }
        }
    };
    apply_resource_limits(&policy.limits, namespaces.user)?;
    if !policy.confines_filesystem() {
        if enter_private_mount_namespace().is_ok() && stop_propagation().is_ok() {
            set_up_proc();
        }
        return Ok(ConfineReport {
            landlock_abi: None,
            mounts: MountOutcome::NotNeeded,
            own_proc,
            namespace_pid_limit,
        });
    }
    let abi = kernel_landlock_abi().ok_or_else(|| {
        SandboxError::LandlockUnavailable("landlock_create_ruleset is not supported".into())
    })?;
    let program = build_seccomp_program(SeccompOptions {
        restrict_network: policy.restricts_network(),
        deny_path_truncate: abi < 3,
    })?;
    let mounts = apply_mount_plan(&prepared.plan, &mut set_up_proc)?;

    // SAFETY: PR_SET_NO_NEW_PRIVS takes integer arguments only.
    if unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) } != 0 {
        return Err(SandboxError::last_os_error("prctl(PR_SET_NO_NEW_PRIVS)"));
    }
    drop_all_capabilities()?;
    let mut writable_files: Vec<PathBuf> =
        WRITABLE_DEVICE_FILES.iter().map(PathBuf::from).collect();
    writable_files.extend(options.extra_writable_files.iter().cloned());
    let landlock_abi = restrict_filesystem(policy.writable_roots(), &writable_files)?;
    install_seccomp(&program)?;
    Ok(ConfineReport {
        landlock_abi: Some(landlock_abi),
        mounts,
        own_proc,
        namespace_pid_limit,
    })
}

/// Both halves in the calling (single-threaded) process, without a PID namespace, for callers
/// that exec the command directly; a no-op for `danger-full-access`. Placeholders made for
/// missing protected entries stay on disk.
pub fn confine_current_process(
    policy: &ExecSandboxPolicy,
    options: &ConfineOptions,
) -> Result<ConfineReport, SandboxError> {
    if !policy.confines_filesystem() {
        return Ok(ConfineReport {
            landlock_abi: None,
            mounts: MountOutcome::NotNeeded,
            own_proc: false,
            namespace_pid_limit: false,
        });
    }
    let prepared = prepare_sandbox(policy, false)?;
    confine_prepared(policy, options, &prepared)
}
