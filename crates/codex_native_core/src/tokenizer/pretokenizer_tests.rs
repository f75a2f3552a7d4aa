//! The ASCII matcher must split exactly like the regex it shortcuts, piece by piece.

use super::super::piece_regex::PieceRegex;
use super::{PiecePattern, Pieces};

const ALPHABET: &[&str] = &[
    "a", "z", "s", "t", "d", "m", "l", "r", "v", "e", "A", "Z", "S", "T", "L", "R", "E", "0", "5",
    "9", " ", " ", "\t", "\n", "\r", "\x0b", "\x0c", "'", "'", ".", "/", "!", "<", "|", "\x00",
    "\x1f", "\x7f", "é", "É", "ſ", "\u{301}", "ǅ", "ʰ", "٣", "²", "\u{a0}", "\u{85}", "\u{2028}",
    "\u{3000}", "中", "—", "🙂",
];

/// Pieces found by the regex alone.
fn regex_pieces(pattern: PiecePattern, text: &str) -> Vec<String> {
    let regex = PieceRegex::of(pattern);
    let mut pieces = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (piece, after) = rest.split_at(regex.first_piece_len(rest));
        pieces.push(piece.to_owned());
        rest = after;
    }
    pieces
}

/// Pieces found by the ASCII fast path, falling back to the regex.
fn fast_pieces(pattern: PiecePattern, text: &str) -> Vec<String> {
    Pieces::new(text, pattern).map(str::to_owned).collect()
}

#[test]
fn ascii_matcher_splits_like_the_regex() {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as usize % bound
    };
    for pattern in [PiecePattern::O200k, PiecePattern::Cl100k] {
        for _ in 0..100_000 {
            let length = next(12);
            let text: String = (0..length)
                .map(|_| ALPHABET[next(ALPHABET.len())])
                .collect();
            assert_eq!(
                fast_pieces(pattern, &text),
                regex_pieces(pattern, &text),
                "{pattern:?} {text:?}"
            );
        }
    }
}

#[test]
fn every_ascii_pair_and_triple_splits_like_the_regex() {
    for pattern in [PiecePattern::O200k, PiecePattern::Cl100k] {
        for first in 0u8..0x80 {
            for second in 0u8..0x80 {
                for third in ["", "s", "e", "L", " ", "\n", "é", "\u{a0}"] {
                    let text = format!("{}{}{third}", first as char, second as char);
                    assert_eq!(
                        fast_pieces(pattern, &text),
                        regex_pieces(pattern, &text),
                        "{pattern:?} {text:?}"
                    );
                }
            }
        }
    }
}
