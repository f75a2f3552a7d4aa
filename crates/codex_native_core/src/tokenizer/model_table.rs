//! Model name → encoding, the way Codex picks a tokenizer.
//!
//! codex-rs (`utils/tokenizer`, `Tokenizer::for_model`) asks tiktoken-rs' `get_tokenizer`,
//! which mirrors Python tiktoken 0.14 `tiktoken/model.py`: first an exact-name table, then a
//! prefix table, with `ft:<base>:...` fine-tune names resolved through their base model. The
//! tables below are that data restricted to the two encodings we ship, plus:
//! - `gpt-oss-*`: tiktoken says `o200k_harmony`, which is `o200k_base` plus chat-format special
//!   tokens; ordinary text encodes identically, so we answer `o200k_base`.
//! - `codex-*` (tiktoken-rs only knows `codex-mini`) and `o4-*`, `text-embedding-3-*` families.
//!
//! | models                                                        | encoding    |
//! |---------------------------------------------------------------|-------------|
//! | gpt-5*, gpt-4.5-*, gpt-4.1*, gpt-4o*, chatgpt-4o-*, o1*, o3*, o4-*, codex-*, gpt-oss-* | o200k_base |
//! | gpt-4, gpt-4-*, gpt-3.5(-turbo)*, gpt-35-turbo*, text-embedding-3-*, text-embedding-ada-002, davinci-002, babbage-002 | cl100k_base |
//!
//! Unlike codex-rs we do not silently fall back for unknown names: a typo in `model` would
//! otherwise give plausible but wrong counts. Callers that want the fallback omit `model`.

use super::encoding::Encoding;
use super::error::TokenizerError;

use Encoding::{Cl100kBase, O200kBase};

const MODEL_TO_ENCODING: &[(&str, Encoding)] = &[
    ("o1", O200kBase),
    ("o3", O200kBase),
    ("o4-mini", O200kBase),
    ("gpt-5", O200kBase),
    ("gpt-4.1", O200kBase),
    ("gpt-4o", O200kBase),
    ("gpt-4", Cl100kBase),
    ("gpt-3.5-turbo", Cl100kBase),
    ("gpt-3.5", Cl100kBase),
    ("gpt-35-turbo", Cl100kBase),
    ("davinci-002", Cl100kBase),
    ("babbage-002", Cl100kBase),
    ("text-embedding-ada-002", Cl100kBase),
    ("text-embedding-3-small", Cl100kBase),
    ("text-embedding-3-large", Cl100kBase),
];

const MODEL_PREFIX_TO_ENCODING: &[(&str, Encoding)] = &[
    ("o1-", O200kBase),
    ("o3-", O200kBase),
    ("o4-", O200kBase),
    ("gpt-5", O200kBase),
    ("gpt-4.5-", O200kBase),
    ("gpt-4.1-", O200kBase),
    ("chatgpt-4o-", O200kBase),
    ("gpt-4o-", O200kBase),
    ("gpt-oss-", O200kBase),
    ("codex-", O200kBase),
    ("gpt-4-", Cl100kBase),
    ("gpt-3.5-turbo-", Cl100kBase),
    ("gpt-35-turbo-", Cl100kBase),
    ("text-embedding-3-", Cl100kBase),
];

/// Names for the "unknown model" error: every prefix as `prefix*`, then exact names that no
/// prefix already covers.
pub(crate) fn known_model_names() -> Vec<String> {
    let prefixes = MODEL_PREFIX_TO_ENCODING
        .iter()
        .map(|(prefix, _)| format!("{prefix}*"));
    let exact = MODEL_TO_ENCODING
        .iter()
        .filter(|(name, _)| {
            !MODEL_PREFIX_TO_ENCODING
                .iter()
                .any(|(prefix, _)| name.starts_with(prefix))
        })
        .map(|(name, _)| (*name).to_owned());
    prefixes.chain(exact).collect()
}

/// The encoding Codex would use for `model`, or [`TokenizerError::UnknownModel`].
pub fn encoding_for_model(model: &str) -> Result<Encoding, TokenizerError> {
    lookup(model).ok_or_else(|| TokenizerError::UnknownModel {
        model: model.to_owned(),
    })
}

fn lookup(model: &str) -> Option<Encoding> {
    // Fine-tunes are named `ft:<base model>:<org>:<suffix>:<id>`.
    if let Some(rest) = model.strip_prefix("ft:") {
        return lookup(rest.split(':').next().unwrap_or(rest));
    }
    MODEL_TO_ENCODING
        .iter()
        .find(|(name, _)| *name == model)
        .or_else(|| {
            MODEL_PREFIX_TO_ENCODING
                .iter()
                .find(|(prefix, _)| model.starts_with(prefix))
        })
        .map(|(_, encoding)| *encoding)
}
