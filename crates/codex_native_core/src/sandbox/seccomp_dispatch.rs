//! A binary search over syscall numbers placed in front of seccompiler's rule chain.
//!
//! seccompiler compares the syscall number against every rule in turn, so an allowed syscall
//! walks the whole chain (about 150 instructions). The kernel walks it too, for every syscall
//! number of every architecture, when it attaches a filter (the bitmap of always-allowed
//! syscalls, `seccomp_cache_prepare`), with interrupts off. In front of the chain, a search
//! tree sends the few numbers whose arguments decide to the chain, and answers every other
//! number at once in about eight steps: allowed, or refused with its errno (the syscalls
//! refused whatever their arguments, and `clone3`). One short filter does what took two long
//! ones, so the kernel also spends less time checking and compiling it.

use seccompiler::{sock_filter, BpfProgram};

use super::error::SandboxError;

/// Where a syscall number goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// On to seccompiler's chain, which holds its rules.
    Chain,
    /// Refused with this errno, without consulting the chain.
    Errno(u32),
}

/// A jump target before offsets are known.
#[derive(Debug, Clone, Copy)]
enum Target {
    Next,
    At(usize),
    Allow,
    Verdict(Verdict),
}

#[derive(Debug)]
struct Pending {
    code: u16,
    k: u32,
    jt: Target,
    jf: Target,
}

const LOAD_SYSCALL_NUMBER: u16 = (libc::BPF_LD | libc::BPF_W | libc::BPF_ABS) as u16;
const JUMP_IF_EQUAL: u16 = (libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K) as u16;
const JUMP_IF_GREATER_OR_EQUAL: u16 = (libc::BPF_JMP | libc::BPF_JGE | libc::BPF_K) as u16;
const RETURN: u16 = (libc::BPF_RET | libc::BPF_K) as u16;
const RET_ALLOW: u32 = 0x7fff_0000;
/// Numbers compared one by one at the leaves of the tree.
const LEAF_SIZE: usize = 3;

/// Inserts the search tree at `at` (the chain's first instruction; nothing before it may jump
/// past it). `special` lists every syscall number the chain has rules for (`Verdict::Chain`) and
/// those answered directly; every other number is allowed, as the chain would do.
pub(crate) fn insert_dispatch(
    program: &mut BpfProgram,
    at: usize,
    special: &[(u32, Verdict)],
) -> Result<(), SandboxError> {
    let mut entries = special.to_vec();
    entries.sort_by_key(|(number, _)| *number);
    entries.dedup_by_key(|(number, _)| *number);
    let mut pending = vec![Pending {
        code: LOAD_SYSCALL_NUMBER,
        k: 0,
        jt: Target::Next,
        jf: Target::Next,
    }];
    emit_tree(&entries, &mut pending);
    let allow_at = pending.len();
    let mut errnos: Vec<u32> = entries
        .iter()
        .filter_map(|(_, verdict)| match verdict {
            Verdict::Errno(errno) => Some(*errno),
            Verdict::Chain => None,
        })
        .collect();
    errnos.sort_unstable();
    errnos.dedup();
    let chain_at = allow_at + 1 + errnos.len();
    let resolve = |index: usize, target: Target| -> Result<u8, SandboxError> {
        let absolute = match target {
            Target::Next => index + 1,
            Target::At(absolute) => absolute,
            Target::Allow => allow_at,
            Target::Verdict(Verdict::Chain) => chain_at,
            Target::Verdict(Verdict::Errno(errno)) => {
                allow_at + 1 + errnos.iter().position(|known| *known == errno).unwrap_or(0)
            }
        };
        u8::try_from(absolute - (index + 1)).map_err(|_| {
            SandboxError::Seccomp(
                "the syscall search tree needs a jump over 255 instructions".into(),
            )
        })
    };
    let mut tree = Vec::with_capacity(chain_at);
    for (index, instruction) in pending.iter().enumerate() {
        tree.push(sock_filter {
            code: instruction.code,
            jt: resolve(index, instruction.jt)?,
            jf: resolve(index, instruction.jf)?,
            k: instruction.k,
        });
    }
    tree.push(return_with(RET_ALLOW));
    tree.extend(
        errnos
            .iter()
            .map(|errno| return_with(libc::SECCOMP_RET_ERRNO | errno)),
    );
    program.splice(at..at, tree);
    Ok(())
}

fn return_with(k: u32) -> sock_filter {
    sock_filter {
        code: RETURN,
        jt: 0,
        jf: 0,
        k,
    }
}

/// Emits the search over `entries` (sorted): each inner node splits on a number, each leaf
/// compares at most `LEAF_SIZE` numbers and allows the rest.
fn emit_tree(entries: &[(u32, Verdict)], out: &mut Vec<Pending>) {
    if entries.len() <= LEAF_SIZE {
        for (position, (number, verdict)) in entries.iter().enumerate() {
            let last = position + 1 == entries.len();
            out.push(Pending {
                code: JUMP_IF_EQUAL,
                k: *number,
                jt: Target::Verdict(*verdict),
                jf: if last { Target::Allow } else { Target::Next },
            });
        }
        // An empty list (no rules at all) falls through to the allow that follows the tree.
        return;
    }
    let middle = entries.len() / 2;
    let split = out.len();
    out.push(Pending {
        code: JUMP_IF_GREATER_OR_EQUAL,
        k: entries[middle].0,
        jt: Target::Next,
        jf: Target::Next,
    });
    emit_tree(&entries[..middle], out);
    out[split].jt = Target::At(out.len());
    emit_tree(&entries[middle..], out);
}
