//! Streams one rollout file and gathers what ranking needs: weighted term frequencies, the
//! document length, and the matching messages as candidate excerpts.
//!
//! The file is read to whatever end it has when reached: a session being written concurrently
//! just ends early, and its last line, if torn, fails to parse and is skipped like any other
//! broken line.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use super::excerpt;
use super::query::{word_spans, Query};
use super::record::{self, Field};
use super::MatchRange;

const READ_BUFFER_BYTES: usize = 256 * 1024;

/// A message that contains at least one query word.
pub struct Candidate {
    pub field: Field,
    pub line: u64,
    pub byte_offset: u64,
    /// Length of the message's line in bytes (the length unit of ranking).
    pub length: f64,
    pub timestamp: Option<String>,
    pub text: String,
    pub matches: Vec<MatchRange>,
    /// Occurrences of each query term in the message.
    pub term_counts: Vec<u32>,
}

impl Candidate {
    /// Cheap order used to keep the best candidates before idf is known: distinct terms, then
    /// weighted occurrences.
    fn quick_key(&self) -> (usize, f64) {
        let distinct = self.term_counts.iter().filter(|count| **count > 0).count();
        let total: u32 = self.term_counts.iter().sum();
        (distinct, f64::from(total) * self.field.weight())
    }
}

/// Index statistics of one group of fields of a conversation.
#[derive(Default)]
pub struct FieldStats {
    /// Weighted length: Σ field weight × line bytes.
    pub length: f64,
    /// Number of indexed messages.
    pub messages: u64,
    /// Unweighted Σ line bytes of the indexed messages (for per-message length normalisation).
    pub message_bytes: f64,
    /// Weighted occurrences of each term.
    pub term_freqs: Vec<f64>,
    /// Messages that contain each term.
    pub message_freqs: Vec<u32>,
    pub candidates: Vec<Candidate>,
}

impl FieldStats {
    fn new(terms: usize) -> FieldStats {
        FieldStats {
            term_freqs: vec![0.0; terms],
            message_freqs: vec![0; terms],
            ..FieldStats::default()
        }
    }

    fn add_message(&mut self, field: Field, line_bytes: usize) {
        self.length += field.weight() * line_bytes as f64;
        self.messages += 1;
        self.message_bytes += line_bytes as f64;
    }

    fn add_candidate(&mut self, candidate: Candidate, cap: usize) {
        let weight = candidate.field.weight();
        for (index, count) in candidate.term_counts.iter().enumerate() {
            self.term_freqs[index] += weight * f64::from(*count);
            if *count > 0 {
                self.message_freqs[index] += 1;
            }
        }
        self.candidates.push(candidate);
        if self.candidates.len() >= 2 * cap {
            keep_best(&mut self.candidates, cap);
        }
    }

    fn absorb(&mut self, other: FieldStats) {
        self.length += other.length;
        self.messages += other.messages;
        self.message_bytes += other.message_bytes;
        for (index, value) in other.term_freqs.into_iter().enumerate() {
            self.term_freqs[index] += value;
        }
        for (index, value) in other.message_freqs.into_iter().enumerate() {
            self.message_freqs[index] += value;
        }
        self.candidates.extend(other.candidates);
    }
}

/// Keeps the `cap` best candidates by quick key, ties in file order.
fn keep_best(candidates: &mut Vec<Candidate>, cap: usize) {
    candidates.sort_by(|left, right| {
        let (left_terms, left_weight) = left.quick_key();
        let (right_terms, right_weight) = right.quick_key();
        right_terms
            .cmp(&left_terms)
            .then(right_weight.total_cmp(&left_weight))
            .then(left.line.cmp(&right.line))
    });
    candidates.truncate(cap);
}

/// Scans `path`; `candidate_cap` bounds the excerpts kept in memory per conversation.
pub fn scan_file(path: &Path, query: &Query, candidate_cap: usize) -> io::Result<FieldStats> {
    let terms = query.terms.len();
    let mut events = FieldStats::new(terms);
    let mut events_seen = false;
    let mut items = FieldStats::new(terms);
    let mut tools = FieldStats::new(terms);
    let mut reader = BufReader::with_capacity(READ_BUFFER_BYTES, File::open(path)?);
    let mut buffer = Vec::with_capacity(16 * 1024);
    let mut line_number: u64 = 0;
    let mut offset: u64 = 0;
    loop {
        buffer.clear();
        let read = reader.read_until(b'\n', &mut buffer)?;
        if read == 0 {
            break;
        }
        line_number += 1;
        let line_offset = offset;
        offset += read as u64;
        let line = trim_line_end(&buffer);
        let parsed = if query.may_match(line) {
            record::parse(line)
        } else {
            None
        };
        let field = match &parsed {
            Some(parsed) => Some(parsed.field),
            None => record::sniff(line),
        };
        let Some(field) = field else {
            continue;
        };
        let stats = match field {
            Field::UserEvent | Field::AgentEvent => {
                events_seen = true;
                &mut events
            }
            Field::UserItem | Field::AgentItem => &mut items,
            Field::ToolCall | Field::ToolOutput => &mut tools,
        };
        stats.add_message(field, line.len());
        if let Some(parsed) = parsed {
            if let Some(candidate) =
                candidate_of(parsed, query, line_number, line_offset, line.len())
            {
                stats.add_candidate(candidate, candidate_cap);
            }
        }
    }
    let mut result = if events_seen { events } else { items };
    result.absorb(tools);
    if result.candidates.len() > candidate_cap {
        keep_best(&mut result.candidates, candidate_cap);
    }
    Ok(result)
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    &line[..end]
}

/// The message as a candidate excerpt, when one of its words is a query term (the prefilter
/// also lets through substrings such as `auth` inside `author`).
fn candidate_of(
    parsed: record::Record,
    query: &Query,
    line: u64,
    byte_offset: u64,
    line_bytes: usize,
) -> Option<Candidate> {
    let mut term_counts = vec![0u32; query.terms.len()];
    let mut spans = Vec::new();
    for (start, end) in word_spans(&parsed.text) {
        if let Some(term) = query.term_of(&parsed.text[start..end]) {
            term_counts[term] += 1;
            spans.push((start, end));
        }
    }
    if spans.is_empty() {
        return None;
    }
    let (text, matches) = excerpt::cut(&parsed.text, &spans);
    Some(Candidate {
        field: parsed.field,
        line,
        byte_offset,
        length: line_bytes as f64,
        timestamp: parsed.timestamp,
        text,
        matches,
        term_counts,
    })
}
