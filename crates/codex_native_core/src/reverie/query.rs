//! A parsed query: its distinct words, and the byte prefilter that finds lines which may hold one.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::ReverieError;

/// More words than this add nothing to ranking and slow the prefilter down.
const MAX_TERMS: usize = 32;

pub struct Query {
    /// Distinct lowercased words, in query order.
    pub terms: Vec<String>,
    prefilter: AhoCorasick,
}

/// True for characters that belong to a word: letters, digits and `_` (so `snake_case` is one word).
fn is_word_char(character: char) -> bool {
    character.is_alphanumeric() || character == '_'
}

/// Byte ranges of the words of `text`.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, character)) = chars.peek() {
            if is_word_char(character) {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(index, character)) = chars.peek() {
            if !is_word_char(character) {
                break;
            }
            end = index + character.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

impl Query {
    pub fn parse(text: &str) -> Result<Query, ReverieError> {
        let mut terms: Vec<String> = Vec::new();
        for (start, end) in word_spans(text) {
            let term = text[start..end].to_lowercase();
            if !terms.contains(&term) {
                terms.push(term);
            }
            if terms.len() == MAX_TERMS {
                break;
            }
        }
        if terms.is_empty() {
            return Err(ReverieError::EmptyQuery);
        }
        // ASCII case folding covers ASCII words; for other words the upper and title-case forms
        // are added as patterns too, which covers how they are usually written.
        let mut patterns: Vec<String> = Vec::new();
        for term in &terms {
            patterns.push(term.clone());
            if !term.is_ascii() {
                patterns.push(term.to_uppercase());
                let mut chars = term.chars();
                if let Some(first) = chars.next() {
                    patterns.push(first.to_uppercase().chain(chars).collect());
                }
            }
        }
        let prefilter = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(&patterns)
            .expect("literal patterns of bounded size always build");
        Ok(Query { terms, prefilter })
    }

    /// False when `line` cannot contain any query word (so it needs no parse).
    pub fn may_match(&self, line: &[u8]) -> bool {
        self.prefilter.is_match(line)
    }

    /// Index in `terms` of the word `word`, compared case-insensitively.
    pub fn term_of(&self, word: &str) -> Option<usize> {
        if word.is_ascii() {
            return self
                .terms
                .iter()
                .position(|term| term.len() == word.len() && term.eq_ignore_ascii_case(word));
        }
        let lowered = word.to_lowercase();
        self.terms.iter().position(|term| *term == lowered)
    }
}
