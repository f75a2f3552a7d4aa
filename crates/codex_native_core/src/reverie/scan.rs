//! Streams one rollout file and gathers what ranking needs: weighted term frequencies, the
//! document length, and the matching messages as candidate excerpts.
//!
//! The file is read to whatever end it has when reached: a session being written concurrently
//! just ends early, and its last line, if torn, fails to parse and is skipped like any other
//! broken line.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::excerpt;
use super::query::Query;
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
    /// Weighted length: Σ field weight × line bytes (the file size with `Coverage::MatchingLines`).
    pub length: f64,
    /// Number of indexed messages (only those with a prefilter hit with `Coverage::MatchingLines`).
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

/// Everything gathered while reading one file.
struct Scanner<'a> {
    query: &'a Query,
    candidate_cap: usize,
    events: FieldStats,
    events_seen: bool,
    items: FieldStats,
    tools: FieldStats,
    line_number: u64,
    every_line: bool,
}

/// How much of a file the scanner looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Only the lines the prefilter hits are read; the document length is the file's size.
    /// Used across many files, where it keeps the scan at the speed of the literal search.
    MatchingLines,
    /// Every line is classified, so message counts and lengths are exact (one conversation).
    EveryLine,
}

impl Scanner<'_> {
    /// Handles the complete lines of `region`, which starts at byte `base` of the file. The
    /// prefilter runs over the whole region (one SIMD search instead of one per line); only the
    /// lines it hits are parsed, the others are just classified for the document length.
    fn scan_region(&mut self, region: &[u8], base: u64) {
        if !self.every_line {
            self.scan_matching_lines(region, base);
            return;
        }
        let mut position = 0;
        let mut next_candidate = self.query.next_candidate(region, 0);
        while position < region.len() {
            let end =
                memchr::memchr(b'\n', &region[position..]).map_or(region.len(), |at| position + at);
            self.line_number += 1;
            let may_match = next_candidate.is_some_and(|at| at < end);
            self.scan_line(
                trim_line_end(&region[position..end]),
                may_match,
                base + position as u64,
            );
            if may_match {
                next_candidate = self.query.next_candidate(region, end);
            }
            position = end + 1;
        }
    }

    /// Jumps from prefilter hit to prefilter hit, only counting the newlines in between.
    fn scan_matching_lines(&mut self, region: &[u8], base: u64) {
        let mut position = 0;
        while position < region.len() {
            let Some(at) = self.query.next_candidate(region, position) else {
                break;
            };
            let start = memchr::memrchr(b'\n', &region[position..at])
                .map_or(position, |newline| position + newline + 1);
            self.line_number +=
                memchr::memchr_iter(b'\n', &region[position..start]).count() as u64 + 1;
            let end =
                memchr::memchr(b'\n', &region[at..]).map_or(region.len(), |newline| at + newline);
            self.scan_line(
                trim_line_end(&region[start..end]),
                true,
                base + start as u64,
            );
            position = end + 1;
        }
        if position < region.len() {
            self.line_number += memchr::memchr_iter(b'\n', &region[position..]).count() as u64;
        }
    }

    fn scan_line(&mut self, line: &[u8], may_match: bool, line_offset: u64) {
        let parsed = if may_match { record::parse(line) } else { None };
        let field = match &parsed {
            Some(parsed) => Some(parsed.field),
            None => record::sniff(line),
        };
        let Some(field) = field else {
            return;
        };
        let stats = match field {
            Field::UserEvent | Field::AgentEvent => {
                self.events_seen = true;
                &mut self.events
            }
            Field::UserItem | Field::AgentItem => &mut self.items,
            Field::ToolCall | Field::ToolOutput => &mut self.tools,
        };
        stats.add_message(field, line.len());
        if let Some(parsed) = parsed {
            if let Some(candidate) = candidate_of(
                parsed,
                self.query,
                self.line_number,
                line_offset,
                line.len(),
            ) {
                stats.add_candidate(candidate, self.candidate_cap);
            }
        }
    }

    fn finish(self) -> FieldStats {
        let mut result = if self.events_seen {
            self.events
        } else {
            self.items
        };
        result.absorb(self.tools);
        if result.candidates.len() > self.candidate_cap {
            keep_best(&mut result.candidates, self.candidate_cap);
        }
        result
    }
}

fn read_retrying(file: &mut File, buffer: &mut [u8]) -> io::Result<usize> {
    loop {
        match file.read(buffer) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            result => return result,
        }
    }
}

/// Scans `path`; `candidate_cap` bounds the excerpts kept in memory per conversation. Memory
/// is one read buffer (grown only for a line longer than it), never the whole file.
pub fn scan_file(
    path: &Path,
    query: &Query,
    candidate_cap: usize,
    coverage: Coverage,
) -> io::Result<FieldStats> {
    let terms = query.terms.len();
    let mut scanner = Scanner {
        query,
        candidate_cap,
        events: FieldStats::new(terms),
        events_seen: false,
        items: FieldStats::new(terms),
        tools: FieldStats::new(terms),
        line_number: 0,
        every_line: coverage == Coverage::EveryLine,
    };
    let mut file = File::open(path)?;
    let mut buffer = vec![0u8; READ_BUFFER_BYTES];
    let mut filled = 0;
    let mut base: u64 = 0;
    loop {
        if filled == buffer.len() {
            buffer.resize(buffer.len() * 2, 0);
        }
        let read = read_retrying(&mut file, &mut buffer[filled..])?;
        filled += read;
        let at_end = read == 0;
        // Complete lines only, except at the end, where a last line without newline (possibly
        // torn by a concurrent writer) is scanned too and fails to parse if it is incomplete.
        let complete = if at_end {
            filled
        } else {
            match memchr::memrchr(b'\n', &buffer[..filled]) {
                Some(newline) => newline + 1,
                None => continue,
            }
        };
        scanner.scan_region(&buffer[..complete], base);
        buffer.copy_within(complete..filled, 0);
        filled -= complete;
        base += complete as u64;
        if at_end {
            let mut stats = scanner.finish();
            if coverage == Coverage::MatchingLines {
                stats.length = base as f64;
            }
            return Ok(stats);
        }
    }
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
    for (start, end, term) in query.words_in(&parsed.text) {
        term_counts[term] += 1;
        spans.push((start, end));
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
