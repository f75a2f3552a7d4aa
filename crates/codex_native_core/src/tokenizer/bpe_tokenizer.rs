//! Encoding and decoding with tiktoken's byte-pair merge over OpenAI's vocabularies.

use super::byte_pair_merge::{count_piece, encode_piece};
use super::encoding::Encoding;
use super::error::TokenizerError;
use super::pretokenizer::{PiecePattern, Pieces};
use super::special_tokens::{Segment, SpecialTokenSplit};
use super::vocabulary::Vocabulary;

/// A tokenizer for one [`Encoding`]. Cheap to copy: the vocabularies are process-wide statics,
/// loaded on first use.
#[derive(Clone, Copy)]
pub struct Tokenizer {
    encoding: Encoding,
    vocabulary: &'static Vocabulary,
}

impl Tokenizer {
    /// The tokenizer for `encoding`. The first call per encoding parses its vocabulary.
    pub fn new(encoding: Encoding) -> Self {
        Self {
            encoding,
            vocabulary: Vocabulary::of(encoding),
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Number of tokens of `text` encoded as ordinary text (what Codex counts).
    pub fn count(&self, text: &str) -> usize {
        self.pieces(text)
            .map(|piece| match self.vocabulary.rank(piece.as_bytes()) {
                // Most pieces (words with their leading space, short numbers) are one token;
                // tiktoken takes the same shortcut, so output is unchanged.
                Some(_) => 1,
                None => count_piece(self.vocabulary, piece.as_bytes()),
            })
            .sum()
    }

    /// [`Self::encode_with_special_tokens`] or [`Self::encode_ordinary`].
    pub fn encode(&self, text: &str, with_special_tokens: bool) -> Vec<u32> {
        match with_special_tokens {
            true => self.encode_with_special_tokens(text),
            false => self.encode_ordinary(text),
        }
    }

    /// tiktoken's `encode_ordinary`: special-token strings are encoded as plain text.
    pub fn encode_ordinary(&self, text: &str) -> Vec<u32> {
        let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
        self.encode_ordinary_into(text, &mut tokens);
        tokens
    }

    /// tiktoken's `encode(text, allowed_special="all")`: special-token strings become their ids
    /// and the text between them is encoded separately, exactly as tiktoken splits it.
    pub fn encode_with_special_tokens(&self, text: &str) -> Vec<u32> {
        let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
        for segment in SpecialTokenSplit::new(text, self.encoding.special_tokens()) {
            match segment {
                Segment::Text(text) => self.encode_ordinary_into(text, &mut tokens),
                Segment::Special(id) => tokens.push(id),
            }
        }
        tokens
    }

    fn encode_ordinary_into(&self, text: &str, tokens: &mut Vec<u32>) {
        for piece in self.pieces(text) {
            match self.vocabulary.rank(piece.as_bytes()) {
                Some(id) => tokens.push(id),
                None => encode_piece(self.vocabulary, piece.as_bytes(), tokens),
            }
        }
    }

    fn pieces<'a>(&self, text: &'a str) -> Pieces<'a> {
        let pattern = match self.encoding {
            Encoding::O200kBase => PiecePattern::O200k,
            Encoding::Cl100kBase => PiecePattern::Cl100k,
        };
        Pieces::new(text, pattern)
    }

    /// The bytes of `tokens`, special tokens included. Fails on the first id that the encoding
    /// does not define.
    pub fn decode_bytes(&self, tokens: &[u32]) -> Result<Vec<u8>, TokenizerError> {
        let mut bytes = Vec::with_capacity(tokens.len() * 4);
        for (index, &id) in tokens.iter().enumerate() {
            if let Some(token) = self.vocabulary.token_bytes(id) {
                bytes.extend_from_slice(token);
            } else if let Some(text) = self.encoding.special_token_text(id) {
                bytes.extend_from_slice(text.as_bytes());
            } else {
                return Err(TokenizerError::TokenOutOfRange {
                    index,
                    id,
                    encoding: self.encoding,
                });
            }
        }
        Ok(bytes)
    }

    /// Like tiktoken's `decode` (`errors="replace"`): byte sequences that are not valid UTF-8,
    /// e.g. a multi-byte character split across the end of `tokens`, become U+FFFD.
    pub fn decode(&self, tokens: &[u32]) -> Result<String, TokenizerError> {
        let bytes = self.decode_bytes(tokens)?;
        Ok(match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
        })
    }
}

/// Token ids as JavaScript numbers → `u32`, rejecting anything that is not an integer in
/// `0..=u32::MAX` (negative, fractional, NaN, infinite).
pub fn token_ids_from_numbers(numbers: &[f64]) -> Result<Vec<u32>, TokenizerError> {
    numbers
        .iter()
        .enumerate()
        .map(|(index, &value)| {
            if value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value) {
                Ok(value as u32)
            } else {
                Err(TokenizerError::MalformedTokenId { index, value })
            }
        })
        .collect()
}
