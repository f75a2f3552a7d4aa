//! The tiny init of the command's PID namespace (pipe mode; `pty_session` is the PTY-mode
//! counterpart). It starts the command (posix_spawnp), reaps every process that ends up
//! orphaned in the namespace, passes on signals the command would otherwise miss, and exits as
//! soon as the command does, which makes the kernel kill whatever the command left behind.

use std::ffi::CString;

use nix::errno::Errno;
use nix::sys::signal::{killpg, sigprocmask, SigSet, SigmaskHow, Signal};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{fork, getpgid, getpgrp, ForkResult, Pid};

use crate::command_exec::{close_extra_descriptors_on_exec, exec_command};
use crate::lifecycle::{signal_set, InitLink, PASSED_SIGNALS};
use crate::status_channel::{Failure, StatusChannel};

pub fn run_command(command: &[CString], status: StatusChannel, link: InitLink) -> ! {
    let mut watched = signal_set(&PASSED_SIGNALS);
    watched.add(Signal::SIGCHLD);
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&watched), None);
    let child = match spawn_command(command) {
        Ok(child) => child,
        // A file without `#!`: execvp hands it to /bin/sh, posix_spawnp does not.
        Err(Errno::ENOEXEC) => fork_command(command, &status),
        Err(errno) => status.fail(Failure::Exec {
            program: command[0].to_string_lossy().into_owned(),
            errno,
        }),
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

/// Starts the command with posix_spawnp, which neither copies the init's memory nor its page
/// tables (vfork-style: the init waits until the exec), with an empty signal mask, SIGPIPE back
/// to its default, and only the standard descriptors left open across the exec. Returns the
/// exec's errno when it fails.
fn spawn_command(command: &[CString]) -> Result<Pid, Errno> {
    extern "C" {
        static environ: *const *mut libc::c_char;
    }
    close_extra_descriptors_on_exec();
    let mut argv: Vec<*mut libc::c_char> = command
        .iter()
        .map(|argument| argument.as_ptr().cast_mut())
        .collect();
    argv.push(std::ptr::null_mut());
    let mut attributes = std::mem::MaybeUninit::<libc::posix_spawnattr_t>::uninit();
    let mut empty = std::mem::MaybeUninit::<libc::sigset_t>::uninit();
    let mut defaults = std::mem::MaybeUninit::<libc::sigset_t>::uninit();
    let mut pid: libc::pid_t = 0;
    // SAFETY: the attribute object is initialised before use and destroyed after; argv is a
    // NULL-terminated array of C strings that outlive the call; environ is the C library's.
    let result = unsafe {
        if libc::posix_spawnattr_init(attributes.as_mut_ptr()) != 0 {
            return Err(Errno::ENOMEM);
        }
        libc::sigemptyset(empty.as_mut_ptr());
        libc::posix_spawnattr_setsigmask(attributes.as_mut_ptr(), empty.as_ptr());
        // The Rust runtime ignores SIGPIPE in the helper; the command gets the default back.
        libc::sigemptyset(defaults.as_mut_ptr());
        libc::sigaddset(defaults.as_mut_ptr(), libc::SIGPIPE);
        libc::posix_spawnattr_setsigdefault(attributes.as_mut_ptr(), defaults.as_ptr());
        libc::posix_spawnattr_setflags(
            attributes.as_mut_ptr(),
            (libc::POSIX_SPAWN_SETSIGMASK | libc::POSIX_SPAWN_SETSIGDEF) as libc::c_short,
        );
        let result = libc::posix_spawnp(
            &mut pid,
            argv[0],
            std::ptr::null(),
            attributes.as_ptr(),
            argv.as_ptr(),
            environ,
        );
        libc::posix_spawnattr_destroy(attributes.as_mut_ptr());
        result
    };
    if result == 0 {
        Ok(Pid::from_raw(pid))
    } else {
        Err(Errno::from_raw(result))
    }
}

/// Forks and execvp's the command (execvp runs a file without `#!` through /bin/sh).
fn fork_command(command: &[CString], status: &StatusChannel) -> Pid {
    // SAFETY: the init is single-threaded, so the child may run arbitrary code before exec.
    match unsafe { fork() } {
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
