//! Splits text into the pieces that BPE encodes one by one (tiktoken's `pat_str` regex).
//!
//! Running the regex once per piece dominates encoding time, and most pieces of real input are
//! ASCII. So a piece that starts with an ASCII byte is matched by hand-written code that
//! reproduces the regex on ASCII exactly; the moment that code would have to classify a
//! non-ASCII character (a letter? a digit? whitespace?) it gives up and the regex (from
//! `piece_regex`) matches that piece instead. Tests compare both paths on random text.

use super::piece_regex::PieceRegex;

/// Which `pat_str` to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PiecePattern {
    /// `[^\r\n\p{L}\p{N}]?[\p{Lu}..]*[\p{Ll}..]+(contraction)? | ..upper-first twin.. | \p{N}{1,3}
    /// | ' ?[^\s\p{L}\p{N}]+[\r\n/]*' | \s*[\r\n]+ | \s+(?!\S) | \s+`
    O200k,
    /// `'(?i:s|t|re|ve|m|ll|d) | [^\r\n\p{L}\p{N}]?\p{L}+ | \p{N}{1,3} | ' ?[^\s\p{L}\p{N}]+[\r\n]*'
    /// | \s*[\r\n]+ | \s+(?!\S) | \s+`
    Cl100k,
}

/// An ASCII byte's class under the regex, or `Other` for a byte of a non-ASCII character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Upper,
    Lower,
    Digit,
    Newline,
    /// `\s` other than `\r` / `\n`: space, tab, vertical tab, form feed.
    Space,
    /// Everything else ASCII: `[^\s\p{L}\p{N}]`, including control characters.
    Punct,
    NonAscii,
}

fn class(byte: u8) -> Class {
    match byte {
        b'A'..=b'Z' => Class::Upper,
        b'a'..=b'z' => Class::Lower,
        b'0'..=b'9' => Class::Digit,
        b'\r' | b'\n' => Class::Newline,
        b' ' | b'\t' | 0x0b | 0x0c => Class::Space,
        0x80..=0xff => Class::NonAscii,
        _ => Class::Punct,
    }
}

/// Class of the byte at `index`, `None` at the end of the text.
fn class_at(bytes: &[u8], index: usize) -> Option<Class> {
    bytes.get(index).copied().map(class)
}

/// Outcome of the ASCII matcher: the piece's end, or "a non-ASCII character decides this".
type AsciiMatch = Option<usize>;

/// End of the maximal run of bytes from `start` whose class satisfies `accept`, or `None` if
/// the run stops at a non-ASCII character (which might or might not belong to it).
fn run_end(bytes: &[u8], start: usize, accept: impl Fn(Class) -> bool) -> AsciiMatch {
    let mut index = start;
    loop {
        match class_at(bytes, index) {
            Some(Class::NonAscii) => return None,
            Some(found) if accept(found) => index += 1,
            _ => return Some(index),
        }
    }
}

/// Length of the contraction (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`, any case) at `start`,
/// 0 if there is none. `None` if a non-ASCII character follows the apostrophe: under `(?i)` the
/// long s `ſ` matches `s`.
fn contraction_len(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes.get(start) != Some(&b'\'') {
        return Some(0);
    }
    let Some(&first) = bytes.get(start + 1) else {
        return Some(0);
    };
    if first >= 0x80 {
        return None;
    }
    let second = bytes.get(start + 2).map(u8::to_ascii_lowercase);
    Some(match (first.to_ascii_lowercase(), second) {
        (b's' | b't' | b'm' | b'd', _) => 2,
        (b'r' | b'v', Some(b'e')) | (b'l', Some(b'l')) => 3,
        _ => 0,
    })
}

/// The whitespace alternatives, for a piece starting with whitespace that no earlier
/// alternative took: `\s*[\r\n]+`, then `\s+(?!\S)`, then `\s+`.
fn whitespace_end(bytes: &[u8], start: usize) -> AsciiMatch {
    let run_end = run_end(bytes, start, |found| {
        matches!(found, Class::Newline | Class::Space)
    })?;
    let run = &bytes[start..run_end];
    if let Some(last_newline) = run.iter().rposition(|&byte| byte == b'\r' || byte == b'\n') {
        return Some(start + last_newline + 1);
    }
    if run_end == bytes.len() || run.len() == 1 {
        return Some(run_end);
    }
    // Leave the last whitespace character to prefix the word that follows.
    Some(run_end - 1)
}

/// ` ?[^\s\p{L}\p{N}]+` followed by `[\r\n/]*` (o200k) or `[\r\n]*` (cl100k). `None` when the
/// alternative fails or a non-ASCII character decides.
fn punctuation_end(bytes: &[u8], start: usize, pattern: PiecePattern) -> Option<AsciiMatch> {
    let run_start = if bytes[start] == b' ' {
        start + 1
    } else {
        start
    };
    match class_at(bytes, run_start) {
        Some(Class::Punct) => {}
        Some(Class::NonAscii) => return Some(None),
        _ => return None,
    }
    let Some(mut end) = run_end(bytes, run_start, |found| found == Class::Punct) else {
        return Some(None);
    };
    // The trailing sets are ASCII, so a non-ASCII character simply ends them.
    while let Some(&byte) = bytes.get(end) {
        let trailing =
            byte == b'\r' || byte == b'\n' || (byte == b'/' && pattern == PiecePattern::O200k);
        if !trailing {
            break;
        }
        end += 1;
    }
    Some(Some(end))
}

/// Letters with an optional leading non-letter, non-digit, non-newline character. o200k takes
/// an uppercase run then a lowercase run (either may be empty, not both) and an optional
/// contraction; cl100k takes any letters. `None` (outer) when the alternative fails.
fn word_end(bytes: &[u8], start: usize, pattern: PiecePattern) -> Option<AsciiMatch> {
    let letters_start = match class(bytes[start]) {
        Class::Upper | Class::Lower => start,
        Class::Punct | Class::Space => match class_at(bytes, start + 1) {
            Some(Class::Upper | Class::Lower) => start + 1,
            Some(Class::NonAscii) => return Some(None),
            _ => return None,
        },
        _ => return None,
    };
    let end = match pattern {
        PiecePattern::O200k => {
            let Some(upper_end) = run_end(bytes, letters_start, |found| found == Class::Upper)
            else {
                return Some(None);
            };
            let Some(lower_end) = run_end(bytes, upper_end, |found| found == Class::Lower) else {
                return Some(None);
            };
            let Some(contraction) = contraction_len(bytes, lower_end) else {
                return Some(None);
            };
            lower_end + contraction
        }
        PiecePattern::Cl100k => {
            let Some(end) = run_end(bytes, letters_start, |found| {
                matches!(found, Class::Upper | Class::Lower)
            }) else {
                return Some(None);
            };
            end
        }
    };
    Some(Some(end))
}

/// End of the piece starting at `start` (an ASCII byte), or `None` if the regex must decide.
fn ascii_piece_end(bytes: &[u8], start: usize, pattern: PiecePattern) -> AsciiMatch {
    if pattern == PiecePattern::Cl100k && bytes[start] == b'\'' {
        match contraction_len(bytes, start)? {
            0 => {}
            length => return Some(start + length),
        }
    }
    if let Some(end) = word_end(bytes, start, pattern) {
        return end;
    }
    match class(bytes[start]) {
        Class::Digit => {
            // `\p{N}{1,3}`: a non-ASCII digit could extend a run shorter than three.
            let mut end = start + 1;
            while end < start + 3 {
                match class_at(bytes, end) {
                    Some(Class::Digit) => end += 1,
                    Some(Class::NonAscii) => return None,
                    _ => break,
                }
            }
            Some(end)
        }
        // Punctuation always matches its own run; whitespace falls through to the `\s` rules.
        Class::Punct | Class::Space => {
            punctuation_end(bytes, start, pattern).unwrap_or_else(|| whitespace_end(bytes, start))
        }
        Class::Newline => whitespace_end(bytes, start),
        Class::Upper | Class::Lower | Class::NonAscii => {
            unreachable!("handled above or by the caller")
        }
    }
}

/// Iterator over the pieces of `text`.
pub(crate) struct Pieces<'a> {
    text: &'a str,
    position: usize,
    pattern: PiecePattern,
}

impl<'a> Pieces<'a> {
    pub(crate) fn new(text: &'a str, pattern: PiecePattern) -> Self {
        Self {
            text,
            position: 0,
            pattern,
        }
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.position;
        if start >= bytes.len() {
            return None;
        }
        let end = match bytes[start] < 0x80 {
            true => ascii_piece_end(bytes, start, self.pattern),
            false => None,
        };
        let end = end.unwrap_or_else(|| {
            // The patterns have no look-behind, so matching the suffix equals matching in place.
            start + PieceRegex::of(self.pattern).first_piece_len(&self.text[start..])
        });
        self.position = end;
        Some(&self.text[start..end])
    }
}

#[cfg(test)]
#[path = "pretokenizer_tests.rs"]
mod tests;
