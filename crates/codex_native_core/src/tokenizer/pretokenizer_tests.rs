//! The ASCII matcher must split exactly like the regex it shortcuts, piece by piece.

use super::{PiecePattern, Pieces};

const ALPHABET: &[&str] = &[
    "a", "z", "s", "t", "d", "m", "l", "r", "v", "e", "A", "Z", "S", "T", "L", "R", "E", "0", "5",
    "9", " ", " ", "\t", "\n", "\r", "\x0b", "\x0c", "'", "'", ".", "/", "!", "<", "|", "\x00",
    "\x1f", "\x7f", "é", "É", "ſ", "\u{301}", "ǅ", "ʰ", "٣", "²", "\u{a0}", "\u{85}", "\u{2028}",
    "\u{3000}", "中", "—", "🙂",
];

fn regex_pieces(tokenizer: &'static bpe_openai::Tokenizer, text: &str) -> Vec<String> {
    tokenizer.split(text).map(str::to_owned).collect()
}

fn fast_pieces(
    tokenizer: &'static bpe_openai::Tokenizer,
    pattern: PiecePattern,
    text: &str,
) -> Vec<String> {
    Pieces::new(text, pattern, tokenizer)
        .map(str::to_owned)
        .collect()
}

#[test]
fn ascii_matcher_splits_like_the_regex() {
    let encodings = [
        (PiecePattern::O200k, bpe_openai::o200k_base()),
        (PiecePattern::Cl100k, bpe_openai::cl100k_base()),
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as usize % bound
    };
    for (pattern, tokenizer) in encodings {
        for _ in 0..100_000 {
            let length = next(12);
            let text: String = (0..length)
                .map(|_| ALPHABET[next(ALPHABET.len())])
                .collect();
            assert_eq!(
                fast_pieces(tokenizer, pattern, &text),
                regex_pieces(tokenizer, &text),
                "{pattern:?} {text:?}"
            );
        }
    }
}

#[test]
fn every_ascii_pair_and_triple_splits_like_the_regex() {
    let encodings = [
        (PiecePattern::O200k, bpe_openai::o200k_base()),
        (PiecePattern::Cl100k, bpe_openai::cl100k_base()),
    ];
    for (pattern, tokenizer) in encodings {
        for first in 0u8..0x80 {
            for second in 0u8..0x80 {
                for third in ["", "s", "e", "L", " ", "\n", "é", "\u{a0}"] {
                    let text = format!("{}{}{third}", first as char, second as char);
                    assert_eq!(
                        fast_pieces(tokenizer, pattern, &text),
                        regex_pieces(tokenizer, &text),
                        "{pattern:?} {text:?}"
                    );
                }
            }
        }
    }
}
