//! The excerpts of one conversation that match a query, ranked by BM25 among its messages.

use std::path::Path;

use super::query::Query;
use super::rank::{best_excerpts, idf};
use super::scan::{scan_file, Coverage};
use super::{Excerpt, ReverieError};

/// Candidates kept in memory while scanning one conversation.
const CANDIDATE_CAP: usize = 1024;

pub struct InsightsOptions {
    /// Maximum number of excerpts returned.
    pub limit: usize,
}

/// Ranked excerpts of the rollout file at `path` for `query`. Damaged lines are skipped.
pub fn conversation_insights(
    path: &Path,
    query: &str,
    options: &InsightsOptions,
) -> Result<Vec<Excerpt>, ReverieError> {
    let query = Query::parse(query)?;
    let stats = scan_file(
        path,
        &query,
        CANDIDATE_CAP.max(options.limit),
        Coverage::EveryLine,
    )
    .map_err(|source| ReverieError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let messages = stats.messages.max(1) as f64;
    // Each message is a document here: idf counts the messages that contain the term.
    let idfs: Vec<f64> = stats
        .message_freqs
        .iter()
        .map(|containing| idf(messages, f64::from(*containing)))
        .collect();
    let average_message_length = stats.message_bytes / messages;
    Ok(best_excerpts(
        stats.candidates,
        &idfs,
        average_message_length,
        options.limit,
    ))
}
