//! N-API surface of `codex_native_core::process_spawn` (Linux only). JavaScript first creates a
//! `SpawnPipes` (a few `pipe2` calls, synchronous) and wraps the parent ends as streams at once,
//! then calls `spawn`, which runs `posix_spawn` on libuv's thread pool, so the event loop never
//! waits for the child to exec. A waiter thread reaps the child and reports its exit through a
//! weak threadsafe function: it never keeps the event loop alive, the JavaScript side decides
//! what does (a command can be `unref()`ed).

use std::os::fd::IntoRawFd;

use codex_native_core::process_spawn::{
    cloexec_pipe, reap_in_background, spawn_process, ChildStdio, ProcessExit, SpawnError,
    SpawnRequest,
};
use napi::bindgen_prelude::AsyncTask;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Error, Result, Status, Task};
use napi_derive::napi;

use super::panic_guard::contain_panic;

/// How a spawned process ended: its exit status, or the number of the signal that killed it
/// (both null when it could not be reaped).
#[napi(object)]
pub struct BindingProcessExit {
    pub exit_code: Option<i32>,
    pub signal: Option<i32>,
}

/// What `SpawnPipes.spawn` starts.
#[napi(object)]
pub struct BindingSpawnRequest {
    /// Path of the executable (not looked up on `PATH`).
    pub program: String,
    /// The complete argument vector, `argv[0]` included.
    pub argv: Vec<String>,
    /// The complete environment as `NAME=value` entries.
    pub env: Vec<String>,
    pub cwd: String,
    /// Start the child in a session of its own (its own process group).
    pub new_session: bool,
}

/// The pid of the started process, or why it could not start.
#[napi(object)]
pub struct BindingSpawnOutcome {
    pub pid: Option<u32>,
    /// errno of a refused spawn (ENOENT for a missing program or directory…).
    pub errno: Option<i32>,
    /// Set when the request itself was unusable (a NUL byte in an argument).
    pub invalid_argument: bool,
    pub message: Option<String>,
}

type ExitCallback =
    ThreadsafeFunction<BindingProcessExit, (), BindingProcessExit, Status, false, true>;

/// The pipes of one child: the parent's ends are plain descriptors that JavaScript owns from
/// now on (it wraps them as sockets); the child's ends stay here until `spawn` hands them over.
#[napi]
pub struct SpawnPipes {
    child: Option<ChildStdio>,
    /// Write end of the child's stdin; absent when the child reads `/dev/null`.
    #[napi(readonly)]
    pub stdin: Option<i32>,
    #[napi(readonly)]
    pub stdout: i32,
    #[napi(readonly)]
    pub stderr: i32,
    /// Read end of the child's descriptor 3, when requested.
    #[napi(readonly)]
    pub extra: Option<i32>,
}

#[napi]
impl SpawnPipes {
    /// Creates close-on-exec pipes for stdout, stderr and optionally stdin and descriptor 3.
    #[napi(constructor)]
    pub fn new(stdin_pipe: bool, extra_pipe: bool) -> Result<Self> {
        contain_panic("SpawnPipes", || {
            let os_error = |error: std::io::Error| {
                Error::new(
                    Status::GenericFailure,
                    format!("cannot create a pipe: {error}"),
                )
            };
            let stdin = stdin_pipe
                .then(cloexec_pipe)
                .transpose()
                .map_err(os_error)?;
            let stdout = cloexec_pipe().map_err(os_error)?;
            let stderr = cloexec_pipe().map_err(os_error)?;
            let extra = extra_pipe
                .then(cloexec_pipe)
                .transpose()
                .map_err(os_error)?;
            let (child_stdin, parent_stdin) = match stdin {
                Some(pipe) => (Some(pipe.read), Some(pipe.write.into_raw_fd())),
                None => (None, None),
            };
            let (child_extra, parent_extra) = match extra {
                Some(pipe) => (Some(pipe.write), Some(pipe.read.into_raw_fd())),
                None => (None, None),
            };
            Ok(Self {
                child: Some(ChildStdio {
                    stdin: child_stdin,
                    stdout: stdout.write,
                    stderr: stderr.write,
                    extra: child_extra,
                }),
                stdin: parent_stdin,
                stdout: stdout.read.into_raw_fd(),
                stderr: stderr.read.into_raw_fd(),
                extra: parent_extra,
            })
        })
    }

    /// Starts the process on libuv's thread pool with the child's ends of these pipes (closed in
    /// this process afterwards, whatever happens). `onExit` is called once the process has
    /// exited and been reaped. Callable once.
    #[napi(ts_return_type = "Promise<BindingSpawnOutcome>")]
    pub fn spawn(
        &mut self,
        request: BindingSpawnRequest,
        #[napi(ts_arg_type = "(exit: BindingProcessExit) => void")] on_exit: ExitCallback,
    ) -> Result<AsyncTask<SpawnTask>> {
        contain_panic("SpawnPipes.spawn", || {
            let stdio = self.child.take().ok_or_else(|| {
                Error::new(
                    Status::InvalidArg,
                    "these pipes were already used by a spawn",
                )
            })?;
            Ok(AsyncTask::new(SpawnTask {
                request: SpawnRequest {
                    program: request.program,
                    argv: request.argv,
                    env: request.env,
                    cwd: request.cwd,
                    new_session: request.new_session,
                },
                stdio: Some(stdio),
                on_exit: Some(on_exit),
            }))
        })
    }
}

pub struct SpawnTask {
    request: SpawnRequest,
    stdio: Option<ChildStdio>,
    on_exit: Option<ExitCallback>,
}

fn to_binding(exit: ProcessExit) -> BindingProcessExit {
    BindingProcessExit {
        exit_code: exit.exit_code,
        signal: exit.signal,
    }
}

fn failure(errno: Option<i32>, invalid_argument: bool, message: String) -> BindingSpawnOutcome {
    BindingSpawnOutcome {
        pid: None,
        errno,
        invalid_argument,
        message: Some(message),
    }
}

impl Task for SpawnTask {
    type Output = BindingSpawnOutcome;
    type JsValue = BindingSpawnOutcome;

    fn compute(&mut self) -> Result<Self::Output> {
        contain_panic("SpawnPipes.spawn", || {
            let stdio = self
                .stdio
                .take()
                .ok_or_else(|| Error::new(Status::GenericFailure, "spawn task ran twice"))?;
            let pid = match spawn_process(&self.request, stdio) {
                Ok(pid) => pid,
                Err(error @ SpawnError::NulByte { .. }) => {
                    return Ok(failure(None, true, error.to_string()))
                }
                Err(SpawnError::Os { program, source }) => {
                    let message = format!("cannot start {program}: {source}");
                    return Ok(failure(source.raw_os_error(), false, message));
                }
            };
            let on_exit = self
                .on_exit
                .take()
                .ok_or_else(|| Error::new(Status::GenericFailure, "spawn task ran twice"))?;
            let reaper = reap_in_background(pid, move |exit| {
                let exit = exit.map(to_binding).unwrap_or(BindingProcessExit {
                    exit_code: None,
                    signal: None,
                });
                on_exit.call(exit, ThreadsafeFunctionCallMode::NonBlocking);
            });
            if let Err(error) = reaper {
                let message = format!(
                    "cannot start a thread to reap {}: {error}",
                    self.request.program
                );
                return Ok(failure(error.raw_os_error(), false, message));
            }
            Ok(BindingSpawnOutcome {
                pid: Some(pid),
                errno: None,
                invalid_argument: false,
                message: None,
            })
        })
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}
