//! Placeholders for protected entries that do not exist yet. A read-only mount needs a target,
//! so a missing `<root>/.codex` is created as an empty directory before the command starts and
//! removed once it is done (if still empty). Concurrent commands share placeholders: each holds
//! a shared `flock` on every protected directory it mounted over, and a placeholder is only
//! removed under an exclusive lock, so no command loses its protection to another's cleanup
//! (removing a directory detaches the mounts on it in every other mount namespace).
//!
//! Removing a directory costs milliseconds on a busy journaling filesystem, so a small janitor
//! process, forked before the helper enters its namespaces, does it once the helper is gone
//! (however it ended, SIGKILL included), off the command's critical path.

use std::fs::{self, File};
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The placeholders this process created, and its shared locks on the protected entries.
#[derive(Debug, Default)]
pub struct Placeholders {
    created: Vec<PathBuf>,
    locks: Vec<File>,
    /// Closing this (the helper exiting) tells the janitor to clean up.
    janitor_signal: Option<std::os::fd::OwnedFd>,
}

impl Placeholders {
    /// Creates the missing entries (an existing one, made meanwhile by another command, is
    /// simply used) and takes a shared lock on every protected path.
    pub fn prepare(missing: &[PathBuf], existing: &[PathBuf]) -> Self {
        let mut placeholders = Placeholders::default();
        for path in missing {
            if fs::create_dir(path).is_ok() {
                mark_as_placeholder(path);
                placeholders.created.push(path.clone());
            }
        }
        // Another command's placeholder, still in use or left behind: whoever finishes last
        // removes it.
        placeholders
            .created
            .extend(existing.iter().filter(|path| is_placeholder(path)).cloned());
        for path in missing.iter().chain(existing) {
            let (lock, recreated) = lock_shared(path);
            placeholders.locks.extend(lock);
            if recreated {
                placeholders.created.push(path.clone());
            }
        }
        placeholders
    }

    /// Hands the removal to a janitor process that waits for this process to end. Without one
    /// (fork failed), `finish` removes the placeholders itself.
    pub fn start_janitor(&mut self) {
        if self.created.is_empty() {
            return;
        }
        let mut fds = [0; 2];
        // SAFETY: valid array of two descriptors.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return;
        }
        let [read_end, write_end] = fds;
        // SAFETY: the helper is single-threaded; the child only makes syscalls and file-system
        // calls and leaves through `_exit`.
        unsafe {
            match libc::fork() {
                0 => {
                    // Out of the helper's process group (a group kill must not stop the cleanup)
                    // and off its pipes (the runner waits for them to close).
                    libc::setsid();
                    let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
                    for target in 0..=2 {
                        libc::dup2(null, target);
                    }
                    let keep = read_end as libc::c_uint;
                    libc::syscall(libc::SYS_close_range, 3u32, keep - 1, 0u32);
                    libc::syscall(libc::SYS_close_range, keep + 1, u32::MAX, 0u32);
                    let mut byte = 0u8;
                    while libc::read(read_end, (&mut byte as *mut u8).cast(), 1) < 0
                        && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR)
                    {
                    }
                    remove_unused(&self.created);
                    libc::_exit(0);
                }
                child if child > 0 => {
                    libc::close(read_end);
                    self.janitor_signal = Some(std::os::fd::FromRawFd::from_raw_fd(write_end));
                    self.created.clear();
                }
                _ => {
                    libc::close(read_end);
                    libc::close(write_end);
                }
            }
        }
    }

    /// Releases the locks and removes the placeholders nobody else is using (or lets the
    /// janitor do it once this process has exited).
    pub fn remove(self) {
        drop(self.locks);
        remove_unused(&self.created);
    }
}

const PLACEHOLDER_ATTRIBUTE: &std::ffi::CStr = c"user.codex-native-placeholder";

fn c_path(path: &Path) -> Option<std::ffi::CString> {
    std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).ok()
}

/// Tags a placeholder (an extended attribute; best effort, untagged ones are only removed by
/// the command that made them).
fn mark_as_placeholder(path: &Path) {
    if let Some(c_path) = c_path(path) {
        // SAFETY: valid path and attribute name, one-byte value.
        unsafe {
            libc::setxattr(
                c_path.as_ptr(),
                PLACEHOLDER_ATTRIBUTE.as_ptr(),
                b"1".as_ptr().cast(),
                1,
                0,
            )
        };
    }
}

fn is_placeholder(path: &Path) -> bool {
    let Some(c_path) = c_path(path) else {
        return false;
    };
    let mut value = [0u8; 1];
    // SAFETY: valid path and attribute name, buffer of the length passed.
    let length = unsafe {
        libc::lgetxattr(
            c_path.as_ptr(),
            PLACEHOLDER_ATTRIBUTE.as_ptr(),
            value.as_mut_ptr().cast(),
            value.len(),
        )
    };
    length == 1 && value[0] == b'1'
}

/// Removes the placeholders no other command holds a lock on.
fn remove_unused(created: &[PathBuf]) {
    for path in created {
        let Ok(directory) = File::open(path) else {
            continue;
        };
        // SAFETY: flock on a descriptor we own.
        let exclusive =
            unsafe { libc::flock(directory.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
        if exclusive {
            // The read-only mount over it lived in the command's mount namespace, gone
            // with it. The rmdir fails, as it should, if anything was put inside.
            let _ = fs::remove_dir(path);
        }
    }
}

/// A shared lock on `path`, checked to still be the entry at that path once held. A command
/// holding an exclusive lock (it can open the directory for reading) only delays us briefly:
/// then no cleanup can take its exclusive lock either, so the entry stays.
/// Also returns whether it had to make the placeholder again (another command's janitor
/// removed it after this command planned its mounts).
fn lock_shared(path: &Path) -> (Option<File>, bool) {
    let mut recreated = false;
    let recreate = |recreated: &mut bool| {
        if fs::create_dir(path).is_ok() {
            mark_as_placeholder(path);
            *recreated = true;
        }
    };
    for _ in 0..20 {
        let Ok(file) = File::open(path) else {
            recreate(&mut recreated);
            continue;
        };
        // SAFETY: flock on a descriptor we own.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_SH | libc::LOCK_NB) } != 0 {
            std::thread::sleep(Duration::from_millis(1));
            continue;
        }
        let Ok(held) = file.metadata() else {
            continue;
        };
        match fs::metadata(path) {
            Ok(current) if current.dev() == held.dev() && current.ino() == held.ino() => {
                return (Some(file), recreated)
            }
            // Removed by another command's cleanup between open and lock: make it again.
            _ => recreate(&mut recreated),
        }
    }
    (None, recreated)
}
