//! The byte relay of `--pty` mode: stdin → PTY master, PTY master → stdout, until the command
//! exits and its remaining output is drained. Signals arrive through a signalfd.

use std::io::{self, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::fcntl::{fcntl, FcntlArg, OFlag};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{killpg, Signal};
use nix::sys::signalfd::SignalFd;
use nix::sys::termios::{tcgetattr, LocalFlags, SpecialCharacterIndices};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{getpgid, getpgrp, read, tcgetpgrp, write, Pid};

const CHUNK_BYTES: usize = 64 * 1024;
/// After the command exits, output still queued in the PTY is relayed until the PTY reports
/// end of file, the output goes quiet for this long, or `DRAIN_LIMIT` passes (background
/// processes may keep the terminal open).
const DRAIN_QUIET: Duration = Duration::from_millis(100);
const DRAIN_LIMIT: Duration = Duration::from_secs(2);

/// The relay loop between the helper's stdio and the PTY master, for one forked command.
pub(crate) struct Relay {
    master: OwnedFd,
    signals: SignalFd,
    child: Pid,
    stdin_open: bool,
    stdout_open: bool,
    /// False once every slave descriptor is closed (reads return EIO).
    terminal_open: bool,
    pending_input: Vec<u8>,
    last_input_byte: Option<u8>,
    exit: Option<WaitStatus>,
}

impl Relay {
    pub(crate) fn new(master: OwnedFd, signals: SignalFd, child: Pid) -> Self {
        let _ = fcntl(&master, FcntlArg::F_SETFL(OFlag::O_NONBLOCK));
        Relay {
            master,
            signals,
            child,
            stdin_open: true,
            stdout_open: true,
            terminal_open: true,
            pending_input: Vec::new(),
            last_input_byte: None,
            exit: None,
        }
    }

    pub(crate) fn run(mut self) -> WaitStatus {
        while self.exit.is_none() {
            self.step();
        }
        self.drain_output();
        self.exit.unwrap_or(WaitStatus::Exited(self.child, 0))
    }

    fn step(&mut self) {
        let stdin = io::stdin();
        let mut master_events = PollFlags::POLLIN;
        if !self.pending_input.is_empty() {
            master_events |= PollFlags::POLLOUT;
        }
        let mut fds = vec![PollFd::new(self.signals.as_fd(), PollFlags::POLLIN)];
        let master_index = self.terminal_open.then(|| {
            fds.push(PollFd::new(self.master.as_fd(), master_events));
            fds.len() - 1
        });
        // Stop reading input while the terminal cannot take it; that back-pressures the writer.
        let stdin_index = (self.stdin_open && self.pending_input.len() < CHUNK_BYTES).then(|| {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(Errno::EINTR) => return,
            Err(_) => {
                // Polling itself failed: nothing left to relay, just wait for the command.
                self.exit = waitpid(self.child, None).ok();
                return;
            }
        }
        let ready = |index: usize| {
            fds[index]
                .revents()
                .is_some_and(|events| !events.is_empty())
        };
        let signals_ready = ready(0);
        let master_ready = master_index.map(|index| {
            (
                ready(index),
                fds[index].revents().unwrap_or(PollFlags::empty()),
            )
        });
        let stdin_ready = stdin_index.is_some_and(ready);
        drop(fds);

        if signals_ready {
            self.handle_signals();
        }
        if let Some((true, events)) = master_ready {
            if events.contains(PollFlags::POLLOUT) {
                self.write_pending_input();
            }
            if events.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR) {
                self.relay_output();
            }
        }
        if stdin_ready {
            self.read_input();
        }
    }

    fn handle_signals(&mut self) {
        while let Ok(Some(info)) = self.signals.read_signal() {
            match Signal::try_from(info.ssi_signo as i32) {
                Ok(Signal::SIGCHLD) => self.reap_child(),
                Ok(forwarded @ (Signal::SIGTERM | Signal::SIGHUP)) => self.forward(forwarded),
                _ => {}
            }
        }
    }

    /// Reaps the command and, as the namespace's init, any orphan that ended.
    fn reap_child(&mut self) {
        loop {
            match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
                Ok(status @ (WaitStatus::Exited(pid, _) | WaitStatus::Signaled(pid, _, _))) => {
                    if pid == self.child {
                        self.exit = Some(status);
                    }
                }
                Ok(WaitStatus::StillAlive) | Err(Errno::ECHILD) => break,
                Ok(_) | Err(Errno::EINTR) => {}
                Err(_) => {
                    self.exit.get_or_insert(WaitStatus::Exited(self.child, 125));
                    break;
                }
            }
        }
    }

    /// A group kill already reached our own group; groups a job-control shell created inside
    /// the terminal did not.
    fn forward(&self, forwarded: Signal) {
        let own_group = getpgrp();
        let mut groups = Vec::new();
        if let Ok(group) = getpgid(Some(self.child)) {
            groups.push(group);
        }
        if let Ok(group) = tcgetpgrp(&self.master) {
            groups.push(group);
        }
        groups.sort();
        groups.dedup();
        for group in groups.into_iter().filter(|group| *group != own_group) {
            let _ = killpg(group, forwarded);
        }
    }

    fn read_input(&mut self) {
        let mut buffer = [0u8; CHUNK_BYTES];
        match read(io::stdin().as_fd(), &mut buffer) {
            Ok(0) => {
                self.stdin_open = false;
                self.queue_end_of_file();
            }
            Ok(count) => self.pending_input.extend_from_slice(&buffer[..count]),
            Err(Errno::EINTR | Errno::EAGAIN) => {}
            Err(_) => self.stdin_open = false,
        }
        self.write_pending_input();
    }

    /// Closing stdin acts like Ctrl-D at the terminal when it is in line mode: EOF for `cat`,
    /// `read`, a REPL. In raw mode the program decides what end of input means, so nothing.
    fn queue_end_of_file(&mut self) {
        let Ok(settings) = tcgetattr(&self.master) else {
            return;
        };
        if !settings.local_flags.contains(LocalFlags::ICANON) {
            return;
        }
        let end_of_file = settings.control_chars[SpecialCharacterIndices::VEOF as usize];
        let last = self.pending_input.last().copied().or(self.last_input_byte);
        // Mid-line, the first Ctrl-D only submits the partial line.
        if last.is_some_and(|byte| byte != b'\n') {
            self.pending_input.push(end_of_file);
        }
        self.pending_input.push(end_of_file);
    }

    fn write_pending_input(&mut self) {
        if self.pending_input.is_empty() || !self.terminal_open {
            return;
        }
        match write(&self.master, &self.pending_input) {
            Ok(count) => {
                self.last_input_byte = self.pending_input.get(count.saturating_sub(1)).copied();
                self.pending_input.drain(..count);
            }
            Err(Errno::EINTR | Errno::EAGAIN) => {}
            Err(_) => self.pending_input.clear(),
        }
    }

    /// Reads one chunk from the terminal; returns false when nothing was available.
    fn relay_output(&mut self) -> bool {
        let mut buffer = [0u8; CHUNK_BYTES];
        match read(self.master.as_fd(), &mut buffer) {
            Ok(0) | Err(Errno::EIO) => {
                self.terminal_open = false;
                self.pending_input.clear();
                false
            }
            Ok(count) => {
                if self.stdout_open {
                    let mut stdout = io::stdout().lock();
                    if stdout
                        .write_all(&buffer[..count])
                        .and_then(|()| stdout.flush())
                        .is_err()
                    {
                        // Nobody reads our output any more; keep running the command regardless.
                        self.stdout_open = false;
                    }
                }
                true
            }
            Err(_) => false,
        }
    }

    fn drain_output(&mut self) {
        let deadline = Instant::now() + DRAIN_LIMIT;
        while self.terminal_open && Instant::now() < deadline {
            let mut fds = [PollFd::new(self.master.as_fd(), PollFlags::POLLIN)];
            let quiet = PollTimeout::try_from(DRAIN_QUIET).unwrap_or(PollTimeout::ZERO);
            match poll(&mut fds, quiet) {
                Ok(0) => return,
                Ok(_) => {
                    if !self.relay_output() && self.terminal_open {
                        return;
                    }
                }
                Err(Errno::EINTR) => {}
                Err(_) => return,
            }
        }
    }
}
