//! Reverie: ranked full-text search over past Codex sessions, the rollout JSONL files under
//! `CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`.
//!
//! Files are streamed line by line and scanned in parallel; a case-insensitive multi-pattern
//! prefilter skips the JSON parse of every line that cannot contain a query term, which is what
//! keeps the scan close to `rg` speed. Ranking is BM25F: user and agent messages weigh 1, tool
//! calls and tool output weigh less, and recency breaks ties.

mod error;
mod excerpt;
mod files;
mod insights;
mod query;
mod rank;
mod record;
mod scan;
mod search;

pub use error::{catch_panics, ReverieError};
pub use insights::{conversation_insights, InsightsOptions};
pub use search::{search_conversations, SearchOptions};

use std::path::PathBuf;

/// Who wrote the text of an excerpt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    Agent,
    /// A tool call's arguments or a tool's output.
    Tool,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Agent => "agent",
            Role::Tool => "tool",
        }
    }
}

/// One query-term occurrence inside an excerpt's text, in UTF-16 code units (JavaScript string
/// offsets), end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchRange {
    pub start: u32,
    pub end: u32,
}

/// A passage of one message that matches the query, and where it sits in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Excerpt {
    /// A window of the message around its first match; "…" marks cut text.
    pub text: String,
    pub role: Role,
    /// 1-based line number of the record in the rollout file.
    pub line: u64,
    /// Byte offset of that line in the file.
    pub byte_offset: u64,
    /// The record's own `timestamp`, when it has one.
    pub timestamp: Option<String>,
    pub score: f64,
    pub matches: Vec<MatchRange>,
}

/// A conversation that matches the query.
#[derive(Debug, Clone, PartialEq)]
pub struct ConversationHit {
    pub path: PathBuf,
    pub score: f64,
    /// Best excerpts first.
    pub excerpts: Vec<Excerpt>,
}
