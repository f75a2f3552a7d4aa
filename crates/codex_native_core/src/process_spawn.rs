//! Starts a child process without forking the caller, and reaps it on a waiter thread.
//!
//! `posix_spawn` in glibc runs the child with `clone(CLONE_VM | CLONE_VFORK)`: the child borrows
//! the parent's memory until it execs, so starting it costs the same whatever the size of the
//! parent (a Node process with a large heap pays milliseconds for `fork()`'s page-table copy and
//! its copy-on-write faults). Only the calling thread waits for the exec; callers run this on a
//! worker thread so the event loop never does.
//!
//! The child gets: the pipe ends in [`ChildStdio`] on descriptors 0–3 (stdin from `/dev/null`
//! unless a pipe is given), the working directory, default signal dispositions and an empty
//! signal mask (Node ignores `SIGPIPE`, and a worker thread blocks signals), and optionally a
//! session of its own (its own process group, as Node's `detached`). Every other descriptor is
//! close-on-exec (the pipes here are created that way, as are all of Node's).

use std::ffi::{CString, NulError};
use std::io;
use std::mem::MaybeUninit;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::ptr;

/// Why a process could not be started.
#[derive(Debug, thiserror::Error)]
pub enum SpawnError {
    /// An argument, variable or path holds a NUL byte.
    #[error("{what} contains a NUL byte")]
    NulByte { what: &'static str },
    /// The kernel refused: the program or working directory is missing, not executable…
    #[error("cannot start {program}: {source}")]
    Os { program: String, source: io::Error },
}

/// What to start.
#[derive(Debug, Clone)]
pub struct SpawnRequest {
    /// Path of the executable (not looked up on `PATH`; relative to `cwd` when relative).
    pub program: String,
    /// The complete argument vector, `argv[0]` included.
    pub argv: Vec<String>,
    /// The complete environment, as `NAME=value` entries.
    pub env: Vec<String>,
    /// Working directory of the child.
    pub cwd: String,
    /// Start the child in a new session (`setsid`): it leads its own process group.
    pub new_session: bool,
}

/// A pipe whose ends are both close-on-exec.
#[derive(Debug)]
pub struct Pipe {
    pub read: OwnedFd,
    pub write: OwnedFd,
}

/// Creates a close-on-exec pipe (no other child started meanwhile can inherit it).
pub fn cloexec_pipe() -> io::Result<Pipe> {
    let mut fds = [0 as RawFd; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: pipe2 succeeded, so both descriptors are fresh and owned by nobody else.
    Ok(unsafe {
        Pipe {
            read: OwnedFd::from_raw_fd(fds[0]),
            write: OwnedFd::from_raw_fd(fds[1]),
        }
    })
}

/// The child's ends of its standard descriptors.
#[derive(Debug)]
pub struct ChildStdio {
    /// Descriptor 0; `/dev/null` when absent.
    pub stdin: Option<OwnedFd>,
    /// Descriptor 1.
    pub stdout: OwnedFd,
    /// Descriptor 2.
    pub stderr: OwnedFd,
    /// Descriptor 3 (the exec helper's status pipe); not opened when absent.
    pub extra: Option<OwnedFd>,
}

/// How a child ended: its exit status, or the number of the signal that killed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcessExit {
    pub exit_code: Option<i32>,
    pub signal: Option<i32>,
}

/// Highest descriptor number the child gets from [`ChildStdio`].
const LAST_TARGET_FD: RawFd = 3;

/// Starts the child and returns its pid. The child ends in `stdio` are closed here in every
/// case (the child holds its own copies), so the parent sees end-of-file once the child and
/// everything that inherited them are gone.
pub fn spawn_process(request: &SpawnRequest, stdio: ChildStdio) -> Result<u32, SpawnError> {
    let program = cstring(&request.program, "the program path")?;
    let cwd = cstring(&request.cwd, "the working directory")?;
    let argv = request
        .argv
        .iter()
        .map(|argument| cstring(argument, "an argument"))
        .collect::<Result<Vec<_>, _>>()?;
    let env = request
        .env
        .iter()
        .map(|entry| cstring(entry, "an environment variable"))
        .collect::<Result<Vec<_>, _>>()?;
    let os_error = |source: io::Error| SpawnError::Os {
        program: request.program.clone(),
        source,
    };
    // A source descriptor numbered 0–3 could be overwritten by an earlier dup2 in the child (or
    // equal its target, which would keep close-on-exec set): move such ends above 3 first.
    let stdin = stdio
        .stdin
        .map(above_targets)
        .transpose()
        .map_err(os_error)?;
    let stdout = above_targets(stdio.stdout).map_err(os_error)?;
    let stderr = above_targets(stdio.stderr).map_err(os_error)?;
    let extra = stdio
        .extra
        .map(above_targets)
        .transpose()
        .map_err(os_error)?;

    let mut actions = FileActions::new().map_err(os_error)?;
    match &stdin {
        Some(fd) => actions.dup2(fd.as_raw_fd(), 0),
        None => actions.open_dev_null(0),
    }
    .map_err(os_error)?;
    actions.dup2(stdout.as_raw_fd(), 1).map_err(os_error)?;
    actions.dup2(stderr.as_raw_fd(), 2).map_err(os_error)?;
    if let Some(fd) = &extra {
        actions
            .dup2(fd.as_raw_fd(), LAST_TARGET_FD)
            .map_err(os_error)?;
    }
    actions.chdir(&cwd).map_err(os_error)?;
    let attributes = Attributes::new(request.new_session).map_err(os_error)?;

    let mut argv_pointers: Vec<*mut libc::c_char> =
        argv.iter().map(|a| a.as_ptr().cast_mut()).collect();
    argv_pointers.push(ptr::null_mut());
    let mut env_pointers: Vec<*mut libc::c_char> =
        env.iter().map(|e| e.as_ptr().cast_mut()).collect();
    env_pointers.push(ptr::null_mut());
    let mut pid: libc::pid_t = 0;
    // SAFETY: every pointer refers to a NUL-terminated string or array that outlives the call;
    // the file actions and attributes are initialised.
    let status = unsafe {
        libc::posix_spawn(
            &mut pid,
            program.as_ptr(),
            &actions.0,
            &attributes.0,
            argv_pointers.as_ptr(),
            env_pointers.as_ptr(),
        )
    };
    if status != 0 {
        return Err(os_error(io::Error::from_raw_os_error(status)));
    }
    Ok(pid as u32)
}

/// Blocks until `pid` (a child of this process) has exited and reaps it.
pub fn wait_for_exit(pid: u32) -> io::Result<ProcessExit> {
    let mut status = 0;
    loop {
        // SAFETY: plain syscall on our own child.
        if unsafe { libc::waitpid(pid as libc::pid_t, &mut status, 0) } >= 0 {
            break;
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    Ok(if libc::WIFSIGNALED(status) {
        ProcessExit {
            exit_code: None,
            signal: Some(libc::WTERMSIG(status)),
        }
    } else {
        ProcessExit {
            exit_code: Some(libc::WEXITSTATUS(status)),
            signal: None,
        }
    })
}

/// Reaps `pid` on a small thread of its own and hands its exit to `on_exit` there. Node's libuv
/// only reaps the children it started itself, so without this the child would stay a zombie.
/// If no thread can be started, the child is killed and reaped here, and the error returned.
pub fn reap_in_background(
    pid: u32,
    on_exit: impl FnOnce(io::Result<ProcessExit>) + Send + 'static,
) -> io::Result<()> {
    let started = std::thread::Builder::new()
        .name("codex-reaper".to_owned())
        .stack_size(128 * 1024)
        .spawn(move || on_exit(wait_for_exit(pid)));
    match started {
        Ok(_) => Ok(()),
        Err(error) => {
            // SAFETY: `pid` is our unreaped child, so it cannot have been reused.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            let _ = wait_for_exit(pid);
            Err(error)
        }
    }
}

fn cstring(text: &str, what: &'static str) -> Result<CString, SpawnError> {
    CString::new(text).map_err(|_: NulError| SpawnError::NulByte { what })
}

/// `fd` itself when it is numbered above the child's targets, else a close-on-exec copy above them.
fn above_targets(fd: OwnedFd) -> io::Result<OwnedFd> {
    if fd.as_raw_fd() > LAST_TARGET_FD {
        return Ok(fd);
    }
    // SAFETY: `fd` is open; F_DUPFD_CLOEXEC returns a new descriptor we then own.
    let copy = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_DUPFD_CLOEXEC, LAST_TARGET_FD + 1) };
    if copy < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: fcntl just created `copy`.
    Ok(unsafe { OwnedFd::from_raw_fd(copy) })
}

fn check(status: libc::c_int) -> io::Result<()> {
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(status))
    }
}

/// `posix_spawn_file_actions_t`, destroyed on drop.
struct FileActions(libc::posix_spawn_file_actions_t);

impl FileActions {
    fn new() -> io::Result<Self> {
        let mut actions = MaybeUninit::uninit();
        // SAFETY: init fills the structure; it is only used after success.
        check(unsafe { libc::posix_spawn_file_actions_init(actions.as_mut_ptr()) })?;
        Ok(Self(unsafe { actions.assume_init() }))
    }

    fn dup2(&mut self, source: RawFd, target: RawFd) -> io::Result<()> {
        // SAFETY: initialised actions; the descriptors are checked by the child.
        check(unsafe { libc::posix_spawn_file_actions_adddup2(&mut self.0, source, target) })
    }

    fn open_dev_null(&mut self, target: RawFd) -> io::Result<()> {
        // SAFETY: the path is a static NUL-terminated string (glibc copies it).
        check(unsafe {
            libc::posix_spawn_file_actions_addopen(
                &mut self.0,
                target,
                c"/dev/null".as_ptr(),
                libc::O_RDONLY,
                0,
            )
        })
    }

    fn chdir(&mut self, directory: &CString) -> io::Result<()> {
        // SAFETY: glibc copies the path into the actions.
        check(unsafe {
            libc::posix_spawn_file_actions_addchdir_np(&mut self.0, directory.as_ptr())
        })
    }
}

impl Drop for FileActions {
    fn drop(&mut self) {
        // SAFETY: initialised in `new`.
        unsafe { libc::posix_spawn_file_actions_destroy(&mut self.0) };
    }
}

/// `posix_spawnattr_t` with default signals, an empty mask and optionally a new session.
struct Attributes(libc::posix_spawnattr_t);

impl Attributes {
    fn new(new_session: bool) -> io::Result<Self> {
        let mut attributes = MaybeUninit::uninit();
        // SAFETY: init fills the structure; it is only used after success.
        check(unsafe { libc::posix_spawnattr_init(attributes.as_mut_ptr()) })?;
        let mut this = Self(unsafe { attributes.assume_init() });
        // SAFETY: sigset_t values are filled by sigemptyset/sigfillset before use.
        unsafe {
            let mut empty = MaybeUninit::<libc::sigset_t>::uninit();
            libc::sigemptyset(empty.as_mut_ptr());
            check(libc::posix_spawnattr_setsigmask(
                &mut this.0,
                empty.as_ptr(),
            ))?;
            let mut all = MaybeUninit::<libc::sigset_t>::uninit();
            libc::sigfillset(all.as_mut_ptr());
            check(libc::posix_spawnattr_setsigdefault(
                &mut this.0,
                all.as_ptr(),
            ))?;
        }
        let mut flags = libc::POSIX_SPAWN_SETSIGMASK | libc::POSIX_SPAWN_SETSIGDEF;
        if new_session {
            flags |= libc::c_int::from(libc::POSIX_SPAWN_SETSID);
        }
        // SAFETY: initialised attributes; the flags are glibc's.
        check(unsafe { libc::posix_spawnattr_setflags(&mut this.0, flags as libc::c_short) })?;
        Ok(this)
    }
}

impl Drop for Attributes {
    fn drop(&mut self) {
        // SAFETY: initialised in `new`.
        unsafe { libc::posix_spawnattr_destroy(&mut self.0) };
    }
}

#[cfg(test)]
#[path = "process_spawn_tests.rs"]
mod tests;
