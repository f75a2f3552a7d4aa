//! A parsed query: its distinct words, and the byte prefilter that finds lines which may hold one.

use regex::bytes::{Regex, RegexBuilder};

use super::ReverieError;

/// More words than this add nothing to ranking and slow the prefilter down.
const MAX_TERMS: usize = 32;

pub struct Query {
    /// Distinct lowercased words, in query order.
    pub terms: Vec<String>,
    prefilter: Regex,
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
        // A case-insensitive alternation of the literal words: the regex engine turns it into a
        // SIMD literal search over case variants, as ripgrep does for `rg -i`.
        let alternation = terms
            .iter()
            .map(|term| regex::escape(term))
            .collect::<Vec<_>>()
            .join("|");
        let prefilter = RegexBuilder::new(&alternation)
            .case_insensitive(true)
            .build()
            .expect("an alternation of escaped literals always compiles");
        Ok(Query { terms, prefilter })
    }

    /// Start of the first place at or after `from` in `haystack` where a query word may occur
    /// (a case-insensitive substring match); lines before it need no parse.
    pub fn next_candidate(&self, haystack: &[u8], from: usize) -> Option<usize> {
        self.prefilter
            .find_at(haystack, from)
            .map(|found| found.start())
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
