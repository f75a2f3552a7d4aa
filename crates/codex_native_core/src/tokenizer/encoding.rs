//! The encodings we ship and their special tokens.

use super::error::TokenizerError;

/// A byte-pair encoding supported by the tokenizer. Both are bundled in the binary (no download).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// GPT-4o / GPT-4.1 / GPT-5 / o-series / Codex models; Codex's fallback.
    O200kBase,
    /// GPT-4, GPT-3.5-turbo and the text-embedding-3 models.
    Cl100kBase,
}

// Special tokens exactly as tiktoken 0.14 (`tiktoken_ext/openai_public.py`) defines them.
const O200K_SPECIAL_TOKENS: &[(&str, u32)] =
    &[("<|endoftext|>", 199_999), ("<|endofprompt|>", 200_018)];
const CL100K_SPECIAL_TOKENS: &[(&str, u32)] = &[
    ("<|endoftext|>", 100_257),
    ("<|fim_prefix|>", 100_258),
    ("<|fim_middle|>", 100_259),
    ("<|fim_suffix|>", 100_260),
    ("<|endofprompt|>", 100_276),
];

impl Encoding {
    /// Every supported encoding, in the order error messages list them.
    pub const ALL: [Encoding; 2] = [Encoding::O200kBase, Encoding::Cl100kBase];

    /// What Codex uses when it has no better information.
    pub const DEFAULT: Encoding = Encoding::O200kBase;

    /// The tiktoken name, e.g. `o200k_base`.
    pub fn name(self) -> &'static str {
        match self {
            Self::O200kBase => "o200k_base",
            Self::Cl100kBase => "cl100k_base",
        }
    }

    /// Parses a tiktoken encoding name (exact, case-sensitive like tiktoken's `get_encoding`).
    pub fn from_name(name: &str) -> Result<Self, TokenizerError> {
        Self::ALL
            .into_iter()
            .find(|encoding| encoding.name() == name)
            .ok_or_else(|| TokenizerError::UnknownEncoding {
                name: name.to_owned(),
            })
    }

    /// Small stable number used as a handle across the N-API boundary (cheaper than a string).
    pub fn id(self) -> u32 {
        match self {
            Self::O200kBase => 0,
            Self::Cl100kBase => 1,
        }
    }

    /// Inverse of [`Encoding::id`].
    pub fn from_id(id: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|encoding| encoding.id() == id)
    }

    /// Special token strings and their ids, none a prefix of another.
    pub fn special_tokens(self) -> &'static [(&'static str, u32)] {
        match self {
            Self::O200kBase => O200K_SPECIAL_TOKENS,
            Self::Cl100kBase => CL100K_SPECIAL_TOKENS,
        }
    }

    /// The text of special token `id`, if `id` is one.
    pub fn special_token_text(self, id: u32) -> Option<&'static str> {
        self.special_tokens()
            .iter()
            .find(|(_, special_id)| *special_id == id)
            .map(|(text, _)| *text)
    }
}
