//! Byte-pair tokenizer for OpenAI encodings, token-for-token identical to tiktoken.
//!
//! OpenAI's vocabularies compiled into the binary (compressed, parsed on first use), tiktoken's
//! pre-tokenizer regexes and byte-pair merge, tiktoken's special-token handling, and Codex's
//! model → encoding table.

mod bpe_tokenizer;
mod byte_pair_merge;
mod encoding;
mod error;
mod model_table;
mod piece_regex;
mod pretokenizer;
mod special_tokens;
mod vocabulary;

pub use bpe_tokenizer::{token_ids_from_numbers, Tokenizer};
pub use encoding::Encoding;
pub use error::TokenizerError;
pub use model_table::encoding_for_model;

/// The encoding for a request: an explicit `encoding` name wins, else `model` is looked up in
/// the model table, else [`Encoding::DEFAULT`] (Codex's fallback).
pub fn resolve_encoding(
    encoding: Option<&str>,
    model: Option<&str>,
) -> Result<Encoding, TokenizerError> {
    match (encoding, model) {
        (Some(name), _) => Encoding::from_name(name),
        (None, Some(model)) => encoding_for_model(model),
        (None, None) => Ok(Encoding::DEFAULT),
    }
}
