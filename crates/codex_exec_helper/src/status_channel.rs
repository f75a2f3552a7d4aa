use std::fs::File;
use std::io::Write;
use std::os::fd::{FromRawFd, RawFd};

use codex_native_core::sandbox::SandboxError;
use nix::errno::Errno;
use serde::Serialize;

/// Why the command did not start.
pub enum Failure {
    Usage(String),
    Sandbox(SandboxError),
    Pty(String),
    Exec { program: String, errno: Errno },
}

/// The JSON line the TypeScript runner reads from the status descriptor.
#[derive(Serialize)]
struct StatusRecord<'a> {
    kind: &'a str,
    message: String,
    /// errno name for exec failures, e.g. "ENOENT".
    code: Option<String>,
}

/// Where start-up failures are reported.
pub struct StatusChannel {
    file: Option<File>,
}

impl StatusChannel {
    pub fn stderr_only() -> Self {
        StatusChannel { file: None }
    }

    /// Takes ownership of the status descriptor and marks it close-on-exec, so the command never
    /// inherits it and a successful exec closes it.
    pub fn open(fd: Option<RawFd>) -> Self {
        let file = fd.and_then(|fd| {
            // SAFETY: F_SETFD on an arbitrary number is harmless; it fails when fd is not open.
            if unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) } != 0 {
                return None;
            }
            // SAFETY: the descriptor is open and handed to us by the caller for this purpose.
            Some(unsafe { File::from_raw_fd(fd) })
        });
        StatusChannel { file }
    }

    /// Reports the failure and exits without running the command.
    pub fn fail(&self, failure: Failure) -> ! {
        let (kind, message, code, exit_status) = match failure {
            Failure::Usage(message) => ("usage", message, None, 125),
            Failure::Sandbox(error @ SandboxError::InvalidPolicy(_)) => {
                ("usage", error.to_string(), None, 125)
            }
            Failure::Sandbox(error) => ("sandbox", error.to_string(), None, 125),
            Failure::Pty(message) => ("pty", message, None, 125),
            Failure::Exec { program, errno } => {
                let exit_status = if errno == Errno::ENOENT { 127 } else { 126 };
                (
                    "exec",
                    format!("cannot execute {program}: {}", errno.desc()),
                    Some(format!("{errno:?}")),
                    exit_status,
                )
            }
        };
        self.report(kind, message, code);
        // SAFETY: _exit skips destructors and atexit handlers, which matters in a forked child.
        unsafe { libc::_exit(exit_status) }
    }

    fn report(&self, kind: &str, message: String, code: Option<String>) {
        match &self.file {
            Some(file) => {
                let record = StatusRecord {
                    kind,
                    message,
                    code,
                };
                let line = serde_json::to_string(&record).unwrap_or_default();
                let _ = (&*file).write_all(format!("{line}\n").as_bytes());
            }
            None => eprintln!("codex-native-exec: {message}"),
        }
    }
}
