//! Nothing outlives its owner. The helper dies with the process that started it
//! (`PR_SET_PDEATHSIG`), the namespace's first process (the "init", forked by the helper) dies
//! with the helper, and when that init exits the kernel kills every process left in its PID
//! namespace, `setsid` and double-forked ones included. So whatever ends the command (it exits,
//! the runner kills the group, the host exits, crashes or is SIGKILLed) ends all of it.
//!
//! The init reports how the command ended through a pipe (a PID 1 cannot die of a signal it
//! raises itself), and the helper then exits the same way: same exit code, or the same signal.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, FromRawFd, OwnedFd};

use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{raise, sigprocmask, SigHandler, SigSet, SigmaskHow, Signal};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, getppid, ForkResult, Pid};

/// Signals a runner or terminal may send the helper's process group. The helper itself only
/// waits (the init and the command receive them too and decide); blocking them keeps the
/// helper alive until the command is done, so the exit status stays the command's.
pub const PASSED_SIGNALS: [Signal; 8] = [
    Signal::SIGTERM,
    Signal::SIGINT,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
    Signal::SIGALRM,
    Signal::SIGPIPE,
];

pub fn signal_set(signals: &[Signal]) -> SigSet {
    let mut set = SigSet::empty();
    for signal in signals {
        set.add(*signal);
    }
    set
}

/// Asks the kernel to SIGKILL this process when its parent ends, then checks the parent did
/// not end before that request (it would never fire). `expected_parent` is the pid the
/// parent passed; without it the parent at start-up is assumed.
pub fn die_with_parent(expected_parent: Option<i32>) {
    let parent_at_start = getppid();
    // SAFETY: integer arguments only.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
    let expected = expected_parent
        .map(Pid::from_raw)
        .unwrap_or(parent_at_start);
    if getppid() != expected {
        // SAFETY: leaving without running destructors; nothing was started yet.
        unsafe { libc::_exit(128 + libc::SIGKILL) };
    }
}

/// The helper's half: forks the init (which runs `init` and never returns) and waits for it.
pub fn run_init(init: impl FnOnce(InitLink) -> std::convert::Infallible) -> WaitStatus {
    let (report_read, report_write) = pipe();
    let (alive_read, alive_write) = pipe();
    // SAFETY: the helper is single-threaded, so the child may run arbitrary code.
    match unsafe { fork() } {
        Err(errno) => {
            eprintln!("codex-native-exec: fork: {}", errno.desc());
            WaitStatus::Exited(Pid::from_raw(0), 125)
        }
        Ok(ForkResult::Child) => {
            drop(report_read);
            drop(alive_write);
            // `init` never returns (its type says so on stable Rust via Infallible).
            #[allow(unreachable_code)]
            match init(InitLink {
                report: File::from(report_write),
                parent_alive: alive_read,
            }) {}
        }
        Ok(ForkResult::Parent { child }) => {
            drop(report_write);
            drop(alive_read);
            let status = wait_for(child);
            drop(alive_write);
            let mut bytes = [0u8; 4];
            let reported = File::from(report_read).read_exact(&mut bytes).is_ok();
            match (reported, status) {
                (true, _) => decode_status(child, i32::from_ne_bytes(bytes)),
                (false, status) => status,
            }
        }
    }
}

fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: valid array of two descriptors.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        eprintln!(
            "codex-native-exec: pipe: {}",
            std::io::Error::last_os_error()
        );
        // SAFETY: nothing started yet.
        unsafe { libc::_exit(125) };
    }
    // SAFETY: both descriptors were just created and are owned here.
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

fn wait_for(child: Pid) -> WaitStatus {
    loop {
        match waitpid(child, None) {
            Ok(status @ (WaitStatus::Exited(..) | WaitStatus::Signaled(..))) => return status,
            Ok(_) | Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return WaitStatus::Exited(child, 125),
        }
    }
}

fn decode_status(pid: Pid, raw: i32) -> WaitStatus {
    if libc::WIFSIGNALED(raw) {
        if let Ok(signal) = Signal::try_from(libc::WTERMSIG(raw)) {
            return WaitStatus::Signaled(pid, signal, false);
        }
    }
    WaitStatus::Exited(pid, libc::WEXITSTATUS(raw))
}

/// What the init holds of the helper: the report pipe and a pipe that hangs up when the helper
/// is gone.
pub struct InitLink {
    report: File,
    parent_alive: OwnedFd,
}

impl InitLink {
    /// Dies with the helper, and leaves at once if the helper died before that was in place.
    pub fn die_with_helper(&self) {
        // SAFETY: integer arguments only.
        unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
        let mut fds = [PollFd::new(self.parent_alive.as_fd(), PollFlags::POLLIN)];
        if poll(&mut fds, PollTimeout::ZERO).is_ok_and(|ready| ready > 0) {
            // SAFETY: leaving the forked child without running the parent's destructors.
            unsafe { libc::_exit(128 + libc::SIGKILL) };
        }
    }

    /// Reports how the command ended and exits; the kernel then kills the rest of the namespace.
    pub fn exit_with(mut self, status: WaitStatus) -> ! {
        let raw = match status {
            WaitStatus::Exited(_, code) => (code & 0xff) << 8,
            WaitStatus::Signaled(_, signal, _) => signal as i32,
            _ => 125 << 8,
        };
        let _ = self.report.write_all(&raw.to_ne_bytes());
        let code = match status {
            WaitStatus::Exited(_, code) => code,
            WaitStatus::Signaled(_, signal, _) => 128 + signal as i32,
            _ => 125,
        };
        // SAFETY: _exit skips destructors, right for a forked child.
        unsafe { libc::_exit(code) }
    }
}

/// Exits with the command's status: its exit code, or the same signal (core dumps disabled,
/// the command already produced one if it was going to).
pub fn exit_like(status: WaitStatus) -> ! {
    match status {
        WaitStatus::Signaled(_, signal, _) => {
            let no_core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            // SAFETY: plain struct argument and default disposition.
            unsafe {
                libc::setrlimit(libc::RLIMIT_CORE, &no_core);
                let _ = nix::sys::signal::signal(signal, SigHandler::SigDfl);
            }
            let mut only = SigSet::empty();
            only.add(signal);
            let _ = sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&only), None);
            let _ = raise(signal);
            std::process::exit(128 + signal as i32)
        }
        WaitStatus::Exited(_, code) => std::process::exit(code),
        _ => std::process::exit(125),
    }
}
