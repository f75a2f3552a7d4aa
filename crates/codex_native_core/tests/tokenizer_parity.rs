//! Differential test against tiktoken-rs (the Rust core that Python tiktoken also runs) on
//! random text built from the characters that make pre-tokenization and BPE interesting.

use codex_native_core::tokenizer::{Encoding, Tokenizer};
use tiktoken_rs::CoreBPE;

/// Characters weighted towards regex edge cases: ASCII classes, contractions, every kind of
/// whitespace (incl. Unicode ones), non-ASCII letters/marks/digits, CJK, emoji and ZWJ, and the
/// pieces of special tokens.
const ALPHABET: &[&str] = &[
    "a",
    "b",
    "e",
    "s",
    "t",
    "l",
    "r",
    "v",
    "d",
    "m",
    "A",
    "S",
    "T",
    "L",
    "Z",
    "0",
    "1",
    "7",
    "9",
    " ",
    " ",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "'",
    "'",
    "\"",
    ".",
    ",",
    "!",
    "?",
    "/",
    "//",
    "(",
    ")",
    "{",
    "}",
    "<|",
    "|>",
    "_",
    "-",
    "#",
    "\x00",
    "\x7f",
    "é",
    "ß",
    "ſ",
    "İ",
    "ǅ",
    "ʰ",
    "\u{301}",
    "\u{94d}",
    "Ω",
    "Ж",
    "ж",
    "٣",
    "²",
    "Ⅻ",
    "\u{a0}",
    "\u{85}",
    "\u{2028}",
    "\u{3000}",
    "\u{200b}",
    "中",
    "文",
    "日本",
    "한",
    "。",
    "—",
    "€",
    "🙂",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "\u{fe0f}",
    "🇯🇵",
    "endoftext",
    "<|endoftext|>",
    "<|endofprompt|>",
    "<|fim_prefix|>",
    "don't",
    "I'M",
    "we've",
    "123456",
    "    ",
    "\n\n",
    "  \n  ",
];

/// xorshift64*: deterministic and dependency-free.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % bound
    }

    fn text(&mut self, max_parts: usize) -> String {
        let parts = self.below(max_parts + 1);
        (0..parts)
            .map(|_| ALPHABET[self.below(ALPHABET.len())])
            .collect()
    }
}

fn reference(encoding: Encoding) -> &'static CoreBPE {
    match encoding {
        Encoding::O200kBase => tiktoken_rs::o200k_base_singleton(),
        Encoding::Cl100kBase => tiktoken_rs::cl100k_base_singleton(),
    }
}

fn check(tokenizer: Tokenizer, reference: &CoreBPE, text: &str) {
    let ordinary = tokenizer.encode_ordinary(text);
    assert_eq!(
        ordinary,
        reference.encode_ordinary(text),
        "encode_ordinary {:?} {text:?}",
        tokenizer.encoding()
    );
    assert_eq!(tokenizer.count(text), ordinary.len(), "count {text:?}");
    let special = tokenizer.encode_with_special_tokens(text);
    assert_eq!(
        special,
        reference.encode_with_special_tokens(text),
        "with special {:?} {text:?}",
        tokenizer.encoding()
    );
    assert_eq!(tokenizer.decode(&ordinary).unwrap(), text);
    assert_eq!(tokenizer.decode(&special).unwrap(), text);
}

#[test]
fn random_text_matches_tiktoken() {
    for encoding in Encoding::ALL {
        let tokenizer = Tokenizer::new(encoding);
        let reference = reference(encoding);
        let mut random = Random(0x9e37_79b9_7f4a_7c15 ^ u64::from(encoding.id()));
        for _ in 0..20_000 {
            check(tokenizer, reference, &random.text(24));
        }
        for _ in 0..200 {
            check(tokenizer, reference, &random.text(600));
        }
    }
}

#[test]
fn random_code_points_match_tiktoken() {
    for encoding in Encoding::ALL {
        let tokenizer = Tokenizer::new(encoding);
        let reference = reference(encoding);
        let mut random = Random(0x1234_5678 + u64::from(encoding.id()));
        for _ in 0..5_000 {
            let length = random.below(16);
            let text: String = (0..length)
                .map(|_| {
                    // Mostly the BMP, some astral; skip surrogates (not chars).
                    let range = if random.below(4) == 0 {
                        0x11_0000
                    } else {
                        0x1_0000
                    };
                    char::from_u32(random.below(range) as u32).unwrap_or('\u{FFFD}')
                })
                .collect();
            check(tokenizer, reference, &text);
        }
    }
}

#[test]
fn long_uniform_runs_match_tiktoken() {
    for encoding in Encoding::ALL {
        let tokenizer = Tokenizer::new(encoding);
        let reference = reference(encoding);
        for unit in [
            " ", "\t", "\n", " \n", "a", "A", "1", "!", "🙂", "中", "\u{3000}", "ab ", "\r\n  ",
        ] {
            for repeat in [1, 2, 3, 7, 64, 1000] {
                check(tokenizer, reference, &unit.repeat(repeat));
                check(tokenizer, reference, &format!("x{}y", unit.repeat(repeat)));
            }
        }
    }
}
