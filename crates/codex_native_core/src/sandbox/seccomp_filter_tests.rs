//! Runs the generated BPF program in a small interpreter, so the rules are checked for every
//! syscall of interest without installing anything in the test process.
use super::*;

const SECCOMP_RET_ALLOW: u32 = 0x7fff_0000;
const EPERM_RESULT: u32 = libc::SECCOMP_RET_ERRNO | libc::EPERM as u32;

#[cfg(target_arch = "x86_64")]
const NATIVE_AUDIT_ARCH: u32 = 0xc000_003e;
#[cfg(target_arch = "aarch64")]
const NATIVE_AUDIT_ARCH: u32 = 0xc000_00b7;
#[cfg(target_arch = "riscv64")]
const NATIVE_AUDIT_ARCH: u32 = 0xc000_00f3;
const I386_AUDIT_ARCH: u32 = 0x4000_0003;

/// `struct seccomp_data` as the filter sees it.
struct SyscallData {
    number: u32,
    arch: u32,
    args: [u64; 6],
}

impl SyscallData {
    fn native(number: i64, args: &[u64]) -> Self {
        let mut all = [0u64; 6];
        all[..args.len()].copy_from_slice(args);
        SyscallData {
            number: number as u32,
            arch: NATIVE_AUDIT_ARCH,
            args: all,
        }
    }

    fn word_at(&self, offset: u32) -> u32 {
        match offset {
            0 => self.number,
            4 => self.arch,
            8 | 12 => 0,
            _ => {
                let index = ((offset - 16) / 8) as usize;
                let value = self.args[index];
                if (offset - 16).is_multiple_of(8) {
                    value as u32
                } else {
                    (value >> 32) as u32
                }
            }
        }
    }
}

fn run(program: &BpfProgram, data: &SyscallData) -> u32 {
    run_counting(program, data).0
}

/// The program's verdict, and how many instructions it took to reach it.
fn run_counting(program: &BpfProgram, data: &SyscallData) -> (u32, usize) {
    let mut accumulator: u32 = 0;
    let mut counter = 0usize;
    let mut steps = 0usize;
    loop {
        steps += 1;
        let instruction = &program[counter];
        let code = instruction.code as u32;
        counter += 1;
        match code & 0x07 {
            class if class == libc::BPF_LD => accumulator = data.word_at(instruction.k),
            class if class == libc::BPF_ALU => {
                assert_eq!(
                    code & 0xf0,
                    libc::BPF_AND,
                    "unexpected ALU operation {code:#x}"
                );
                accumulator &= instruction.k;
            }
            class if class == libc::BPF_JMP => {
                let operation = code & 0xf0;
                if operation == libc::BPF_JA {
                    counter += instruction.k as usize;
                    continue;
                }
                let taken = match operation {
                    operation if operation == libc::BPF_JEQ => accumulator == instruction.k,
                    operation if operation == libc::BPF_JGT => accumulator > instruction.k,
                    operation if operation == libc::BPF_JGE => accumulator >= instruction.k,
                    operation if operation == libc::BPF_JSET => accumulator & instruction.k != 0,
                    _ => panic!("unexpected jump {code:#x}"),
                };
                counter += if taken {
                    instruction.jt
                } else {
                    instruction.jf
                } as usize;
            }
            class if class == libc::BPF_RET => return (instruction.k, steps),
            _ => panic!("unexpected instruction class {code:#x}"),
        }
    }
}

fn verdict(options: SeccompOptions, number: i64, args: &[u64]) -> u32 {
    run(
        &build_seccomp_program(options).unwrap(),
        &SyscallData::native(number, args),
    )
}

const RESTRICTED: SeccompOptions = SeccompOptions {
    restrict_network: true,
    deny_path_truncate: false,
};
const OPEN_NETWORK: SeccompOptions = SeccompOptions {
    restrict_network: false,
    deny_path_truncate: false,
};

#[test]
fn sandbox_seccomp_allows_unix_sockets_only_when_network_is_restricted() {
    let socket = libc::SYS_socket;
    assert_eq!(
        verdict(
            RESTRICTED,
            socket,
            &[libc::AF_UNIX as u64, libc::SOCK_STREAM as u64]
        ),
        SECCOMP_RET_ALLOW
    );
    for domain in [
        libc::AF_INET,
        libc::AF_INET6,
        libc::AF_NETLINK,
        libc::AF_PACKET,
        libc::AF_VSOCK,
    ] {
        assert_eq!(
            verdict(RESTRICTED, socket, &[domain as u64]),
            EPERM_RESULT,
            "domain {domain}"
        );
    }
    assert_eq!(
        verdict(RESTRICTED, libc::SYS_socketpair, &[libc::AF_UNIX as u64]),
        SECCOMP_RET_ALLOW
    );
    assert_eq!(
        verdict(RESTRICTED, libc::SYS_socketpair, &[libc::AF_INET as u64]),
        EPERM_RESULT
    );
    for syscall in [
        libc::SYS_connect,
        libc::SYS_bind,
        libc::SYS_listen,
        libc::SYS_accept4,
        libc::SYS_sendmmsg,
    ] {
        assert_eq!(
            verdict(RESTRICTED, syscall, &[3]),
            EPERM_RESULT,
            "syscall {syscall}"
        );
    }
    // send() on a connected pair (null address) works; an addressed sendto does not.
    assert_eq!(
        verdict(RESTRICTED, libc::SYS_sendto, &[3, 0x1000, 5, 0, 0, 0]),
        SECCOMP_RET_ALLOW
    );
    assert_eq!(
        verdict(RESTRICTED, libc::SYS_sendto, &[3, 0x1000, 5, 0, 0x2000, 16]),
        EPERM_RESULT
    );
    for syscall in [
        libc::SYS_read,
        libc::SYS_write,
        libc::SYS_recvfrom,
        libc::SYS_sendmsg,
    ] {
        assert_eq!(
            verdict(RESTRICTED, syscall, &[3]),
            SECCOMP_RET_ALLOW,
            "syscall {syscall}"
        );
    }
}

#[test]
fn sandbox_seccomp_with_network_only_refuses_vsock() {
    assert_eq!(
        verdict(OPEN_NETWORK, libc::SYS_socket, &[libc::AF_INET as u64]),
        SECCOMP_RET_ALLOW
    );
    assert_eq!(
        verdict(OPEN_NETWORK, libc::SYS_socket, &[libc::AF_VSOCK as u64]),
        EPERM_RESULT
    );
    assert_eq!(
        verdict(OPEN_NETWORK, libc::SYS_connect, &[3]),
        SECCOMP_RET_ALLOW
    );
}

#[test]
fn sandbox_seccomp_always_refuses_escape_hatches() {
    for options in [RESTRICTED, OPEN_NETWORK] {
        for syscall in [
            libc::SYS_ptrace,
            libc::SYS_io_uring_setup,
            libc::SYS_mount,
            libc::SYS_open_tree,
            libc::SYS_finit_module,
            libc::SYS_bpf,
            libc::SYS_open_by_handle_at,
        ] {
            assert_eq!(
                verdict(options, syscall, &[]),
                EPERM_RESULT,
                "syscall {syscall}"
            );
        }
        assert_eq!(verdict(options, libc::SYS_truncate, &[]), SECCOMP_RET_ALLOW);
    }
    let old_kernel = SeccompOptions {
        restrict_network: true,
        deny_path_truncate: true,
    };
    assert_eq!(verdict(old_kernel, libc::SYS_truncate, &[]), EPERM_RESULT);
    assert_eq!(
        verdict(old_kernel, libc::SYS_ftruncate, &[]),
        SECCOMP_RET_ALLOW
    );
}

#[test]
fn sandbox_seccomp_closes_other_syscall_abis() {
    let program = build_seccomp_program(RESTRICTED).unwrap();
    let foreign = SyscallData {
        number: 1,
        arch: I386_AUDIT_ARCH,
        args: [0; 6],
    };
    assert_eq!(run(&program, &foreign), libc::SECCOMP_RET_KILL_PROCESS);
    if cfg!(target_arch = "x86_64") {
        let x32_socket = SyscallData::native(0x4000_0000 | 41, &[libc::AF_INET as u64]);
        assert_eq!(run(&program, &x32_socket), EPERM_RESULT);
    }
}

#[test]
fn sandbox_seccomp_refuses_host_wide_and_namespace_syscalls() {
    for options in [RESTRICTED, OPEN_NETWORK] {
        for syscall in [
            libc::SYS_fanotify_init,
            libc::SYS_sethostname,
            libc::SYS_setdomainname,
            libc::SYS_userfaultfd,
            libc::SYS_keyctl,
            libc::SYS_add_key,
            libc::SYS_request_key,
            libc::SYS_unshare,
            libc::SYS_setns,
            libc::SYS_perf_event_open,
            libc::SYS_kexec_load,
            libc::SYS_kexec_file_load,
        ] {
            assert_eq!(
                verdict(options, syscall, &[]),
                EPERM_RESULT,
                "syscall {syscall}"
            );
        }
        // fork and threads pass; any namespace flag is refused.
        let fork_flags =
            (libc::SIGCHLD | libc::CLONE_CHILD_SETTID | libc::CLONE_CHILD_CLEARTID) as u64;
        let thread_flags = (libc::CLONE_VM
            | libc::CLONE_FS
            | libc::CLONE_FILES
            | libc::CLONE_SIGHAND
            | libc::CLONE_THREAD
            | libc::CLONE_SYSVSEM
            | libc::CLONE_SETTLS) as u64;
        assert_eq!(
            verdict(options, libc::SYS_clone, &[fork_flags]),
            SECCOMP_RET_ALLOW
        );
        assert_eq!(
            verdict(options, libc::SYS_clone, &[thread_flags]),
            SECCOMP_RET_ALLOW
        );
        for flag in [
            libc::CLONE_NEWUSER,
            libc::CLONE_NEWNS,
            libc::CLONE_NEWPID,
            libc::CLONE_NEWNET,
            libc::CLONE_NEWUTS,
            libc::CLONE_NEWIPC,
            libc::CLONE_NEWCGROUP,
            0x80,
        ] {
            assert_eq!(
                verdict(options, libc::SYS_clone, &[fork_flags | flag as u64]),
                EPERM_RESULT,
                "clone flag {flag:#x}"
            );
        }
    }
    let enosys = libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32;
    for options in [RESTRICTED, OPEN_NETWORK] {
        assert_eq!(verdict(options, libc::SYS_clone3, &[]), enosys);
    }
}

#[test]
fn sandbox_seccomp_search_tree_answers_like_the_rule_chain() {
    let enosys = libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32;
    let argument_sets: [&[u64]; 6] = [
        &[],
        &[libc::AF_INET as u64, libc::SOCK_STREAM as u64],
        &[libc::AF_UNIX as u64, libc::SOCK_DGRAM as u64],
        &[libc::AF_VSOCK as u64],
        &[(libc::SIGCHLD | libc::CLONE_NEWUSER) as u64],
        &[3, 0x1000, 5, 0, 0x2000, 16],
    ];
    for options in [
        RESTRICTED,
        OPEN_NETWORK,
        SeccompOptions {
            restrict_network: true,
            deny_path_truncate: true,
        },
    ] {
        let program = build_seccomp_program(options).unwrap();
        // The program as seccompiler alone builds it: every rule in its chain.
        let rules = denial_rules(options).unwrap();
        let ruled: Vec<u32> = rules.keys().map(|number| *number as u32).collect();
        let (chain, _) = compile_rule_chain(rules).unwrap();
        assert!(
            program.len() < chain.len(),
            "{} >= {}",
            program.len(),
            chain.len()
        );
        let x32 = (0..600).map(|number| 0x4000_0000 | number);
        for number in (0..1024).chain(x32).chain([u32::MAX, 0x3fff_ffff]) {
            for arguments in argument_sets {
                let mut data = SyscallData::native(0, arguments);
                data.number = number;
                let (answer, steps) = run_counting(&program, &data);
                let expected = if number == libc::SYS_clone3 as u32 {
                    enosys
                } else {
                    run(&chain, &data)
                };
                assert_eq!(answer, expected, "syscall {number:#x} {arguments:?}");
                // What the kernel walks for each number without rules when it attaches the
                // filter (the numbers with rules go on to the chain).
                if !ruled.contains(&number) && number < 0x4000_0000 {
                    assert!(steps <= 16, "syscall {number} took {steps} steps");
                }
            }
        }
    }
}

#[test]
fn sandbox_seccomp_refuses_unix_datagram_sockets_without_network() {
    let unix = libc::AF_UNIX as u64;
    for socket_type in [
        libc::SOCK_DGRAM,
        libc::SOCK_RAW,
        libc::SOCK_DGRAM | libc::SOCK_CLOEXEC,
    ] {
        for syscall in [libc::SYS_socket, libc::SYS_socketpair] {
            assert_eq!(
                verdict(RESTRICTED, syscall, &[unix, socket_type as u64]),
                EPERM_RESULT
            );
            assert_eq!(
                verdict(OPEN_NETWORK, syscall, &[unix, socket_type as u64]),
                SECCOMP_RET_ALLOW
            );
        }
    }
    for socket_type in [
        libc::SOCK_STREAM,
        libc::SOCK_SEQPACKET | libc::SOCK_NONBLOCK,
    ] {
        assert_eq!(
            verdict(
                RESTRICTED,
                libc::SYS_socketpair,
                &[unix, socket_type as u64]
            ),
            SECCOMP_RET_ALLOW
        );
    }
}
