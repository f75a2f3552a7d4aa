//! What a rollout line contributes to the index: which field it belongs to and its text.
//!
//! A conversation holds each message twice: as a `response_item` (what the model saw, with
//! injected context in user messages) and as an `event_msg` (exactly what was typed or answered).
//! The scanner counts one copy: the events when the file has them, the response items otherwise.

use serde_json::Value;

/// The indexed kinds of line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    UserEvent,
    AgentEvent,
    UserItem,
    AgentItem,
    ToolCall,
    ToolOutput,
}

impl Field {
    /// BM25F weight of the field: tool traffic is mostly noise next to what people said.
    pub fn weight(self) -> f64 {
        match self {
            Field::UserEvent | Field::AgentEvent | Field::UserItem | Field::AgentItem => 1.0,
            Field::ToolCall | Field::ToolOutput => 0.3,
        }
    }

    pub fn role(self) -> super::Role {
        match self {
            Field::UserEvent | Field::UserItem => super::Role::User,
            Field::AgentEvent | Field::AgentItem => super::Role::Agent,
            Field::ToolCall | Field::ToolOutput => super::Role::Tool,
        }
    }

    fn from_payload_type(payload_type: &str, role: Option<&str>) -> Option<Field> {
        match payload_type {
            "user_message" => Some(Field::UserEvent),
            "agent_message" => Some(Field::AgentEvent),
            "message" => match role? {
                "user" => Some(Field::UserItem),
                "assistant" => Some(Field::AgentItem),
                _ => None,
            },
            "function_call" | "custom_tool_call" | "local_shell_call" => Some(Field::ToolCall),
            "function_call_output" | "custom_tool_call_output" => Some(Field::ToolOutput),
            _ => None,
        }
    }
}

const PAYLOAD_TYPE: &[u8] = b"\"payload\":{\"type\":\"";
const ROLE: &[u8] = b"\"role\":\"";
/// How far into a line the sniffer looks for the payload type (it follows the timestamp).
const SNIFF_WINDOW: usize = 256;

fn quoted_name_at(bytes: &[u8]) -> Option<&str> {
    let end = memchr::memchr(b'"', bytes)?;
    std::str::from_utf8(&bytes[..end]).ok()
}

/// The field of a line as the CLI and this SDK write it (`"payload":{"type":"…"` near the
/// start), found without parsing the JSON. None for lines that are not indexed or written in
/// another key order; lines that may match the query are parsed anyway.
pub fn sniff(line: &[u8]) -> Option<Field> {
    let head = &line[..line.len().min(SNIFF_WINDOW)];
    let at = memchr::memmem::find(head, PAYLOAD_TYPE)? + PAYLOAD_TYPE.len();
    let payload_type = quoted_name_at(&line[at..])?;
    let role = if payload_type == "message" {
        let rest = &line[at..line.len().min(at + SNIFF_WINDOW)];
        let role_at = memchr::memmem::find(rest, ROLE)? + ROLE.len();
        quoted_name_at(&rest[role_at..])
    } else {
        None
    };
    Field::from_payload_type(payload_type, role)
}

/// An indexed line, parsed.
pub struct Record {
    pub field: Field,
    pub text: String,
    pub timestamp: Option<String>,
}

/// Parses a line; None when it is torn, not JSON, or not an indexed kind. Invalid UTF-8 is
/// replaced with U+FFFD rather than losing the whole line.
pub fn parse(line: &[u8]) -> Option<Record> {
    let value: Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(_) => {
            let repaired = String::from_utf8_lossy(line);
            if matches!(repaired, std::borrow::Cow::Borrowed(_)) {
                return None;
            }
            serde_json::from_str(&repaired).ok()?
        }
    };
    let payload = value.get("payload")?;
    let payload_type = payload.get("type")?.as_str()?;
    let field =
        Field::from_payload_type(payload_type, payload.get("role").and_then(Value::as_str))?;
    let text = match field {
        Field::UserEvent | Field::AgentEvent => payload.get("message")?.as_str()?.to_owned(),
        Field::UserItem | Field::AgentItem => {
            let text = content_text(payload.get("content")?);
            if field == Field::UserItem && is_injected_context(&text) {
                return None;
            }
            text
        }
        Field::ToolCall => tool_call_text(payload)?,
        Field::ToolOutput => output_text(payload.get("output")?),
    };
    if text.is_empty() {
        return None;
    }
    let timestamp = value
        .get("timestamp")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Some(Record {
        field,
        text,
        timestamp,
    })
}

/// Text parts of a message's `content` array, one per line.
fn content_text(content: &Value) -> String {
    match content {
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|part| part.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

fn tool_call_text(payload: &Value) -> Option<String> {
    if let Some(arguments) = payload.get("arguments").and_then(Value::as_str) {
        return Some(arguments.to_owned());
    }
    if let Some(input) = payload.get("input").and_then(Value::as_str) {
        return Some(input.to_owned());
    }
    let command = payload.get("action")?.get("command")?.as_array()?;
    Some(
        command
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A tool output is a string, an array of content items, or (older CLIs) `{content, …}`.
fn output_text(output: &Value) -> String {
    match output {
        Value::String(text) => text.clone(),
        Value::Array(_) => content_text(output),
        Value::Object(fields) => fields.get("content").map(output_text).unwrap_or_default(),
        _ => String::new(),
    }
}

/// User-role messages the harness adds on its own (environment, AGENTS.md, instructions).
fn is_injected_context(text: &str) -> bool {
    const MARKERS: [&str; 6] = [
        "<environment_context>",
        "<user_instructions>",
        "# AGENTS.md instructions",
        "<INSTRUCTIONS>",
        "<permissions instructions>",
        "<user_shell_command>",
    ];
    let start = text.trim_start();
    MARKERS.iter().any(|marker| start.starts_with(marker))
}
