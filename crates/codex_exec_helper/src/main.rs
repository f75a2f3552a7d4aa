//! `codex-native-exec`: the small executable that confines a command before running it.
//!
//! ```text
//! codex-native-exec --probe
//! codex-native-exec --policy <json> --apply-steps   (apply_patch writes, see apply_steps.rs)
//! codex-native-exec --policy <json> [--pty] [--status-fd <fd>] -- <program> [args...]
//! ```
//!
//! Without `--pty` it confines itself and `execvp`s the command, which inherits its pipes (no
//! relay cost). With `--pty` it opens a pseudo-terminal first, then forks the command onto the
//! PTY slave and relays stdin → PTY and PTY → stdout. Failures before the command starts are
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
mod pty_relay;
#[cfg(target_os = "linux")]
mod pty_session;
#[cfg(target_os = "linux")]
mod status_channel;

#[cfg(target_os = "linux")]
fn main() {
    use arguments::{parse_arguments, Invocation};
    use codex_native_core::sandbox::{
        confine_current_process, probe_sandbox_support, ConfineOptions, ExecSandboxPolicy,
    };
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
    let status = StatusChannel::open(run.status_fd);
    let policy = ExecSandboxPolicy::from_json(&run.policy_json)
        .unwrap_or_else(|error| status.fail(Failure::Sandbox(error)));
    // The PTY must exist before confinement: opening /dev/ptmx for writing is not allowed after.
    let pty = run.pty.then(|| {
        pty_session::open_pty().unwrap_or_else(|message| status.fail(Failure::Pty(message)))
    });
    let options = ConfineOptions {
        extra_writable_files: pty.iter().map(|pty| pty.slave_path.clone()).collect(),
    };
    if let Err(error) = confine_current_process(&policy, &options) {
        status.fail(Failure::Sandbox(error));
    }
    match pty {
        Some(pty) => pty_session::run_under_pty(pty, &run.command, status),
        None => {
            let error = command_exec::exec_command(&run.command);
            status.fail(Failure::Exec {
                program: run.command[0].to_string_lossy().into_owned(),
                errno: error,
            })
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn main() {
    eprintln!("codex-native-exec: sandboxing and PTY exec are only implemented for Linux");
    std::process::exit(125);
}
