//! N-API conversions for the tokenizer; the logic is in `codex_native_core::tokenizer`.
//! Encodings cross the boundary as small numeric handles so hot calls convert no names.

use codex_native_core::tokenizer::{
    resolve_encoding, token_ids_from_numbers, Encoding, Tokenizer, TokenizerError,
};
use napi::bindgen_prelude::{Float64Array, Uint32Array, Uint32ArraySlice};
use napi::{Error, Result, Status};
use napi_derive::napi;

use super::panic_guard::contain_panic;

fn invalid_argument(error: TokenizerError) -> Error {
    Error::new(Status::InvalidArg, error.to_string())
}

fn tokenizer_for(encoding_id: u32) -> Result<Tokenizer> {
    Encoding::from_id(encoding_id)
        .map(Tokenizer::new)
        .ok_or_else(|| {
            Error::new(
                Status::InvalidArg,
                format!("unknown tokenizer encoding handle {encoding_id}"),
            )
        })
}

// A JS string has under 2^30 UTF-16 units, so under 2^32 UTF-8 bytes and tokens.
fn count_to_u32(count: usize) -> Result<u32> {
    u32::try_from(count).map_err(|_| Error::new(Status::GenericFailure, "token count exceeds 2^32"))
}

/// Resolves tokenizer options to an encoding handle: explicit encoding name, else model, else
/// o200k_base. Throws (code `InvalidArg`) for unknown names.
#[napi]
pub fn tokenizer_resolve_encoding(encoding: Option<String>, model: Option<String>) -> Result<u32> {
    contain_panic("tokenizerResolveEncoding", || {
        resolve_encoding(encoding.as_deref(), model.as_deref())
            .map(Encoding::id)
            .map_err(invalid_argument)
    })
}

/// Token count of `text` encoded as ordinary text.
#[napi]
pub fn tokenizer_count(text: String, encoding: u32) -> Result<u32> {
    contain_panic("tokenizerCount", || {
        let count = tokenizer_for(encoding)?.count(&text);
        count_to_u32(count)
    })
}

/// Token ids of `text`; with `withSpecialTokens`, special-token strings become their ids.
#[napi]
pub fn tokenizer_encode(
    text: String,
    encoding: u32,
    with_special_tokens: bool,
) -> Result<Uint32Array> {
    contain_panic("tokenizerEncode", || {
        let tokens = tokenizer_for(encoding)?.encode(&text, with_special_tokens);
        Ok(Uint32Array::new(tokens))
    })
}

/// Encodes like `tokenizerEncode` into the caller's reusable `output` buffer, which spares
/// short strings the cost of a fresh external ArrayBuffer. Returns the token count; when that
/// exceeds `output.length` nothing is written and the caller must use `tokenizerEncode`.
#[napi]
pub fn tokenizer_encode_into(
    text: String,
    encoding: u32,
    with_special_tokens: bool,
    mut output: Uint32ArraySlice,
) -> Result<u32> {
    contain_panic("tokenizerEncodeInto", || {
        let tokens = tokenizer_for(encoding)?.encode(&text, with_special_tokens);
        // SAFETY: the call runs synchronously on the JS thread, so nothing else touches the buffer.
        let output = unsafe { output.as_mut() };
        if let Some(destination) = output.get_mut(..tokens.len()) {
            destination.copy_from_slice(&tokens);
        }
        count_to_u32(tokens.len())
    })
}

/// Text of `tokens` (JavaScript numbers, validated here); invalid UTF-8 becomes U+FFFD.
#[napi]
pub fn tokenizer_decode(tokens: Float64Array, encoding: u32) -> Result<String> {
    contain_panic("tokenizerDecode", || {
        let tokenizer = tokenizer_for(encoding)?;
        let ids = token_ids_from_numbers(&tokens).map_err(invalid_argument)?;
        tokenizer.decode(&ids).map_err(invalid_argument)
    })
}
