//! Parallel scan of every session file and BM25F ranking of the conversations.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use super::files::{recency_key, rollout_files};
use super::query::Query;
use super::rank::{best_excerpts, document_score, idf};
use super::scan::{scan_file, Candidate, Coverage};
use super::{ConversationHit, ReverieError};

/// How many candidate excerpts a conversation keeps while scanning.
const CANDIDATES_PER_CONVERSATION: usize = 16;
/// Upper bound of scanning threads.
const MAX_THREADS: usize = 16;

pub struct SearchOptions {
    /// Number of conversations returned.
    pub limit: usize,
    /// Excerpts returned per conversation.
    pub max_excerpts: usize,
}

/// A conversation that contains at least one query term.
struct Matched {
    path: PathBuf,
    length: f64,
    term_freqs: Vec<f64>,
    candidates: Vec<Candidate>,
}

/// What one scanning thread found.
#[derive(Default)]
struct Partial {
    conversations: usize,
    total_length: f64,
    total_messages: u64,
    total_message_bytes: f64,
    matched: Vec<Matched>,
}

impl Partial {
    fn merge(&mut self, other: Partial) {
        self.conversations += other.conversations;
        self.total_length += other.total_length;
        self.total_messages += other.total_messages;
        self.total_message_bytes += other.total_message_bytes;
        self.matched.extend(other.matched);
    }
}

fn scan_worker(files: &[PathBuf], next: &AtomicUsize, query: &Query) -> Partial {
    let mut partial = Partial::default();
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(path) = files.get(index) else {
            return partial;
        };
        // A file deleted or unreadable since the listing is simply not part of the history.
        let Ok(stats) = scan_file(
            path,
            query,
            CANDIDATES_PER_CONVERSATION,
            Coverage::MatchingLines,
        ) else {
            continue;
        };
        partial.conversations += 1;
        partial.total_length += stats.length;
        partial.total_messages += stats.messages;
        partial.total_message_bytes += stats.message_bytes;
        if stats.term_freqs.iter().any(|frequency| *frequency > 0.0) {
            partial.matched.push(Matched {
                path: path.clone(),
                length: stats.length,
                term_freqs: stats.term_freqs,
                candidates: stats.candidates,
            });
        }
    }
}

fn scan_all(files: &[PathBuf], query: &Query) -> Partial {
    let threads = thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, MAX_THREADS)
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map(|_| scope.spawn(|| scan_worker(files, &next, query)))
            .collect();
        let mut total = scan_worker(files, &next, query);
        for helper in helpers {
            // A panic in a helper is re-raised here; the binding turns it into a JS error.
            match helper.join() {
                Ok(partial) => total.merge(partial),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        total
    })
}

/// The conversations under `codex_home` that match `query`, best first. Equal scores go to the
/// newer conversation.
pub fn search_conversations(
    codex_home: &Path,
    query: &str,
    options: &SearchOptions,
) -> Result<Vec<ConversationHit>, ReverieError> {
    let query = Query::parse(query)?;
    let files = rollout_files(codex_home);
    let scanned = scan_all(&files, &query);
    if scanned.matched.is_empty() || options.limit == 0 {
        return Ok(Vec::new());
    }
    let documents = scanned.conversations as f64;
    let average_length = scanned.total_length / documents;
    let average_message_length =
        scanned.total_message_bytes / (scanned.total_messages.max(1) as f64);
    let idfs: Vec<f64> = (0..query.terms.len())
        .map(|term| {
            let containing = scanned
                .matched
                .iter()
                .filter(|matched| matched.term_freqs[term] > 0.0)
                .count();
            idf(documents, containing as f64)
        })
        .collect();
    let mut ranked: Vec<(f64, Matched)> = scanned
        .matched
        .into_iter()
        .map(|matched| {
            let score = document_score(&matched.term_freqs, &idfs, matched.length, average_length);
            (score, matched)
        })
        .collect();
    ranked.sort_by(|left, right| {
        right
            .0
            .total_cmp(&left.0)
            .then_with(|| recency_key(&right.1.path).cmp(recency_key(&left.1.path)))
            .then_with(|| right.1.path.cmp(&left.1.path))
    });
    ranked.truncate(options.limit);
    Ok(ranked
        .into_iter()
        .map(|(score, matched)| ConversationHit {
            excerpts: best_excerpts(
                matched.candidates,
                &idfs,
                average_message_length,
                options.max_excerpts,
            ),
            path: matched.path,
            score,
        })
        .collect())
}
