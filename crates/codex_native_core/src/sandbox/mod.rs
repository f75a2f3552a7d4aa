//! The Linux sandbox applied by the `codex-native-exec` helper (see its SANDBOX.md for what is
//! denied and why, and what remains possible).
//!
//! A confined command can read everything (except `CODEX_HOME/auth.json`), write only below its
//! writable roots (plus a few device files), never write the `.git` / `.codex` / `.agents`
//! entries of a writable root (existing or not) or `CODEX_HOME`, holds no capabilities, sees
//! only its own processes, and, when the network is restricted, creates only `AF_UNIX` stream
//! sockets and connects, binds or listens on none (socket pairs and pipes keep working).
//!
//! Two halves: [`prepare_sandbox`] in the helper (plan the protected paths, make placeholders,
//! enter user/pid/uts/ipc namespaces) and [`confine_prepared`] in the namespace's first process:
//! 1. a private mount namespace with a fresh /proc, in which every mount outside the writable
//!    roots, and the protected entries inside them, are read-only and the roots `nosuid,nodev`
//!    (Landlock only grants access, it cannot deny a subtree of an allowed tree, and it does not
//!    mediate chmod/chown/utimes/xattrs);
//! 2. resource limits; `PR_SET_NO_NEW_PRIVS`; every capability set cleared;
//! 3. a Landlock ruleset: read/execute everywhere, writes below the writable roots without
//!    device creation or device ioctls, signals and abstract sockets scoped (ABI 6+);
//! 4. a seccomp filter: no ptrace, io_uring, mounts, kernel loading, namespaces, keyrings,
//!    fanotify, host names, userfaultfd, and no network sockets unless the policy allows it.
//!
//! Every layer is inherited across `fork` and `execve`, so background processes stay confined.

mod error;
mod limits;
mod policy;
mod protected_paths;

#[cfg(target_os = "linux")]
mod capabilities;
#[cfg(target_os = "linux")]
mod confine;
#[cfg(target_os = "linux")]
mod landlock_rules;
#[cfg(target_os = "linux")]
mod mount_protection;
#[cfg(target_os = "linux")]
mod namespaces;
#[cfg(target_os = "linux")]
mod placeholders;
#[cfg(target_os = "linux")]
mod seccomp_dispatch;
#[cfg(target_os = "linux")]
mod seccomp_filter;
mod support;

#[cfg(all(test, target_os = "linux"))]
mod confine_tests;

pub use error::SandboxError;
pub use limits::ResourceLimits;
pub use policy::{ExecSandboxPolicy, SandboxMode};
pub use protected_paths::{
    plan_protected_mounts, MountPlan, PROTECTED_ENTRY_NAMES, SECRET_FILE_NAMES,
};
pub use support::{probe_sandbox_support, SandboxSupport};

#[cfg(target_os = "linux")]
pub use confine::{
    confine_current_process, confine_prepared, prepare_sandbox, ConfineOptions, ConfineReport,
    PreparedSandbox,
};
#[cfg(target_os = "linux")]
pub use mount_protection::MountOutcome;
#[cfg(target_os = "linux")]
pub use namespaces::NamespaceReport;
#[cfg(target_os = "linux")]
pub use seccomp_filter::{build_seccomp_program, SeccompOptions};
