//! Failures a caller can cause; everything else in the tokenizer is infallible.

use std::fmt;

use super::encoding::Encoding;
use super::model_table::known_model_names;

/// Why a tokenizer request was rejected. Every variant is the caller's fault (bad name, bad id),
/// so the binding layer reports them all as invalid-argument errors.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenizerError {
    /// An encoding name that is not one of [`Encoding::ALL`].
    UnknownEncoding { name: String },
    /// A model name that no entry of the model table covers.
    UnknownModel { model: String },
    /// A token id that is negative, fractional, NaN or beyond `u32`.
    MalformedTokenId { index: usize, value: f64 },
    /// A well-formed id that the encoding does not assign to any token.
    TokenOutOfRange {
        index: usize,
        id: u32,
        encoding: Encoding,
    },
}

fn encoding_list() -> String {
    Encoding::ALL
        .iter()
        .map(|encoding| encoding.name())
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for TokenizerError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownEncoding { name } => write!(
                formatter,
                "unknown tokenizer encoding {name:?}; valid encodings: {}",
                encoding_list()
            ),
            Self::UnknownModel { model } => write!(
                formatter,
                "cannot choose a tokenizer encoding for model {model:?}; known model prefixes: {}; \
                 or pass an explicit encoding ({})",
                known_model_names().join(", "),
                encoding_list()
            ),
            Self::MalformedTokenId { index, value } => write!(
                formatter,
                "token at index {index} is {value}, but token ids are integers from 0 to 4294967295"
            ),
            Self::TokenOutOfRange {
                index,
                id,
                encoding,
            } => write!(
                formatter,
                "token at index {index} is {id}, which is not a token of {}",
                encoding.name()
            ),
        }
    }
}

impl std::error::Error for TokenizerError {}
