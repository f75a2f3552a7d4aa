//! Encoding and decoding on top of GitHub's `bpe-openai` (same output as tiktoken, faster).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::encoding::Encoding;
use super::error::TokenizerError;
use super::pretokenizer::{PiecePattern, Pieces};
use super::special_tokens::{Segment, SpecialTokenSplit};

/// A tokenizer for one [`Encoding`]. Cheap to copy: the vocabularies are process-wide statics,
/// loaded on first use.
#[derive(Clone, Copy)]
pub struct Tokenizer {
    encoding: Encoding,
    inner: &'static bpe_openai::Tokenizer,
    whole_pieces: &'static WholePieces,
}

/// Token id of every vocabulary entry by its bytes. Most pre-tokenized pieces (words with their
/// leading space, short numbers) are a single token; looking them up skips the BPE encoder and
/// its two allocations per piece. tiktoken takes the same shortcut, so output is unchanged.
type WholePieces = FxHashMap<&'static [u8], u32>;

fn whole_pieces(tokenizer: &'static bpe_openai::Tokenizer) -> WholePieces {
    let bpe = &tokenizer.bpe;
    let count = bpe.num_tokens();
    let mut map = FxHashMap::with_capacity_and_hasher(count, Default::default());
    for id in 0..count as u32 {
        map.insert(bpe.token_bytes(id), id);
    }
    map
}

static O200K_WHOLE_PIECES: LazyLock<WholePieces> =
    LazyLock::new(|| whole_pieces(bpe_openai::o200k_base()));
static CL100K_WHOLE_PIECES: LazyLock<WholePieces> =
    LazyLock::new(|| whole_pieces(bpe_openai::cl100k_base()));

impl Tokenizer {
    /// The tokenizer for `encoding`. The first call per encoding deserializes its vocabulary.
    pub fn new(encoding: Encoding) -> Self {
        let (inner, whole_pieces) = match encoding {
            Encoding::O200kBase => (bpe_openai::o200k_base(), &*O200K_WHOLE_PIECES),
            Encoding::Cl100kBase => (bpe_openai::cl100k_base(), &*CL100K_WHOLE_PIECES),
        };
        Self {
            encoding,
            inner,
            whole_pieces,
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Number of tokens of `text` encoded as ordinary text (what Codex counts).
    pub fn count(&self, text: &str) -> usize {
        self.pieces(text)
            .map(
                |piece| match self.whole_pieces.contains_key(piece.as_bytes()) {
                    true => 1,
                    false => self.inner.bpe.count(piece.as_bytes()),
                },
            )
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
            match self.whole_pieces.get(piece.as_bytes()) {
                Some(&id) => tokens.push(id),
                None => tokens.extend(self.inner.bpe.encode_via_backtracking(piece.as_bytes())),
            }
        }
    }

    fn pieces<'a>(&self, text: &'a str) -> Pieces<'a> {
        let pattern = match self.encoding {
            Encoding::O200kBase => PiecePattern::O200k,
            Encoding::Cl100kBase => PiecePattern::Cl100k,
        };
        Pieces::new(text, pattern, self.inner)
    }

    /// The bytes of `tokens`, special tokens included. Fails on the first id that the encoding
    /// does not define.
    pub fn decode_bytes(&self, tokens: &[u32]) -> Result<Vec<u8>, TokenizerError> {
        let ordinary_count = self.inner.bpe.num_tokens();
        let mut bytes = Vec::with_capacity(tokens.len() * 4);
        for (index, &id) in tokens.iter().enumerate() {
            if (id as usize) < ordinary_count {
                bytes.extend_from_slice(self.inner.bpe.token_bytes(id));
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
