//! Finds rollout files under `CODEX_HOME/sessions` without reading them.

use std::fs;
use std::path::{Path, PathBuf};

/// Depth of `sessions/YYYY/MM/DD`.
const DATE_LEVELS: usize = 3;

fn is_rollout_file_name(name: &str) -> bool {
    name.starts_with("rollout-") && name.ends_with(".jsonl")
}

/// Every `rollout-*.jsonl` under `codex_home/sessions/YYYY/MM/DD`. A missing or unreadable
/// directory holds no sessions; it is not an error (the CLI treats it the same way).
pub fn rollout_files(codex_home: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    collect(&codex_home.join("sessions"), DATE_LEVELS, &mut found);
    found
}

fn collect(directory: &Path, levels_left: usize, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if levels_left > 0 {
            if file_type.is_dir() {
                collect(&path, levels_left - 1, found);
            }
        } else if file_type.is_file()
            && entry.file_name().to_str().is_some_and(is_rollout_file_name)
        {
            found.push(path);
        }
    }
}

/// Recency key: the file name starts with `rollout-YYYY-MM-DDThh-mm-ss`, so it sorts by start time.
pub fn recency_key(path: &Path) -> &str {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("")
}
