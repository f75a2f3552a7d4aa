//! `codex-native-exec`: the small executable that confines a command before running it.
//!
//! ```text
//! codex-native-exec --probe
//! codex-native-exec --policy <json> --apply-steps   (apply_patch writes, see apply_steps.rs)
//! codex-native-exec --policy <json> [--pty] [--status-fd <fd>] [--parent-pid <pid>] -- <program> [args...]
//! ```
//!
//! The helper enters new namespaces (see `codex_native_core::sandbox` and SANDBOX.md beside
//! this crate) and forks the namespace's init, which confines itself and forks the command
//! (see `lifecycle` for why nothing outlives it). Without `--pty` the command inherits the
//! helper's pipes (no relay cost). With `--pty` the helper opens a pseudo-terminal first, and
//! the init forks the command onto the PTY slave and relays stdin → PTY and PTY → stdout.
//! `danger-full-access` takes the same path without confinement (lifecycle only). Failures before the command starts are
//! written as one JSON line to `--status-fd` (close-on-exec, so a successful exec closes it
//! silently) or, without it, to stderr; the exit status is then 125 (sandbox or usage), 126
//! (not executable) or 127 (not found).

#[cfg(target_os = "linux")]
mod apply_steps;
#[cfg(target_os = "linux")]
mod arguments;
#[cfg(target_os = "linux")]
mod command_exec;
#[cfg(target_os = "linux")]
mod init_process;
#[cfg(target_os = "linux")]
mod lifecycle;
#[cfg(target_os = "linux")]
mod pty_relay;
#[cfg(target_os = "linux")]
mod pty_session;
#[cfg(target_os = "linux")]
mod status_channel;

#[cfg(target_os = "linux")]
fn main() {
    use arguments::{parse_arguments, Invocation};
    use codex_native_core::sandbox::{
        confine_prepared, prepare_sandbox, probe_sandbox_support, ConfineOptions, ExecSandboxPolicy,
    };
    use nix::sys::signal::{sigprocmask, SigmaskHow};
    use status_channel::{Failure, StatusChannel};

    let invocation = match parse_arguments(std::env::args_os().skip(1)) {
        Ok(invocation) => invocation,
        Err(message) => StatusChannel::stderr_only().fail(Failure::Usage(message)),
    };
    let run = match invocation {
        Invocation::Probe => {
            let support = probe_sandbox_support();
            println!("{}", serde_json::to_string(&support).unwrap_or_default());
            std::process::exit(if support.supported { 0 } else { 1 });
        }
        Invocation::ApplySteps { policy_json } => apply_steps::run(&policy_json),
        Invocation::Run(run) => run,
    };
    lifecycle::die_with_parent(run.parent_pid);
    let status = StatusChannel::open(run.status_fd);
    let policy = ExecSandboxPolicy::from_json(&run.policy_json)
        .unwrap_or_else(|error| status.fail(Failure::Sandbox(error)));
    // The PTY must exist before confinement: opening /dev/ptmx for writing is not allowed after.
    let pty = run.pty.then(|| {
        pty_session::open_pty().unwrap_or_else(|message| status.fail(Failure::Pty(message)))
    });
    let controls_terminal = pty.as_ref().is_some_and(pty_session::take_terminal);
    let options = ConfineOptions {
        extra_writable_files: pty.iter().map(|pty| pty.slave_path.clone()).collect(),
    };
    let prepared =
        prepare_sandbox(&policy, true).unwrap_or_else(|error| status.fail(Failure::Sandbox(error)));
    // Group signals wait until the command has answered them (see `lifecycle`).
    let passed = lifecycle::signal_set(&lifecycle::PASSED_SIGNALS);
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&passed), None);
    let exit = lifecycle::run_init(|link| {
        link.die_with_helper();
        if let Err(error) = confine_prepared(&policy, &options, &prepared) {
            status.fail(Failure::Sandbox(error));
        }
        match pty {
            Some(pty) => {
                pty_session::run_under_pty(pty, &run.command, status, controls_terminal, link)
            }
            None => init_process::run_command(&run.command, status, link),
        }
    });
    prepared.finish();
    lifecycle::exit_like(exit)
}

#[cfg(not(target_os = "linux"))]
fn main() {
    eprintln!("codex-native-exec: sandboxing and PTY exec are only implemented for Linux");
    std::process::exit(125);
}
