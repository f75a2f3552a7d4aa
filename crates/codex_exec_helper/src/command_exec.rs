use std::ffi::CString;

use nix::errno::Errno;
use nix::unistd::execvp;

/// Marks every descriptor above stderr close-on-exec, so the command starts with exactly the
/// stdio it was given (no sockets or files leaked from whoever started the helper).
pub fn close_extra_descriptors_on_exec() {
    // SAFETY: close_range only changes descriptor flags.
    let result = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    if result == 0 {
        return;
    }
    // Kernels before 5.11: walk the open descriptors instead.
    let Ok(entries) = std::fs::read_dir("/proc/self/fd") else {
        return;
    };
    let descriptors: Vec<i32> = entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .filter(|fd| *fd > 2)
        .collect();
    for fd in descriptors {
        // SAFETY: setting FD_CLOEXEC on a descriptor that may already be closed is harmless.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
}

/// Replaces this process with the command (PATH lookup like a shell). Returns only on failure.
pub fn exec_command(command: &[CString]) -> Errno {
    close_extra_descriptors_on_exec();
    match execvp(&command[0], command) {
        Ok(never) => match never {},
        Err(errno) => errno,
    }
}
