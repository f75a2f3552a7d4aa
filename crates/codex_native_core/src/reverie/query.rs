//! A parsed query: its distinct words, and the byte prefilter that finds lines which may hold one.

use regex::bytes::{Regex, RegexBuilder};
use regex::RegexBuilder as TextRegexBuilder;

use super::ReverieError;

/// More words than this add nothing to ranking and slow the prefilter down.
const MAX_TERMS: usize = 32;

pub struct Query {
    /// Distinct lowercased words, in query order.
    pub terms: Vec<String>,
    prefilter: Regex,
    /// The same alternation over decoded text, to find the words without tokenising it all.
    text_matcher: regex::Regex,
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
        // Longest first, so a term that is a prefix of another does not hide it.
        let mut by_length: Vec<&String> = terms.iter().collect();
        by_length.sort_by_key(|term| std::cmp::Reverse(term.len()));
        let alternation = by_length
            .iter()
            .map(|term| regex::escape(term))
            .collect::<Vec<_>>()
            .join("|");
        let prefilter = RegexBuilder::new(&alternation)
            .case_insensitive(true)
            .build()
            .expect("an alternation of escaped literals always compiles");
        let text_matcher = TextRegexBuilder::new(&alternation)
            .case_insensitive(true)
            .build()
            .expect("an alternation of escaped literals always compiles");
        Ok(Query {
            terms,
            prefilter,
            text_matcher,
        })
    }

    /// Start of the first place at or after `from` in `haystack` where a query word may occur
    /// (a case-insensitive substring match); lines before it need no parse.
    pub fn next_candidate(&self, haystack: &[u8], from: usize) -> Option<usize> {
        self.prefilter
            .find_at(haystack, from)
            .map(|found| found.start())
    }

    /// The whole-word occurrences of query terms in `text`: byte range and term index.
    pub fn words_in<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        self.text_matcher.find_iter(text).filter_map(move |found| {
            let before = text[..found.start()].chars().next_back();
            let after = text[found.end()..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                return None;
            }
            let term = self.term_of(found.as_str())?;
            Some((found.start(), found.end(), term))
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_match_case_insensitively_even_when_one_term_prefixes_another() {
        let query = Query::parse("Build builder").unwrap();
        let text = "BUILDER of the build; rebuild buildings, Build.";
        let found: Vec<&str> = query.words_in(text).map(|(start, end, _)| &text[start..end]).collect();
        assert_eq!(found, vec!["BUILDER", "build", "Build"]);
        let terms: Vec<usize> = query.words_in(text).map(|(_, _, term)| term).collect();
        assert_eq!(terms, vec![1, 0, 0]);
    }
}
