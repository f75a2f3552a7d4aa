use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::error::SandboxError;
use super::limits::ResourceLimits;

/// How much of the machine a command may change (Codex's `sandbox_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SandboxMode {
    ReadOnly,
    WorkspaceWrite,
    DangerFullAccess,
}

/// The policy the TypeScript side hands to the helper as `--policy <json>`. Writable roots are
/// already resolved there (cwd, extra roots, `$TMPDIR`, `/tmp`); the protected entries inside
/// them are found here, at exec time, so they reflect the disk as the command sees it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExecSandboxPolicy {
    pub mode: SandboxMode,
    #[serde(default)]
    pub writable_roots: Vec<PathBuf>,
    #[serde(default)]
    pub network_access: bool,
    /// The agent's own home (`CODEX_HOME`): read-only for commands even below a writable root,
    /// and its `auth.json` unreadable.
    #[serde(default)]
    pub codex_home: Option<PathBuf>,
    /// Resource limits of the command's processes.
    #[serde(default)]
    pub limits: ResourceLimits,
}

impl ExecSandboxPolicy {
    /// Parses and validates the helper's `--policy` argument.
    pub fn from_json(text: &str) -> Result<Self, SandboxError> {
        let policy: ExecSandboxPolicy = serde_json::from_str(text)
            .map_err(|error| SandboxError::InvalidPolicy(error.to_string()))?;
        policy.validate()?;
        Ok(policy)
    }

    fn validate(&self) -> Result<(), SandboxError> {
        match self.mode {
            SandboxMode::ReadOnly if !self.writable_roots.is_empty() => {
                return Err(SandboxError::InvalidPolicy(
                    "read-only mode takes no writable roots".into(),
                ))
            }
            SandboxMode::ReadOnly if self.network_access => {
                return Err(SandboxError::InvalidPolicy(
                    "read-only mode has no network access".into(),
                ))
            }
            _ => {}
        }
        if let Some(relative) = self
            .writable_roots
            .iter()
            .chain(self.codex_home.iter())
            .find(|root| !root.is_absolute())
        {
            return Err(SandboxError::InvalidPolicy(format!(
                "path {} in the policy is not absolute",
                relative.display()
            )));
        }
        Ok(())
    }

    /// False only for `danger-full-access`, which runs the command unconfined.
    pub fn confines_filesystem(&self) -> bool {
        self.mode != SandboxMode::DangerFullAccess
    }

    /// True when sockets other than `AF_UNIX` pairs must be refused.
    pub fn restricts_network(&self) -> bool {
        match self.mode {
            SandboxMode::ReadOnly => true,
            SandboxMode::WorkspaceWrite => !self.network_access,
            SandboxMode::DangerFullAccess => false,
        }
    }

    /// The directories the command may write below (none in read-only mode).
    pub fn writable_roots(&self) -> &[PathBuf] {
        match self.mode {
            SandboxMode::WorkspaceWrite => &self.writable_roots,
            SandboxMode::ReadOnly | SandboxMode::DangerFullAccess => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_policy_parses_each_mode() {
        let read_only = ExecSandboxPolicy::from_json(r#"{"mode":"read-only"}"#).unwrap();
        assert!(read_only.confines_filesystem());
        assert!(read_only.restricts_network());
        assert!(read_only.writable_roots().is_empty());

        let workspace = ExecSandboxPolicy::from_json(
            r#"{"mode":"workspace-write","writable_roots":["/w"],"network_access":true}"#,
        )
        .unwrap();
        assert!(workspace.confines_filesystem());
        assert!(!workspace.restricts_network());
        assert_eq!(workspace.writable_roots(), [PathBuf::from("/w")]);

        let full = ExecSandboxPolicy::from_json(r#"{"mode":"danger-full-access"}"#).unwrap();
        assert!(!full.confines_filesystem());
        assert!(!full.restricts_network());
    }

    #[test]
    fn sandbox_policy_rejects_inconsistent_input() {
        for text in [
            r#"{"mode":"read-only","writable_roots":["/w"]}"#,
            r#"{"mode":"read-only","network_access":true}"#,
            r#"{"mode":"workspace-write","writable_roots":["relative/dir"]}"#,
            r#"{"mode":"workspace-write","unknown":1}"#,
            r#"{"mode":"sometimes"}"#,
            "not json",
        ] {
            let error = ExecSandboxPolicy::from_json(text).unwrap_err();
            assert!(
                matches!(error, SandboxError::InvalidPolicy(_)),
                "{text}: {error}"
            );
        }
    }
}
