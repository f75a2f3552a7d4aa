use std::path::PathBuf;

use landlock::{
    make_bitflags, path_beneath_rules, Access, AccessFs, CompatLevel, Compatible, Ruleset,
    RulesetAttr, RulesetCreatedAttr, RulesetStatus, Scope, ABI,
};

use super::error::SandboxError;

/// Device files every confined command may open for writing. `/dev/tty` only resolves to a
/// terminal the command already controls (its PTY), so it grants nothing new.
pub(crate) const WRITABLE_DEVICE_FILES: [&str; 3] = ["/dev/null", "/dev/zero", "/dev/tty"];

/// The Landlock ABI of the running kernel, or None when Landlock is missing or disabled.
pub(crate) fn kernel_landlock_abi() -> Option<i32> {
    const LANDLOCK_CREATE_RULESET_VERSION: libc::c_uint = 1;
    // SAFETY: the version query takes no ruleset attributes and returns an integer.
    let version = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            std::ptr::null::<libc::c_void>(),
            0usize,
            LANDLOCK_CREATE_RULESET_VERSION,
        )
    };
    (version > 0).then_some(version as i32)
}

/// First Landlock ABI with scoping of signals and abstract UNIX sockets.
pub(crate) const SCOPED_ABI: i32 = 6;

/// Restricts this thread (and everything it later forks or execs): read and execute anywhere,
/// writes below `writable_roots` and to `writable_files`. Nowhere may a device node be created
/// (`mknod` of a block or character device would reach raw disks), and below the roots no
/// device may be ioctl'd (the PTY slave in `writable_files` keeps its terminal ioctls). From
/// ABI 6 the domain is also scoped: no signals to, and no abstract-socket connections with,
/// processes outside it. Missing paths are skipped, which only ever removes access. Fails
/// unless the kernel enforces the ruleset.
pub(crate) fn restrict_filesystem(
    writable_roots: &[PathBuf],
    writable_files: &[PathBuf],
) -> Result<i32, SandboxError> {
    let abi = kernel_landlock_abi().ok_or_else(|| {
        SandboxError::LandlockUnavailable("landlock_create_ruleset is not supported".into())
    })?;
    // V5 covers every filesystem right the crate knows (refer, truncate, device ioctls); older
    // kernels enforce the subset they have, see `SeccompOptions::deny_path_truncate`.
    let requested = ABI::V5;
    let all = AccessFs::from_all(requested);
    let read = AccessFs::from_read(requested);
    let devices = make_bitflags!(AccessFs::{MakeBlock | MakeChar});
    let file_rights = all & !devices;
    let root_rights = file_rights & !AccessFs::IoctlDev;
    let landlock_error = |error: landlock::RulesetError| SandboxError::Landlock(error.to_string());
    let status = Ruleset::default()
        .set_compatibility(CompatLevel::BestEffort)
        .handle_access(all)
        .map_err(landlock_error)?
        .scope(Scope::from_all(ABI::V6))
        .map_err(landlock_error)?
        .create()
        .map_err(landlock_error)?
        .add_rules(path_beneath_rules(["/"], read))
        .map_err(landlock_error)?
        .add_rules(path_beneath_rules(writable_files, file_rights))
        .map_err(landlock_error)?
        .add_rules(path_beneath_rules(writable_roots, root_rights))
        .map_err(landlock_error)?
        .restrict_self()
        .map_err(landlock_error)?;
    if status.ruleset == RulesetStatus::NotEnforced {
        return Err(SandboxError::LandlockUnavailable(
            "the kernel did not enforce the ruleset".into(),
        ));
    }
    Ok(abi)
}
