//! tiktoken's `pat_str` regexes, for the pieces the ASCII fast path in `pretokenizer` leaves to
//! a regex. `\s+(?!\S)` needs look-ahead, which `regex-automata` lacks; as in GitHub's
//! `bpe-openai` (MIT), it is rewritten as `\s+\s` and the extra character dropped from the
//! match, which gives the same pieces.

use std::sync::LazyLock;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

use super::pretokenizer::PiecePattern;

/// A pretokenizer regex split into alternatives; `lookahead[i]` marks the alternative whose
/// last matched character is the look-ahead and not part of the piece.
pub(crate) struct PieceRegex {
    regex: Regex,
    lookahead: [bool; 3],
}

const O200K_WORDS: &str = concat!(
    r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
    r"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
    r"|\p{N}{1,3}",
    r"| ?[^\s\p{L}\p{N}]+[\r\n/]*",
    r"|\s*[\r\n]+",
    r"|\s+$",
);
const CL100K_WORDS: &str = concat!(
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}",
    r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+$",
);

static O200K: LazyLock<PieceRegex> = LazyLock::new(|| PieceRegex::new(O200K_WORDS));
static CL100K: LazyLock<PieceRegex> = LazyLock::new(|| PieceRegex::new(CL100K_WORDS));

impl PieceRegex {
    fn new(words: &str) -> Self {
        let regex = Regex::new_many(&[words, r"\s+\s", r"\s+"]).expect("valid pretokenizer regex");
        Self {
            regex,
            lookahead: [false, true, false],
        }
    }

    /// The regex of `pattern`, compiled on first use.
    pub(crate) fn of(pattern: PiecePattern) -> &'static PieceRegex {
        match pattern {
            PiecePattern::O200k => &O200K,
            PiecePattern::Cl100k => &CL100K,
        }
    }

    /// Length in bytes of the piece at the start of `text` (non-empty).
    pub(crate) fn first_piece_len(&self, text: &str) -> usize {
        let found = self
            .regex
            .find(Input::new(text).anchored(Anchored::Yes))
            .expect("the patterns match any character");
        let mut end = found.end();
        if self.lookahead[found.pattern().as_usize()] {
            let last = text[..end].chars().next_back().expect("a look-ahead character");
            end -= last.len_utf8();
        }
        end
    }
}
