//! `--pty` mode: the command runs on a pseudo-terminal and this process relays bytes
//! (see `pty_relay`).
//!
//! Process layout: the helper is the session leader (the runner starts it detached) and takes
//! the PTY as its controlling terminal; its init (see `lifecycle`) relays, and forks the command
//! into the same process group, so killing that group (what the runner's `kill()` does)
//! reaches the command and every descendant that did not move away (the rest die with the
//! init's PID namespace). Terminal signals (Ctrl-C typed into the PTY) reach the
//! command directly; the helper ignores them. SIGTERM/SIGHUP are forwarded to process groups a
//! job-control shell may have created. The helper exits like the command: same exit code, or
//! the same signal re-raised.

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::PathBuf;

use nix::errno::Errno;
use nix::pty::{openpty, Winsize};
use nix::sys::signal::{signal, sigprocmask, SigHandler, SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::unistd::{fork, getpid, getsid, setsid, ForkResult, Pid};

use crate::command_exec::exec_command;
use crate::lifecycle::InitLink;
use crate::pty_relay::Relay;
use crate::status_channel::{Failure, StatusChannel};

/// Codex's unified exec uses the same default terminal size.
const TERMINAL_ROWS: u16 = 24;
const TERMINAL_COLUMNS: u16 = 80;

pub struct Pty {
    master: OwnedFd,
    slave: OwnedFd,
    /// `/dev/pts/N`, granted to the command so it can reopen its own terminal.
    pub slave_path: PathBuf,
}

pub fn open_pty() -> Result<Pty, String> {
    let size = Winsize {
        ws_row: TERMINAL_ROWS,
        ws_col: TERMINAL_COLUMNS,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pair = openpty(&size, None)
        .map_err(|errno| format!("cannot open a pseudo-terminal: {}", errno.desc()))?;
    let slave_path = std::fs::read_link(format!("/proc/self/fd/{}", pair.slave.as_raw_fd()))
        .map_err(|error| format!("cannot name the pseudo-terminal: {error}"))?;
    Ok(Pty {
        master: pair.master,
        slave: pair.slave,
        slave_path,
    })
}

/// Signals the relay blocks: it reads the interesting ones from a signalfd and leaves the
/// terminal-generated ones pending (they are meant for the command).
fn relay_signal_mask() -> SigSet {
    let mut mask = SigSet::empty();
    for signal in [
        Signal::SIGCHLD,
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGINT,
        Signal::SIGQUIT,
        Signal::SIGTSTP,
        Signal::SIGTTIN,
        Signal::SIGTTOU,
        Signal::SIGPIPE,
    ] {
        mask.add(signal);
    }
    mask
}

/// The helper's half, before it forks the init: become the session leader if the caller did not
/// start us as one, then take the terminal. Returns whether the helper controls the terminal
/// (the init and the command stay in its session and process group).
pub fn take_terminal(pty: &Pty) -> bool {
    if getsid(None).ok() != Some(getpid()) {
        let _ = setsid();
    }
    getsid(None).ok() == Some(getpid()) && take_controlling_terminal(&pty.slave).is_ok()
}

/// The init's half: forks the command onto the PTY slave and relays until it exits.
pub fn run_under_pty(
    pty: Pty,
    command: &[CString],
    status: StatusChannel,
    helper_controls_terminal: bool,
    link: InitLink,
) -> ! {
    let pty_error = |what: &str, errno: Errno| Failure::Pty(format!("{what}: {}", errno.desc()));
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&relay_signal_mask()), None)
        .unwrap_or_else(|errno| status.fail(pty_error("blocking signals", errno)));
    let mut watched = SigSet::empty();
    for signal in [Signal::SIGCHLD, Signal::SIGTERM, Signal::SIGHUP] {
        watched.add(signal);
    }
    let signals = SignalFd::with_flags(&watched, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
        .unwrap_or_else(|errno| status.fail(pty_error("signalfd", errno)));

    let init = getpid();
    // SAFETY: the init is single-threaded, so the child may run arbitrary code before exec.
    match unsafe { fork() } {
        Err(errno) => status.fail(pty_error("fork", errno)),
        Ok(ForkResult::Child) => {
            start_command_in_child(&pty, helper_controls_terminal, init, command, &status)
        }
        Ok(ForkResult::Parent { child }) => {
            drop(status);
            let Pty { master, slave, .. } = pty;
            drop(slave);
            let exit = Relay::new(master, signals, child).run();
            link.exit_with(exit)
        }
    }
}

fn take_controlling_terminal(slave: &OwnedFd) -> io::Result<()> {
    // SAFETY: TIOCSCTTY takes an integer argument.
    if unsafe { libc::ioctl(slave.as_raw_fd(), libc::TIOCSCTTY as _, 0) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

fn start_command_in_child(
    pty: &Pty,
    helper_controls_terminal: bool,
    helper: Pid,
    command: &[CString],
    status: &StatusChannel,
) -> ! {
    let fail = |what: &str, errno: Errno| -> ! {
        status.fail(Failure::Pty(format!("{what}: {}", errno.desc())))
    };
    if !helper_controls_terminal {
        // Fallback when the helper could not lead a session: the command leads its own.
        setsid().unwrap_or_else(|errno| fail("setsid", errno));
        take_controlling_terminal(&pty.slave).unwrap_or_else(|error| {
            fail(
                "TIOCSCTTY",
                Errno::from_raw(error.raw_os_error().unwrap_or(0)),
            )
        });
    }
    // If the helper dies (killed with its group), hang up on the command as a closing terminal
    // would. A job-control shell that left the group then hangs up its own jobs too.
    // SAFETY: integer arguments only.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGHUP) };
    if nix::unistd::getppid() != helper {
        // SAFETY: leaving the forked child without running the parent's destructors.
        unsafe { libc::_exit(128 + libc::SIGKILL) };
    }
    let slave = pty.slave.as_raw_fd();
    for target in 0..=2 {
        // SAFETY: dup2 onto the standard descriptors of this (child) process.
        if unsafe { libc::dup2(slave, target) } < 0 {
            fail("dup2", Errno::last());
        }
    }
    // Restore what the relay changed; handlers would reset on exec, blocked masks would not.
    let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
    // SAFETY: restoring default dispositions.
    unsafe {
        let _ = signal(Signal::SIGPIPE, SigHandler::SigDfl);
    }
    let error = exec_command(command);
    status.fail(Failure::Exec {
        program: command[0].to_string_lossy().into_owned(),
        errno: error,
    })
}
