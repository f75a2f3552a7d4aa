//! The tiny init of the command's PID namespace (pipe mode; `pty_session` is the PTY-mode
//! counterpart). It forks the command, reaps every process that ends up orphaned in the
//! namespace, passes on signals the command would otherwise miss, and exits as soon as the
//! command does, which makes the kernel kill whatever the command left behind.

use std::ffi::CString;

use nix::errno::Errno;
use nix::sys::signal::{killpg, sigprocmask, SigSet, SigmaskHow, Signal};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{fork, getpgid, getpgrp, ForkResult, Pid};

use crate::command_exec::exec_command;
use crate::lifecycle::{signal_set, InitLink, PASSED_SIGNALS};
use crate::status_channel::{Failure, StatusChannel};

pub fn run_command(command: &[CString], status: StatusChannel, link: InitLink) -> ! {
    let mut watched = signal_set(&PASSED_SIGNALS);
    watched.add(Signal::SIGCHLD);
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&watched), None);
    // SAFETY: the init is single-threaded, so the child may run arbitrary code before exec.
    let child = match unsafe { fork() } {
        Err(errno) => status.fail(Failure::Pty(format!("fork: {}", errno.desc()))),
        Ok(ForkResult::Child) => {
            let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
            let error = exec_command(command);
            status.fail(Failure::Exec {
                program: command[0].to_string_lossy().into_owned(),
                errno: error,
            })
        }
        Ok(ForkResult::Parent { child }) => child,
    };
    drop(status);
    loop {
        match watched.wait() {
            Ok(Signal::SIGCHLD) => {
                if let Some(exit) = reap(child) {
                    link.exit_with(exit);
                }
            }
            Ok(signal) => forward(child, signal),
            Err(_) => {}
        }
    }
}

/// Reaps every finished process; returns the command's status once it is among them.
fn reap(command: Pid) -> Option<WaitStatus> {
    let mut command_exit = None;
    loop {
        match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            Ok(status @ (WaitStatus::Exited(pid, _) | WaitStatus::Signaled(pid, _, _))) => {
                if pid == command {
                    command_exit = Some(status);
                }
            }
            Ok(WaitStatus::StillAlive) | Err(Errno::ECHILD) => return command_exit,
            Ok(_) | Err(Errno::EINTR) => {}
            Err(_) => return command_exit.or(Some(WaitStatus::Exited(command, 125))),
        }
    }
}

/// A signal sent to the helper's process group already reached the command if it is still in
/// that group; if it moved to a group of its own, pass the signal on there.
fn forward(command: Pid, signal: Signal) {
    if let Ok(group) = getpgid(Some(command)) {
        if group != getpgrp() {
            let _ = killpg(group, signal);
        }
    }
}
