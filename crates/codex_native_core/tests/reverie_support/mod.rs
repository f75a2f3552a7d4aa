//! Builds session trees shaped like the Codex CLI's for the reverie tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

/// One rollout line.
pub fn line(kind: &str, payload: Value) -> String {
    json!({"timestamp": "2025-01-01T10:00:00.000Z", "type": kind, "payload": payload}).to_string()
}

pub fn meta(id: &str) -> String {
    line(
        "session_meta",
        json!({"id": id, "timestamp": "2025-01-01T10:00:00.000Z", "cwd": "/repo", "originator": "test", "cli_version": "0.1.0"}),
    )
}

/// The user message as the CLI writes it: a response item and an event.
pub fn user(text: &str) -> Vec<String> {
    vec![
        line(
            "response_item",
            json!({"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}),
        ),
        line(
            "event_msg",
            json!({"type": "user_message", "message": text}),
        ),
    ]
}

pub fn agent(text: &str) -> Vec<String> {
    vec![
        line(
            "response_item",
            json!({"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": text}]}),
        ),
        line(
            "event_msg",
            json!({"type": "agent_message", "message": text}),
        ),
    ]
}

pub fn tool(command: &str, output: &str) -> Vec<String> {
    vec![
        line(
            "response_item",
            json!({"type": "function_call", "name": "shell", "arguments": json!({"command": ["bash", "-lc", command]}).to_string(), "call_id": "call_1"}),
        ),
        line(
            "response_item",
            json!({"type": "function_call_output", "call_id": "call_1", "output": output}),
        ),
    ]
}

/// Writes a conversation started on 2025-01-`day` at `hour`:00; returns its path.
pub fn write_session(home: &Path, day: u32, hour: u32, lines: &[Vec<String>]) -> PathBuf {
    let id = format!("00000000-0000-4000-8000-{:06}{:06}", day, hour);
    let directory = home.join(format!("sessions/2025/01/{day:02}"));
    fs::create_dir_all(&directory).unwrap();
    let path = directory.join(format!(
        "rollout-2025-01-{day:02}T{hour:02}-00-00-{id}.jsonl"
    ));
    let mut text = meta(&id);
    text.push('\n');
    for group in lines {
        for line in group {
            text.push_str(line);
            text.push('\n');
        }
    }
    fs::write(&path, text).unwrap();
    path
}

/// Filler that makes conversations comparable in length.
pub fn small_talk() -> Vec<Vec<String>> {
    vec![
        user("please look at the build output"),
        agent("I looked at the build output and it is fine"),
        tool("ls", "src\nCargo.toml\nREADME.md"),
    ]
}

pub fn with_filler(mut lines: Vec<Vec<String>>) -> Vec<Vec<String>> {
    lines.extend(small_talk());
    lines
}
