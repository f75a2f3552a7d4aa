use serde::{Deserialize, Serialize};

#[cfg(target_os = "linux")]
use super::error::SandboxError;

/// Per-command resource limits (the TypeScript side documents and fills in the defaults; a
/// missing field keeps the limit the helper inherited).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceLimits {
    /// Processes and threads the command may have at once: the PID namespace's `pid_max`
    /// (kernel minimum 300), plus RLIMIT_NPROC inside a fresh user namespace.
    pub max_processes: Option<u64>,
    /// RLIMIT_AS of every process, in bytes.
    pub address_space_bytes: Option<u64>,
    /// RLIMIT_FSIZE: the largest file a process may write, in bytes.
    pub file_size_bytes: Option<u64>,
    /// RLIMIT_CPU of every process, in seconds of CPU time.
    pub cpu_time_seconds: Option<u64>,
}

/// Seconds of CPU time between SIGXCPU and SIGKILL.
#[cfg(target_os = "linux")]
const CPU_GRACE_SECONDS: u64 = 5;

#[cfg(target_os = "linux")]
/// Lowers the process's limits to `limits` (a limit is never raised above the inherited hard
/// limit). `per_user_process_count` applies RLIMIT_NPROC, which the kernel counts per user:
/// only meaningful inside a fresh user namespace, where the count starts at zero.
pub(crate) fn apply_resource_limits(
    limits: &ResourceLimits,
    per_user_process_count: bool,
) -> Result<(), SandboxError> {
    let mut requested = vec![
        (libc::RLIMIT_AS, limits.address_space_bytes),
        (libc::RLIMIT_FSIZE, limits.file_size_bytes),
        (libc::RLIMIT_CPU, limits.cpu_time_seconds),
    ];
    if per_user_process_count {
        requested.push((libc::RLIMIT_NPROC, limits.max_processes));
    }
    for (resource, value) in requested {
        let Some(value) = value else { continue };
        let mut current = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: valid pointer to a rlimit struct.
        if unsafe { libc::getrlimit(resource, &mut current) } != 0 {
            return Err(SandboxError::last_os_error("getrlimit"));
        }
        let value = value.min(current.rlim_max);
        // CPU time: SIGXCPU at the limit (catchable, the default kills), SIGKILL a little later.
        let hard = if resource == libc::RLIMIT_CPU {
            value
                .saturating_add(CPU_GRACE_SECONDS)
                .min(current.rlim_max)
        } else {
            value
        };
        let limit = libc::rlimit {
            rlim_cur: value,
            rlim_max: hard,
        };
        // SAFETY: valid pointer to a rlimit struct.
        if unsafe { libc::setrlimit(resource, &limit) } != 0 {
            return Err(SandboxError::last_os_error("setrlimit"));
        }
    }
    Ok(())
}
