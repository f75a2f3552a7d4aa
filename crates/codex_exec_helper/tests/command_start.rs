//! How the helper starts a command in pipe mode (posix_spawnp, with a fork + execvp fallback):
//! what the command inherits and how a start that fails is reported.
#![cfg(target_os = "linux")]

use std::path::PathBuf;
use std::process::{Command, Output};

const POLICY: &str = r#"{"mode":"danger-full-access"}"#;

fn run(arguments: &[&str], cwd: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codex-native-exec"))
        .args(["--policy", POLICY, "--"])
        .args(arguments)
        .current_dir(cwd)
        .output()
        .expect("the helper starts")
}

fn scratch(name: &str) -> PathBuf {
    let directory =
        std::env::temp_dir().join(format!("codex-exec-start-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

/// The signal mask line `name` of /proc/self/status of the command, as a number.
fn status_mask(output: &Output, name: &str) -> u64 {
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .unwrap_or_else(|| panic!("no {name} in {text}"));
    u64::from_str_radix(line.trim(), 16).unwrap()
}

#[test]
fn the_command_starts_with_no_blocked_signals_and_sigpipe_at_its_default() {
    let cwd = scratch("signals");
    let output = run(&["sh", "-c", "cat /proc/self/status"], &cwd);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(status_mask(&output, "SigBlk:"), 0);
    let sigpipe = 1u64 << (libc::SIGPIPE - 1);
    assert_eq!(
        status_mask(&output, "SigIgn:") & sigpipe,
        0,
        "SIGPIPE ignored"
    );
    // A writer into a closed pipe dies quietly instead of reporting EPIPE.
    let output = run(&["sh", "-c", "yes | head -n 1"], &cwd);
    assert_eq!(String::from_utf8_lossy(&output.stdout), "y\n");
    assert!(output.stderr.is_empty(), "{output:?}");
    std::fs::remove_dir_all(cwd).unwrap();
}

#[test]
fn a_file_without_an_interpreter_line_runs_through_sh_as_with_execvp() {
    use std::os::unix::fs::PermissionsExt;
    let cwd = scratch("script");
    let script = cwd.join("no-shebang");
    std::fs::write(&script, "echo ran \"$1\"\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let output = run(&["./no-shebang", "with-argument"], &cwd);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "ran with-argument\n"
    );
    std::fs::remove_dir_all(cwd).unwrap();
}

#[test]
fn a_command_that_cannot_start_exits_127_or_126() {
    let cwd = scratch("missing");
    let missing = run(&["codex-native-exec-no-such-command"], &cwd);
    assert_eq!(missing.status.code(), Some(127), "{missing:?}");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("No such file"));
    let not_executable = cwd.join("data.txt");
    std::fs::write(&not_executable, "x").unwrap();
    let denied = run(&[not_executable.to_str().unwrap()], &cwd);
    assert_eq!(denied.status.code(), Some(126), "{denied:?}");
    std::fs::remove_dir_all(cwd).unwrap();
}
