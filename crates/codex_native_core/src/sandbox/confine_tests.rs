//! Applies the real sandbox. A confined process cannot be unconfined, so each test re-runs
//! itself in a child process (this test binary, filtered to that one test) with the scenario's
//! directory in an environment variable; the child confines itself, asserts what it may and may
//! not do, and the parent checks the child's exit status and the disk afterwards.
use std::fs;
use std::io::ErrorKind;
use std::net::{TcpListener, UdpSocket};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;

const SCENARIO_DIRECTORY: &str = "CODEX_SANDBOX_TEST_DIRECTORY";

/// In the child: the scenario directory. In the parent: None.
fn child_scenario() -> Option<PathBuf> {
    std::env::var_os(SCENARIO_DIRECTORY).map(PathBuf::from)
}

fn run_child(test_name: &str, directory: &Path) {
    let exact_name = test_name
        .split_once("::")
        .map_or(test_name, |(_, rest)| rest);
    let output = Command::new(std::env::current_exe().unwrap())
        .args([exact_name, "--exact", "--nocapture", "--test-threads=1"])
        .env(SCENARIO_DIRECTORY, directory)
        .output()
        .unwrap();
    let transcript = format!(
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "confined child failed\n{transcript}"
    );
    assert!(
        transcript.contains("1 passed"),
        "the child did not run the test\n{transcript}"
    );
}

fn mode(bits: u32) -> fs::Permissions {
    std::os::unix::fs::PermissionsExt::from_mode(bits)
}

fn running_as_root() -> bool {
    // SAFETY: no arguments.
    unsafe { libc::geteuid() == 0 }
}

fn policy(mode: SandboxMode, roots: &[&Path], network_access: bool) -> ExecSandboxPolicy {
    ExecSandboxPolicy {
        mode,
        writable_roots: roots.iter().map(|root| root.to_path_buf()).collect(),
        network_access,
        codex_home: None,
        limits: ResourceLimits::default(),
    }
}

fn assert_denied(result: std::io::Result<()>, what: &str) {
    let error = result.expect_err(what);
    assert!(
        matches!(
            error.kind(),
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem | ErrorKind::CrossesDevices
        ) || matches!(
            error.raw_os_error(),
            Some(libc::EPERM | libc::EACCES | libc::EROFS | libc::EXDEV)
        ),
        "{what}: unexpected error {error}"
    );
}

/// workspace/ (writable root, with .git/), outside/ (not writable) and a file outside.
fn layout(directory: &Path) -> (PathBuf, PathBuf) {
    let workspace = directory.join("workspace");
    let outside = directory.join("outside");
    (workspace, outside)
}

fn create_layout(directory: &Path) {
    let (workspace, outside) = layout(directory);
    fs::create_dir_all(workspace.join(".git")).unwrap();
    fs::write(workspace.join(".git").join("config"), "original").unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("secret.txt"), "outside").unwrap();
    std::os::unix::fs::symlink(&outside, workspace.join("link-out")).unwrap();
}

#[test]
fn sandbox_workspace_write_confines_writes_to_the_roots() {
    if let Some(directory) = child_scenario() {
        let (workspace, outside) = layout(&directory);
        // Relative paths must resolve through the sandbox's mounts too.
        std::env::set_current_dir(&workspace).unwrap();
        let report = confine_current_process(
            &policy(SandboxMode::WorkspaceWrite, &[&workspace], false),
            &ConfineOptions::default(),
        )
        .expect("kernel supports the sandbox");
        // Non-root runs need a user namespace, which a multithreaded test process cannot enter.
        let protected = report.mounts == MountOutcome::Protected;
        assert!(protected || !running_as_root(), "{:?}", report.mounts);

        fs::write(workspace.join("inside.txt"), "ok").unwrap();
        fs::write("relative.txt", "ok").unwrap();
        fs::create_dir(workspace.join("made")).unwrap();
        fs::rename(
            workspace.join("inside.txt"),
            workspace.join("made").join("moved.txt"),
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(outside.join("secret.txt")).unwrap(),
            "outside"
        );
        fs::write("/dev/null", "discarded").unwrap();

        assert_denied(fs::write(outside.join("new.txt"), "x"), "write outside");
        assert_denied(
            fs::write(outside.join("secret.txt"), "x"),
            "overwrite outside",
        );
        assert_denied(
            fs::write(workspace.join("link-out").join("via-link.txt"), "x"),
            "write through symlink",
        );
        assert_denied(
            fs::hard_link(outside.join("secret.txt"), workspace.join("hard")),
            "hard link from outside",
        );
        if protected {
            // Landlock does not mediate metadata; the read-only mounts outside the roots do.
            fs::set_permissions(workspace.join("made"), mode(0o700)).unwrap();
            assert_denied(
                fs::set_permissions(outside.join("secret.txt"), mode(0o777)),
                "chmod outside",
            );
            assert_denied(
                fs::write(workspace.join(".git").join("config"), "x"),
                "write .git/config",
            );
            assert_denied(
                fs::write(workspace.join(".git").join("new"), "x"),
                "create in .git",
            );
            assert_denied(
                fs::write(".git/relative", "x"),
                "create in .git by a relative path",
            );
            assert!(
                fs::rename(workspace.join(".git"), workspace.join("git-moved")).is_err(),
                "rename .git"
            );
        }
        return;
    }
    let directory = tempfile::tempdir().unwrap();
    create_layout(directory.path());
    run_child(
        &format!(
            "{}::sandbox_workspace_write_confines_writes_to_the_roots",
            module_path!()
        ),
        directory.path(),
    );
    let (workspace, outside) = layout(directory.path());
    assert!(workspace.join("made").join("moved.txt").exists());
    assert!(workspace.join("relative.txt").exists());
    assert!(!outside.join("new.txt").exists());
    assert!(!outside.join("via-link.txt").exists());
    if running_as_root() {
        assert_eq!(
            fs::read_to_string(workspace.join(".git").join("config")).unwrap(),
            "original"
        );
        assert!(workspace.join(".git").is_dir());
    }
}

#[test]
fn sandbox_read_only_denies_every_write() {
    if let Some(directory) = child_scenario() {
        let (workspace, _) = layout(&directory);
        confine_current_process(
            &policy(SandboxMode::ReadOnly, &[], false),
            &ConfineOptions::default(),
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(workspace.join(".git").join("config")).unwrap(),
            "original"
        );
        fs::write("/dev/null", "discarded").unwrap();
        assert_denied(
            fs::write(workspace.join("inside.txt"), "x"),
            "write in workspace",
        );
        if running_as_root() {
            assert_denied(
                fs::set_permissions(workspace.join(".git"), mode(0o777)),
                "chmod in read-only mode",
            );
        }
        assert_denied(fs::create_dir(workspace.join("dir")), "mkdir in workspace");
        assert_denied(
            fs::remove_file(workspace.join(".git").join("config")),
            "delete",
        );
        return;
    }
    let directory = tempfile::tempdir().unwrap();
    create_layout(directory.path());
    run_child(
        &format!("{}::sandbox_read_only_denies_every_write", module_path!()),
        directory.path(),
    );
    assert!(!directory
        .path()
        .join("workspace")
        .join("inside.txt")
        .exists());
}

#[test]
fn sandbox_restricted_network_allows_only_unix_socket_pairs() {
    if let Some(directory) = child_scenario() {
        let (workspace, _) = layout(&directory);
        confine_current_process(
            &policy(SandboxMode::WorkspaceWrite, &[&workspace], false),
            &ConfineOptions::default(),
        )
        .unwrap();
        let (mut left, mut right) = UnixStream::pair().unwrap();
        std::io::Write::write_all(&mut left, b"ping").unwrap();
        let mut buffer = [0u8; 4];
        std::io::Read::read_exact(&mut right, &mut buffer).unwrap();
        assert_eq!(&buffer, b"ping");
        assert_denied(TcpListener::bind("127.0.0.1:0").map(drop), "tcp listen");
        assert_denied(UdpSocket::bind("127.0.0.1:0").map(drop), "udp socket");
        return;
    }
    let directory = tempfile::tempdir().unwrap();
    create_layout(directory.path());
    run_child(
        &format!(
            "{}::sandbox_restricted_network_allows_only_unix_socket_pairs",
            module_path!()
        ),
        directory.path(),
    );
}

#[test]
fn sandbox_network_access_keeps_inet_sockets() {
    if let Some(directory) = child_scenario() {
        let (workspace, outside) = layout(&directory);
        confine_current_process(
            &policy(SandboxMode::WorkspaceWrite, &[&workspace], true),
            &ConfineOptions::default(),
        )
        .unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        drop(listener);
        assert_denied(fs::write(outside.join("new.txt"), "x"), "write outside");
        return;
    }
    let directory = tempfile::tempdir().unwrap();
    create_layout(directory.path());
    run_child(
        &format!(
            "{}::sandbox_network_access_keeps_inet_sockets",
            module_path!()
        ),
        directory.path(),
    );
}

#[test]
fn sandbox_full_access_changes_nothing() {
    let report = confine_current_process(
        &policy(SandboxMode::DangerFullAccess, &[], true),
        &ConfineOptions::default(),
    )
    .unwrap();
    assert_eq!(
        report,
        ConfineReport {
            landlock_abi: None,
            mounts: MountOutcome::NotNeeded,
            own_proc: false,
            namespace_pid_limit: false,
        }
    );
}

#[test]
fn sandbox_probe_reports_this_kernel() {
    let support = probe_sandbox_support();
    assert_eq!(support.supported, support.reason.is_none());
    assert_eq!(
        support.landlock_abi.is_some() && support.seccomp,
        support.supported,
        "{support:?}"
    );
}
