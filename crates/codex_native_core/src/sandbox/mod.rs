//! The Linux sandbox applied by the `codex-native-exec` helper before it execs a command.
//!
//! A confined command can read everything, write only below its writable roots (plus a few
//! device files), never write the `.git` / `.codex` / `.agents` entries at the top of a writable
//! root, and, when the network is restricted, create only `AF_UNIX` sockets and connect, bind
//! or listen on none (socket pairs and pipes keep working).
//!
//! Layers, applied in this order by [`confine_current_process`]:
//! 1. a private mount namespace in which every mount outside the writable roots, and the
//!    protected entries inside them, are read-only (Landlock only grants access, it cannot deny
//!    a subtree of an allowed tree, and it does not mediate chmod/chown/utimes/xattrs);
//! 2. `PR_SET_NO_NEW_PRIVS`;
//! 3. a Landlock ruleset: read/execute everywhere, full access below the writable roots;
//! 4. a seccomp filter: no ptrace, io_uring, mounts or kernel loading, and no network sockets
//!    unless the policy allows the network.
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
