use std::collections::BTreeMap;

use seccompiler::{
    apply_filter, sock_filter, BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp,
    SeccompCondition, SeccompFilter, SeccompRule, TargetArch,
};

use super::error::SandboxError;
use super::seccomp_dispatch::{insert_dispatch, Verdict};

/// What the seccomp filter must refuse besides the always-denied escape hatches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeccompOptions {
    /// Refuse every socket except `AF_UNIX` ones, and connecting, binding, listening or sending
    /// to an address on any socket (so a confined root cannot reach e.g. systemd's private
    /// socket). Socket pairs and pipes keep working.
    pub restrict_network: bool,
    /// Refuse `truncate(2)` by path: Landlock before ABI 3 does not mediate it.
    pub deny_path_truncate: bool,
}

/// Syscalls that would let a confined process leave the sandbox or act on the kernel: tracing
/// other processes, io_uring (its operations bypass this filter), changing mounts, loading
/// kernel code or BPF, opening files by handle (bypasses path checks), raw port I/O; and the
/// ones that reach beyond the command's own processes and files: fanotify (a permission mark
/// stalls every open on the host), host and domain names, userfaultfd (stalls kernel threads
/// at will, a classic exploit aid), the kernel keyrings (shared per user, not per sandbox),
/// new namespaces (a fresh user namespace hands out capabilities again and widens the kernel's
/// attack surface) and perf events (side channels).
fn always_denied() -> Vec<i64> {
    let mut syscalls = vec![
        libc::SYS_fanotify_init,
        libc::SYS_sethostname,
        libc::SYS_setdomainname,
        libc::SYS_userfaultfd,
        libc::SYS_keyctl,
        libc::SYS_add_key,
        libc::SYS_request_key,
        libc::SYS_unshare,
        libc::SYS_setns,
        libc::SYS_ptrace,
        libc::SYS_process_vm_readv,
        libc::SYS_process_vm_writev,
        libc::SYS_io_uring_setup,
        libc::SYS_io_uring_enter,
        libc::SYS_io_uring_register,
        libc::SYS_mount,
        libc::SYS_umount2,
        libc::SYS_pivot_root,
        libc::SYS_open_tree,
        libc::SYS_move_mount,
        libc::SYS_fsopen,
        libc::SYS_fsconfig,
        libc::SYS_fsmount,
        libc::SYS_fspick,
        libc::SYS_mount_setattr,
        libc::SYS_init_module,
        libc::SYS_finit_module,
        libc::SYS_delete_module,
        libc::SYS_kexec_load,
        libc::SYS_kexec_file_load,
        libc::SYS_bpf,
        libc::SYS_perf_event_open,
        libc::SYS_open_by_handle_at,
        libc::SYS_reboot,
        libc::SYS_swapon,
        libc::SYS_swapoff,
    ];
    #[cfg(target_arch = "x86_64")]
    syscalls.extend([libc::SYS_iopl, libc::SYS_ioperm]);
    syscalls
}

fn target_arch() -> Result<TargetArch, SandboxError> {
    if cfg!(target_arch = "x86_64") {
        Ok(TargetArch::x86_64)
    } else if cfg!(target_arch = "aarch64") {
        Ok(TargetArch::aarch64)
    } else if cfg!(target_arch = "riscv64") {
        Ok(TargetArch::riscv64)
    } else {
        Err(SandboxError::Seccomp(format!(
            "no seccomp filter for the {} architecture",
            std::env::consts::ARCH
        )))
    }
}

/// `clone` flags that create namespaces (CLONE_NEWTIME, NEWNS, NEWCGROUP, NEWUTS, NEWIPC,
/// NEWUSER, NEWPID, NEWNET): any of them refuses the call. Plain fork and threads keep working.
const NAMESPACE_CLONE_FLAGS: [u64; 8] = [
    0x0000_0080,
    0x0002_0000,
    0x0200_0000,
    0x0400_0000,
    0x0800_0000,
    0x1000_0000,
    0x2000_0000,
    0x4000_0000,
];

/// One rule per namespace flag: the call matches when `flags & flag == flag`.
fn clone_namespace_rules() -> Result<Vec<SeccompRule>, SandboxError> {
    NAMESPACE_CLONE_FLAGS
        .iter()
        .map(|flag| {
            let condition = SeccompCondition::new(
                CLONE_FLAGS_ARGUMENT,
                SeccompCmpArgLen::Qword,
                SeccompCmpOp::MaskedEq(*flag),
                *flag,
            )
            .map_err(seccomp_error)?;
            SeccompRule::new(vec![condition]).map_err(seccomp_error)
        })
        .collect()
}

/// `clone(flags, ...)` takes the flags first on every architecture we build for.
const CLONE_FLAGS_ARGUMENT: u8 = 0;

/// `socket(AF_UNIX, type)` rules for datagram sockets (`SOCK_RAW` is a datagram socket for
/// AF_UNIX): an unconnected one can `sendmsg` to any socket by name, e.g. `/dev/log` or an
/// abstract address, which neither seccomp (the address hides behind a pointer) nor Landlock
/// (before ABI 9) can check. Stream and seqpacket sockets need `connect`, which is refused.
fn unix_datagram_rules() -> Result<Vec<SeccompRule>, SandboxError> {
    [libc::SOCK_DGRAM, libc::SOCK_RAW]
        .into_iter()
        .map(|socket_type| {
            let type_condition = SeccompCondition::new(
                1,
                SeccompCmpArgLen::Dword,
                SeccompCmpOp::MaskedEq(SOCKET_TYPE_MASK),
                socket_type as u64,
            )
            .map_err(seccomp_error)?;
            SeccompRule::new(vec![type_condition]).map_err(seccomp_error)
        })
        .collect()
}

/// The socket type without SOCK_NONBLOCK / SOCK_CLOEXEC.
const SOCKET_TYPE_MASK: u64 = 0xf;

fn domain_rule(operation: SeccompCmpOp, domain: libc::c_int) -> Result<SeccompRule, SandboxError> {
    let condition = SeccompCondition::new(0, SeccompCmpArgLen::Dword, operation, domain as u64)
        .map_err(seccomp_error)?;
    SeccompRule::new(vec![condition]).map_err(seccomp_error)
}

fn seccomp_error(error: impl std::fmt::Display) -> SandboxError {
    SandboxError::Seccomp(error.to_string())
}

/// Builds the filter: matching syscalls fail with `EPERM` (the message Codex's denial detection
/// looks for), everything else is allowed. Syscalls of another ABI (i386 via `int 0x80`) kill
/// the process, and x32 syscall numbers are refused, so neither can sidestep the rules.
/// `clone3` fails with ENOSYS: its flags sit in memory the filter cannot read, so they cannot be
/// checked for namespace flags; ENOSYS makes the C library fall back to `clone`, whose flags
/// the rules check.
pub fn build_seccomp_program(options: SeccompOptions) -> Result<BpfProgram, SandboxError> {
    let rules = denial_rules(options)?;
    // Syscalls refused whatever their arguments are answered by the search tree; only the ones
    // whose arguments decide go on to seccompiler's chain (a shorter program to check and
    // compile). clone3 is answered by the tree too.
    let mut special = vec![(libc::SYS_clone3 as u32, Verdict::Errno(libc::ENOSYS as u32))];
    let mut conditional = BTreeMap::new();
    for (number, rule_list) in rules {
        if rule_list.is_empty() {
            special.push((number as u32, Verdict::Errno(libc::EPERM as u32)));
        } else {
            special.push((number as u32, Verdict::Chain));
            conditional.insert(number, rule_list);
        }
    }
    let (mut program, chain_start) = compile_rule_chain(conditional)?;
    insert_dispatch(&mut program, chain_start, &special)?;
    Ok(program)
}

/// Every syscall the filter refuses: with no rules, whatever its arguments; else when one of
/// its rules matches.
fn denial_rules(options: SeccompOptions) -> Result<BTreeMap<i64, Vec<SeccompRule>>, SandboxError> {
    let mut rules: BTreeMap<i64, Vec<SeccompRule>> = BTreeMap::new();
    for syscall in always_denied() {
        rules.insert(syscall, vec![]);
    }
    rules.insert(libc::SYS_clone, clone_namespace_rules()?);
    if options.deny_path_truncate {
        rules.insert(libc::SYS_truncate, vec![]);
    }
    if options.restrict_network {
        for syscall in [
            libc::SYS_connect,
            libc::SYS_bind,
            libc::SYS_listen,
            libc::SYS_accept,
            libc::SYS_accept4,
            libc::SYS_sendmmsg,
        ] {
            rules.insert(syscall, vec![]);
        }
        // send() on a connected pair passes a null address; only addressed sends are refused.
        let addressed = SeccompCondition::new(4, SeccompCmpArgLen::Qword, SeccompCmpOp::Ne, 0)
            .map_err(seccomp_error)?;
        rules.insert(
            libc::SYS_sendto,
            vec![SeccompRule::new(vec![addressed]).map_err(seccomp_error)?],
        );
        let mut socket_rules = vec![domain_rule(SeccompCmpOp::Ne, libc::AF_UNIX)?];
        socket_rules.extend(unix_datagram_rules()?);
        rules.insert(libc::SYS_socket, socket_rules.clone());
        rules.insert(libc::SYS_socketpair, socket_rules);
    } else {
        // vsock reaches the hypervisor host, which is never "the network" the user allowed.
        rules.insert(
            libc::SYS_socket,
            vec![domain_rule(SeccompCmpOp::Eq, libc::AF_VSOCK)?],
        );
        rules.insert(
            libc::SYS_socketpair,
            vec![domain_rule(SeccompCmpOp::Eq, libc::AF_VSOCK)?],
        );
    }
    Ok(rules)
}

/// seccompiler's program for `rules` (arch check, x32 guard, then its chain of comparisons,
/// which starts at the returned index): a match is refused with EPERM, the rest allowed.
fn compile_rule_chain(
    rules: BTreeMap<i64, Vec<SeccompRule>>,
) -> Result<(BpfProgram, usize), SandboxError> {
    let filter = SeccompFilter::new(
        rules,
        SeccompAction::Allow,
        SeccompAction::Errno(libc::EPERM as u32),
        target_arch()?,
    )
    .map_err(seccomp_error)?;
    let mut program: BpfProgram = filter.try_into().map_err(seccomp_error)?;
    let mut chain_start = ARCH_CHECK_LENGTH;
    if cfg!(target_arch = "x86_64") {
        chain_start += insert_x32_guard(&mut program);
    }
    Ok((program, chain_start))
}

/// seccompiler's architecture check: load the arch, skip the next instruction if it matches,
/// kill the process.
const ARCH_CHECK_LENGTH: usize = 3;

/// x32 syscalls share the x86_64 audit arch but have bit 30 set in their number, so a rule for
/// `socket` would not match the x32 `socket`. The guard goes right after seccompiler's
/// three-instruction arch check; later jumps are relative and stay valid. Returns its length.
fn insert_x32_guard(program: &mut BpfProgram) -> usize {
    const X32_SYSCALL_BIT: u32 = 0x4000_0000;
    const LOAD_SYSCALL_NUMBER: u16 = (libc::BPF_LD | libc::BPF_W | libc::BPF_ABS) as u16;
    const JUMP_IF_GREATER_OR_EQUAL: u16 = (libc::BPF_JMP | libc::BPF_JGE | libc::BPF_K) as u16;
    const RETURN: u16 = (libc::BPF_RET | libc::BPF_K) as u16;
    let guard = [
        sock_filter {
            code: LOAD_SYSCALL_NUMBER,
            jt: 0,
            jf: 0,
            k: 0,
        },
        sock_filter {
            code: JUMP_IF_GREATER_OR_EQUAL,
            jt: 0,
            jf: 1,
            k: X32_SYSCALL_BIT,
        },
        sock_filter {
            code: RETURN,
            jt: 0,
            jf: 0,
            k: libc::SECCOMP_RET_ERRNO | libc::EPERM as u32,
        },
    ];
    let length = guard.len();
    let insert_at = ARCH_CHECK_LENGTH.min(program.len());
    program.splice(insert_at..insert_at, guard);
    length
}

/// Installs the program on the calling thread; it is inherited by children and kept across exec.
/// Requires `PR_SET_NO_NEW_PRIVS` (seccompiler sets it).
pub(crate) fn install_seccomp(program: &BpfProgram) -> Result<(), SandboxError> {
    apply_filter(program).map_err(seccomp_error)
}

#[cfg(test)]
#[path = "seccomp_filter_tests.rs"]
mod tests;
