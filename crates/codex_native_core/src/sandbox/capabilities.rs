use super::error::SandboxError;

/// `struct __user_cap_header_struct` / `__user_cap_data_struct` of capset(2), version 3.
#[repr(C)]
struct CapabilityHeader {
    version: u32,
    pid: libc::c_int,
}

#[repr(C)]
#[derive(Default, Clone, Copy)]
struct CapabilityData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

const LINUX_CAPABILITY_VERSION_3: u32 = 0x2008_0522;
/// SECBIT_NOROOT, SECBIT_NO_SETUID_FIXUP, SECBIT_KEEP_CAPS_LOCKED, SECBIT_NO_CAP_AMBIENT_RAISE
/// and their locks: root gains nothing at exec, and nothing can turn that back on.
const LOCKED_SECURE_BITS: libc::c_ulong = 0x01 | 0x02 | 0x04 | 0x08 | 0x20 | 0x40 | 0x80;

/// Drops every capability of this process for good: the bounding set (so exec, even of a setuid
/// binary or as uid 0, grants none), the ambient set, and the effective, permitted and
/// inheritable sets. Root keeps uid 0 (file ownership works as before) but no privilege.
pub(crate) fn drop_all_capabilities() -> Result<(), SandboxError> {
    // Needs CAP_SETPCAP, so before the sets are cleared. Kernels without some bits: best effort,
    // the empty bounding set below is what matters.
    // SAFETY: integer arguments only.
    unsafe { libc::prctl(libc::PR_SET_SECUREBITS, LOCKED_SECURE_BITS, 0, 0, 0) };
    // One call per capability the kernel knows: EINVAL marks the first number past its last
    // (what /proc/sys/kernel/cap_last_cap says, without opening it).
    for capability in 0..=63 as libc::c_ulong {
        // SAFETY: integer arguments only.
        if unsafe { libc::prctl(libc::PR_CAPBSET_DROP, capability, 0, 0, 0) } == 0 {
            continue;
        }
        if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINVAL) {
            break;
        }
        return Err(SandboxError::last_os_error("prctl(PR_CAPBSET_DROP)"));
    }
    // SAFETY: integer arguments only.
    if unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_CLEAR_ALL,
            0,
            0,
            0,
        )
    } != 0
    {
        return Err(SandboxError::last_os_error(
            "prctl(PR_CAP_AMBIENT_CLEAR_ALL)",
        ));
    }
    let mut header = CapabilityHeader {
        version: LINUX_CAPABILITY_VERSION_3,
        pid: 0,
    };
    let data = [CapabilityData::default(); 2];
    // SAFETY: header and two data structs as capset(2) version 3 expects.
    if unsafe { libc::syscall(libc::SYS_capset, &mut header, data.as_ptr()) } != 0 {
        return Err(SandboxError::last_os_error("capset"));
    }
    Ok(())
}
