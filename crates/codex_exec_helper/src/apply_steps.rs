//! `codex-native-exec --policy <json> --apply-steps`: applies the write steps of a planned
//! `apply_patch` inside the same sandbox as commands.
//!
//! The SDK plans a patch in JavaScript (parse, read, compute new contents), then hands the
//! resulting steps to this mode on stdin. A child of the helper confines itself first, with the
//! same policy and the same entry point as a command, and only then touches the disk, so the
//! kernel checks every open, create and unlink at the moment it happens: a directory swapped for
//! a symlink to outside between planning and writing is refused like a command's write would be.
//!
//! Input (stdin, one JSON document):
//! ```json
//! {"steps": [
//!   {"op": "mkdirp", "path": "/abs/dir"},
//!   {"op": "write",  "path": "/abs/file", "content": "text", "expect": {"state": "absent"}},
//!   {"op": "delete", "path": "/abs/old",  "expect": {"state": "text", "content": "old text"}}
//! ]}
//! ```
//! `expect` is what the planner saw at the path (`absent`, `text` with its content, or `any` when
//! it could not read it). A path that no longer matches fails the step: the patch was computed
//! against other contents. It is also what a failed patch is rolled back to.
//!
//! Output (stdout, one JSON line): `{"ok": true}` or
//! `{"ok": false, "step": <index>, "errno": <number or null>, "message": "..."}` after the steps
//! already done were undone (under the same confinement). Exit status 0 in both cases; 125 when
//! the input or the policy is unusable or confinement failed (nothing was written).

use std::fs;
use std::io::{self, ErrorKind, Read};
use std::path::{Path, PathBuf};

use codex_native_core::sandbox::{
    confine_prepared, prepare_sandbox, ConfineOptions, ExecSandboxPolicy,
};
use serde::{Deserialize, Serialize};

/// What the planner saw at a path before the step.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum Expected {
    Absent,
    Text { content: String },
    Any,
}

/// One disk mutation.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Step {
    Mkdirp {
        path: PathBuf,
    },
    Write {
        path: PathBuf,
        content: String,
        expect: Expected,
    },
    Delete {
        path: PathBuf,
        expect: Expected,
    },
}

#[derive(Debug, Deserialize)]
struct StepsInput {
    steps: Vec<Step>,
}

/// The answer written to stdout.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct StepsOutcome {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    step: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errno: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

/// Applies the steps read from stdin in a child process confined with `policy_json` (the same
/// confinement as a command); the helper waits for it and exits with its status. The parent
/// stays unconfined so that it can clean up whatever confining leaves behind once the child
/// is done.
pub fn run(policy_json: &str) -> ! {
    let policy = match ExecSandboxPolicy::from_json(policy_json) {
        Ok(policy) => policy,
        Err(error) => exit_unusable(&format!("invalid policy: {error}")),
    };
    // The same preparation as a command's (protected paths planned, placeholders made for
    // missing ones, namespaces entered); `finish` below removes what it left on disk.
    let prepared = match prepare_sandbox(&policy, false) {
        Ok(prepared) => prepared,
        Err(error) => exit_unusable(&format!("cannot confine: {error}")),
    };
    // SAFETY: the helper is single-threaded; the child only confines itself and does file I/O.
    let child = unsafe { libc::fork() };
    if child < 0 {
        exit_unusable(&format!("fork: {}", io::Error::last_os_error()));
    }
    if child == 0 {
        if let Err(error) = confine_prepared(&policy, &ConfineOptions::default(), &prepared) {
            exit_unusable(&format!("cannot confine: {error}"));
        }
        apply_from_stdin();
    }
    let mut status = 0;
    // SAFETY: waiting for our own child.
    while unsafe { libc::waitpid(child, &mut status, 0) } < 0 {
        if io::Error::last_os_error().kind() != ErrorKind::Interrupted {
            break;
        }
    }
    prepared.finish();
    let exited = libc::WIFEXITED(status);
    std::process::exit(if exited {
        libc::WEXITSTATUS(status)
    } else {
        125
    });
}

fn apply_from_stdin() -> ! {
    let mut text = String::new();
    if let Err(error) = io::stdin().read_to_string(&mut text) {
        exit_unusable(&format!("cannot read the steps from stdin: {error}"));
    }
    let input: StepsInput = match serde_json::from_str(&text) {
        Ok(input) => input,
        Err(error) => exit_unusable(&format!("invalid steps: {error}")),
    };
    let outcome = apply_steps(&input.steps);
    println!("{}", serde_json::to_string(&outcome).unwrap_or_default());
    std::process::exit(0);
}

fn exit_unusable(message: &str) -> ! {
    eprintln!("codex-native-exec --apply-steps: {message}");
    std::process::exit(125);
}

/// Applies `steps` in order; on the first failure undoes the writes and deletes already done
/// (directories created on the way stay) and reports the failing step.
pub fn apply_steps(steps: &[Step]) -> StepsOutcome {
    let mut done: Vec<&Step> = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        if let Err(error) = apply_one(step) {
            roll_back(&done);
            return StepsOutcome {
                ok: false,
                step: Some(index),
                errno: error.raw_os_error(),
                message: Some(error.to_string()),
            };
        }
        done.push(step);
    }
    StepsOutcome {
        ok: true,
        step: None,
        errno: None,
        message: None,
    }
}

fn apply_one(step: &Step) -> io::Result<()> {
    match step {
        Step::Mkdirp { path } => fs::create_dir_all(path),
        Step::Write {
            path,
            content,
            expect,
        } => {
            check_expected(path, expect)?;
            fs::write(path, content)
        }
        Step::Delete { path, expect } => {
            check_expected(path, expect)?;
            fs::remove_file(path)
        }
    }
}

/// Fails when the path no longer holds what the patch was planned against.
fn check_expected(path: &Path, expect: &Expected) -> io::Result<()> {
    let matches = match expect {
        Expected::Any => true,
        Expected::Absent => {
            matches!(fs::symlink_metadata(path), Err(error) if error.kind() == ErrorKind::NotFound)
        }
        Expected::Text { content } => match fs::read(path) {
            Ok(bytes) => bytes == content.as_bytes(),
            Err(error) if error.kind() == ErrorKind::NotFound => false,
            // Unreadable now: let the write itself report (or succeed) as the kernel decides.
            Err(_) => true,
        },
    };
    if matches {
        return Ok(());
    }
    Err(io::Error::other(format!(
        "{} changed since the patch was planned",
        path.display()
    )))
}

fn roll_back(done: &[&Step]) {
    for step in done.iter().rev() {
        let (path, expect) = match step {
            Step::Mkdirp { .. } => continue,
            Step::Write { path, expect, .. } | Step::Delete { path, expect } => (path, expect),
        };
        // Best effort: the original failure is what the caller needs to see.
        let _ = match expect {
            Expected::Text { content } => fs::write(path, content),
            Expected::Absent => fs::remove_file(path),
            Expected::Any => Ok(()),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "apply-steps-{name}-{}-{:?}",
            std::process::id(),
            std::time::SystemTime::now()
        ));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn parses_every_step_kind() {
        let input: StepsInput = serde_json::from_str(
            r#"{"steps":[{"op":"mkdirp","path":"/a"},
            {"op":"write","path":"/a/b","content":"x","expect":{"state":"absent"}},
            {"op":"delete","path":"/a/c","expect":{"state":"text","content":"y"}},
            {"op":"write","path":"/a/d","content":"","expect":{"state":"any"}}]}"#,
        )
        .unwrap();
        assert_eq!(input.steps.len(), 4);
        assert_eq!(
            input.steps[2],
            Step::Delete {
                path: "/a/c".into(),
                expect: Expected::Text {
                    content: "y".into()
                }
            }
        );
    }

    #[test]
    fn applies_steps_in_order() {
        let dir = scratch("order");
        fs::write(dir.join("old.txt"), "old").unwrap();
        let steps = vec![
            Step::Mkdirp {
                path: dir.join("nested/deeper"),
            },
            Step::Write {
                path: dir.join("nested/deeper/new.txt"),
                content: "new".into(),
                expect: Expected::Absent,
            },
            Step::Delete {
                path: dir.join("old.txt"),
                expect: Expected::Text {
                    content: "old".into(),
                },
            },
        ];
        assert!(apply_steps(&steps).ok);
        assert_eq!(
            fs::read_to_string(dir.join("nested/deeper/new.txt")).unwrap(),
            "new"
        );
        assert!(!dir.join("old.txt").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_step_rolls_back_the_earlier_ones() {
        let dir = scratch("rollback");
        fs::write(dir.join("kept.txt"), "before").unwrap();
        let steps = vec![
            Step::Write {
                path: dir.join("kept.txt"),
                content: "after".into(),
                expect: Expected::Text {
                    content: "before".into(),
                },
            },
            Step::Write {
                path: dir.join("created.txt"),
                content: "temporary".into(),
                expect: Expected::Absent,
            },
            Step::Write {
                path: dir.join("missing-dir/file.txt"),
                content: "fails".into(),
                expect: Expected::Absent,
            },
        ];
        let outcome = apply_steps(&steps);
        assert!(!outcome.ok);
        assert_eq!(outcome.step, Some(2));
        assert_eq!(outcome.errno, Some(libc::ENOENT));
        assert_eq!(fs::read_to_string(dir.join("kept.txt")).unwrap(), "before");
        assert!(!dir.join("created.txt").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_path_changed_since_planning_is_refused() {
        let dir = scratch("changed");
        fs::write(dir.join("file.txt"), "someone else's text").unwrap();
        let steps = vec![Step::Write {
            path: dir.join("file.txt"),
            content: "patched".into(),
            expect: Expected::Text {
                content: "planned text".into(),
            },
        }];
        let outcome = apply_steps(&steps);
        assert!(!outcome.ok);
        assert_eq!(outcome.errno, None);
        assert!(outcome
            .message
            .unwrap()
            .contains("changed since the patch was planned"));
        assert_eq!(
            fs::read_to_string(dir.join("file.txt")).unwrap(),
            "someone else's text"
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
