use std::fs::File;
use std::io::{Read, Write};
use std::sync::mpsc;

use super::*;

struct Started {
    pid: u32,
    stdin: Option<File>,
    stdout: File,
    stderr: File,
    extra: File,
}

fn start(argv: &[&str], cwd: &str, with_stdin: bool) -> Result<Started, SpawnError> {
    let stdin = with_stdin.then(|| cloexec_pipe().unwrap());
    let (stdout, stderr, extra) = (
        cloexec_pipe().unwrap(),
        cloexec_pipe().unwrap(),
        cloexec_pipe().unwrap(),
    );
    let request = SpawnRequest {
        program: argv[0].to_owned(),
        argv: argv.iter().map(|a| (*a).to_owned()).collect(),
        env: vec!["PATH=/usr/bin:/bin".to_owned(), "MARK=exact env".to_owned()],
        cwd: cwd.to_owned(),
        new_session: true,
    };
    let (stdin_child, stdin_parent) = match stdin {
        Some(pipe) => (Some(pipe.read), Some(File::from(pipe.write))),
        None => (None, None),
    };
    let pid = spawn_process(
        &request,
        ChildStdio {
            stdin: stdin_child,
            stdout: stdout.write,
            stderr: stderr.write,
            extra: Some(extra.write),
        },
    )?;
    Ok(Started {
        pid,
        stdin: stdin_parent,
        stdout: stdout.read.into(),
        stderr: stderr.read.into(),
        extra: extra.read.into(),
    })
}

fn read_all(mut file: File) -> String {
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn runs_with_the_given_descriptors_env_and_directory() {
    let started = start(
        &["/bin/sh", "-c", "echo \"out $MARK $(pwd)\"; echo err >&2; echo status >&3; read line; echo \"in $line\"; exit 3"],
        "/tmp",
        true,
    )
    .unwrap();
    started.stdin.unwrap().write_all(b"hello\n").unwrap();
    assert_eq!(read_all(started.stdout), "out exact env /tmp\nin hello\n");
    assert_eq!(read_all(started.stderr), "err\n");
    assert_eq!(read_all(started.extra), "status\n");
    assert_eq!(
        wait_for_exit(started.pid).unwrap(),
        ProcessExit {
            exit_code: Some(3),
            signal: None
        }
    );
}

#[test]
fn stdin_is_dev_null_without_a_pipe_and_the_child_leads_a_new_session() {
    let started = start(
        &["/bin/sh", "-c", "cat; cut -d' ' -f6 /proc/$$/stat; echo $$"],
        "/",
        false,
    )
    .unwrap();
    let output = read_all(started.stdout);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 2, "{output}");
    assert_eq!(lines[0], lines[1], "session id equals the child's pid");
    assert_eq!(lines[1], started.pid.to_string());
    assert_eq!(wait_for_exit(started.pid).unwrap().exit_code, Some(0));
}

#[test]
fn signals_are_default_and_unblocked_in_the_child() {
    // The child kills itself with SIGPIPE, which its parent may ignore or block.
    let started = start(&["/bin/sh", "-c", "kill -PIPE $$; sleep 5"], "/", false).unwrap();
    drop(started.stdout);
    assert_eq!(
        wait_for_exit(started.pid).unwrap(),
        ProcessExit {
            exit_code: None,
            signal: Some(libc::SIGPIPE)
        }
    );
}

#[test]
fn a_missing_program_or_directory_is_an_os_error() {
    match start(&["/nonexistent/program"], "/", false) {
        Err(SpawnError::Os { source, .. }) => assert_eq!(source.raw_os_error(), Some(libc::ENOENT)),
        other => panic!("expected ENOENT, got {:?}", other.map(|s| s.pid)),
    }
    match start(&["/bin/true"], "/nonexistent-directory", false) {
        Err(SpawnError::Os { source, .. }) => assert_eq!(source.raw_os_error(), Some(libc::ENOENT)),
        other => panic!("expected ENOENT, got {:?}", other.map(|s| s.pid)),
    }
}

#[test]
fn a_nul_byte_is_refused_before_spawning() {
    assert!(matches!(
        start(&["/bin/echo", "a\0b"], "/", false),
        Err(SpawnError::NulByte { .. })
    ));
}

#[test]
fn reaps_in_the_background() {
    let started = start(&["/bin/sh", "-c", "exit 7"], "/", false).unwrap();
    let (sender, receiver) = mpsc::channel();
    reap_in_background(started.pid, move |exit| sender.send(exit.unwrap()).unwrap()).unwrap();
    assert_eq!(receiver.recv().unwrap().exit_code, Some(7));
    // Reaped: the pid is no longer our child.
    assert_eq!(
        unsafe { libc::waitpid(started.pid as libc::pid_t, ptr::null_mut(), libc::WNOHANG) },
        -1
    );
}
