use std::io;
use std::path::PathBuf;

/// Why a command could not be confined. The helper refuses to run the command in every case:
/// a sandboxed mode never degrades to an unconfined run.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The policy JSON is malformed or inconsistent.
    #[error("invalid sandbox policy: {0}")]
    InvalidPolicy(String),
    /// This operating system has no sandbox backend.
    #[error("sandboxing is not supported on this operating system")]
    UnsupportedPlatform,
    /// The kernel has no usable Landlock (not built in, disabled, or not enforced).
    #[error(
        "Landlock is not available on this kernel ({0}); refusing to run the command unconfined"
    )]
    LandlockUnavailable(String),
    /// Building or installing the Landlock ruleset failed.
    #[error("failed to apply the Landlock ruleset: {0}")]
    Landlock(String),
    /// Building or installing the seccomp filter failed.
    #[error("failed to install the seccomp filter: {0}")]
    Seccomp(String),
    /// Setting up the read-only bind mounts failed in an unexpected way.
    #[error("failed to protect {path}: {source}")]
    Mount {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A system call needed to set up the sandbox failed.
    #[error("{operation} failed: {source}")]
    System {
        operation: &'static str,
        #[source]
        source: io::Error,
    },
}

impl SandboxError {
    /// Wraps the current `errno` for the named operation.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    pub(crate) fn last_os_error(operation: &'static str) -> Self {
        SandboxError::System {
            operation,
            source: io::Error::last_os_error(),
        }
    }
}
