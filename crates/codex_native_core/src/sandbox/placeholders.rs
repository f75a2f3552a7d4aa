//! Placeholders for protected entries that do not exist yet. A read-only mount needs a target,
//! so a missing `<root>/.codex` is created as an empty directory before the command starts and
//! removed once it is done (if still empty). Concurrent commands share placeholders: each holds
//! a shared `flock` on every protected directory it mounted over, and a placeholder is only
//! removed under an exclusive lock, so no command loses its protection to another's cleanup
//! (removing a directory detaches the mounts on it in every other mount namespace).

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
}

impl Placeholders {
    /// Creates the missing entries (an existing one, made meanwhile by another command, is
    /// simply used) and takes a shared lock on every protected path.
    pub fn prepare(missing: &[PathBuf], existing: &[PathBuf]) -> Self {
        let mut placeholders = Placeholders::default();
        for path in missing {
            if fs::create_dir(path).is_ok() {
                placeholders.created.push(path.clone());
            }
        }
        for path in missing.iter().chain(existing) {
            if let Some(lock) = lock_shared(path) {
                placeholders.locks.push(lock);
            }
        }
        placeholders
    }

    /// Releases the locks and removes the placeholders nobody else is using.
    pub fn remove(self) {
        drop(self.locks);
        for path in self.created {
            let Ok(directory) = File::open(&path) else {
                continue;
            };
            // SAFETY: flock on a descriptor we own.
            let exclusive =
                unsafe { libc::flock(directory.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
            if exclusive {
                // The helper shares the command's mount namespace: take our read-only mount
                // off first. The rmdir fails, as it should, if anything was put inside.
                if let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()) {
                    // SAFETY: valid NUL-terminated path.
                    unsafe { libc::umount2(c_path.as_ptr(), libc::MNT_DETACH) };
                }
                let _ = fs::remove_dir(&path);
            }
        }
    }
}

/// A shared lock on `path`, checked to still be the entry at that path once held. A command
/// holding an exclusive lock (it can open the directory for reading) only delays us briefly:
/// then no cleanup can take its exclusive lock either, so the entry stays.
fn lock_shared(path: &Path) -> Option<File> {
    for _ in 0..20 {
        let file = File::open(path).ok()?;
        // SAFETY: flock on a descriptor we own.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_SH | libc::LOCK_NB) } != 0 {
            std::thread::sleep(Duration::from_millis(1));
            continue;
        }
        let held = file.metadata().ok()?;
        match fs::metadata(path) {
            Ok(current) if current.dev() == held.dev() && current.ino() == held.ino() => {
                return Some(file)
            }
            // Removed by another command's cleanup between open and lock: make it again.
            _ => {
                let _ = fs::create_dir(path);
            }
        }
    }
    None
}
