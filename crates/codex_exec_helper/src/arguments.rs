use std::ffi::{CString, OsString};
use std::os::fd::RawFd;
use std::os::unix::ffi::OsStringExt;

/// One command to run.
#[derive(Debug, PartialEq, Eq)]
pub struct RunArguments {
    pub policy_json: String,
    pub pty: bool,
    pub status_fd: Option<RawFd>,
    /// The pid of the process that started the helper: the helper dies with it.
    pub parent_pid: Option<i32>,
    pub command: Vec<CString>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    Probe,
    Run(RunArguments),
    /// `--policy <json> --apply-steps`: apply a planned patch's steps (read from stdin) confined.
    ApplySteps {
        policy_json: String,
    },
}

const USAGE: &str = "usage: codex-native-exec --probe | --policy <json> --apply-steps | --policy <json> [--pty] [--status-fd <fd>] [--parent-pid <pid>] -- <program> [args...]";

/// Parses the helper's own arguments; everything after `--` is the command, untouched.
pub fn parse_arguments(
    arguments: impl IntoIterator<Item = OsString>,
) -> Result<Invocation, String> {
    let mut arguments = arguments.into_iter();
    let mut policy_json = None;
    let mut pty = false;
    let mut status_fd = None;
    let mut parent_pid = None;
    let mut command = Vec::new();
    let mut apply_steps = false;
    while let Some(argument) = arguments.next() {
        match argument.to_str() {
            Some("--probe") => return Ok(Invocation::Probe),
            Some("--pty") => pty = true,
            Some("--apply-steps") => apply_steps = true,
            Some("--policy") => {
                let value = arguments.next().ok_or("--policy needs a value")?;
                policy_json = Some(
                    value
                        .into_string()
                        .map_err(|_| "--policy is not valid UTF-8")?,
                );
            }
            Some("--status-fd") => {
                let value = arguments.next().ok_or("--status-fd needs a value")?;
                let fd = value
                    .to_str()
                    .and_then(|text| text.parse::<RawFd>().ok())
                    .filter(|fd| *fd > 2);
                status_fd = Some(fd.ok_or("--status-fd must be a descriptor number above 2")?);
            }
            Some("--parent-pid") => {
                let value = arguments.next().ok_or("--parent-pid needs a value")?;
                let pid = value.to_str().and_then(|text| text.parse::<i32>().ok());
                parent_pid = Some(
                    pid.filter(|pid| *pid > 0)
                        .ok_or("--parent-pid must be a pid")?,
                );
            }
            Some("--") => {
                for part in arguments.by_ref() {
                    command.push(
                        CString::new(part.into_vec())
                            .map_err(|_| "command arguments cannot contain NUL bytes")?,
                    );
                }
            }
            _ => return Err(format!("unexpected argument {argument:?}\n{USAGE}")),
        }
    }
    let policy_json = policy_json.ok_or_else(|| format!("--policy is required\n{USAGE}"))?;
    if apply_steps {
        if pty || !command.is_empty() {
            return Err(format!(
                "--apply-steps takes no command and no --pty\n{USAGE}"
            ));
        }
        return Ok(Invocation::ApplySteps { policy_json });
    }
    if command.is_empty() {
        return Err(format!("no command after --\n{USAGE}"));
    }
    Ok(Invocation::Run(RunArguments {
        policy_json,
        pty,
        status_fd,
        parent_pid,
        command,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(parts: &[&str]) -> Result<Invocation, String> {
        parse_arguments(parts.iter().map(OsString::from))
    }

    #[test]
    fn parses_a_full_invocation() {
        let parsed = parse(&[
            "--policy",
            "{}",
            "--pty",
            "--status-fd",
            "3",
            "--parent-pid",
            "42",
            "--",
            "sh",
            "-c",
            "--pty",
        ])
        .unwrap();
        assert_eq!(
            parsed,
            Invocation::Run(RunArguments {
                policy_json: "{}".into(),
                pty: true,
                status_fd: Some(3),
                parent_pid: Some(42),
                command: ["sh", "-c", "--pty"]
                    .iter()
                    .map(|part| CString::new(*part).unwrap())
                    .collect(),
            })
        );
        assert_eq!(parse(&["--probe"]).unwrap(), Invocation::Probe);
    }

    #[test]
    fn rejects_incomplete_invocations() {
        assert!(parse(&["--", "true"])
            .unwrap_err()
            .contains("--policy is required"));
        assert!(parse(&["--policy", "{}"])
            .unwrap_err()
            .contains("no command"));
        assert!(parse(&["--policy", "{}", "--status-fd", "1", "--", "true"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
    }

    #[test]
    fn parses_apply_steps() {
        assert_eq!(
            parse(&["--policy", "{}", "--apply-steps"]).unwrap(),
            Invocation::ApplySteps {
                policy_json: "{}".into()
            }
        );
        assert!(parse(&["--apply-steps"]).is_err());
        assert!(parse(&["--policy", "{}", "--apply-steps", "--", "true"]).is_err());
    }
}
