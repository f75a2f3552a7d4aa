//! Behaviour of the public tokenizer API. Expected ids come from Python tiktoken 0.14.

use codex_native_core::tokenizer::{
    encoding_for_model, resolve_encoding, token_ids_from_numbers, Encoding, Tokenizer,
    TokenizerError,
};

fn o200k() -> Tokenizer {
    Tokenizer::new(Encoding::O200kBase)
}

fn cl100k() -> Tokenizer {
    Tokenizer::new(Encoding::Cl100kBase)
}

#[test]
fn encodes_like_tiktoken() {
    assert_eq!(o200k().encode_ordinary("hello world"), vec![24912, 2375]);
    assert_eq!(cl100k().encode_ordinary("hello world"), vec![15339, 1917]);
    assert_eq!(
        o200k().encode_ordinary("I don't know, they'LL see"),
        vec![40, 4128, 1761, 11, 1023, 6, 7454, 1921]
    );
    assert_eq!(
        cl100k().encode_ordinary("I don't know, they'LL see"),
        vec![40, 1541, 956, 1440, 11, 814, 6, 4178, 1518]
    );
    assert_eq!(o200k().encode_ordinary(""), Vec::<u32>::new());
    assert_eq!(o200k().count(""), 0);
}

#[test]
fn special_tokens_are_text_unless_requested() {
    let text = "Hi<|endoftext|> there<|endofprompt|>";
    assert_eq!(
        o200k().encode_ordinary(text),
        vec![12194, 27, 91, 419, 1440, 919, 91, 29, 1354, 27, 91, 419, 1440, 82467, 91, 29]
    );
    assert_eq!(
        o200k().encode_with_special_tokens(text),
        vec![12194, 199_999, 1354, 200_018]
    );
    assert_eq!(
        cl100k().encode_with_special_tokens(text),
        vec![13347, 100_257, 1070, 100_276]
    );
    assert_eq!(
        o200k().count(text),
        16,
        "count never treats special tokens as special"
    );
    assert_eq!(
        cl100k().encode_with_special_tokens("<|fim_prefix|><|fim_middle|><|fim_suffix|>"),
        vec![100_258, 100_259, 100_260]
    );
    // cl100k's fill-in-the-middle markers are not special in o200k.
    assert!(o200k().encode_with_special_tokens("<|fim_prefix|>").len() > 1);
    // A lone opener or an unknown name stays text.
    assert_eq!(
        o200k().encode_with_special_tokens("<|<|nope|>"),
        o200k().encode_ordinary("<|<|nope|>")
    );
}

#[test]
fn decodes_special_and_ordinary_ids() {
    assert_eq!(
        o200k().decode(&[12194, 199_999, 1354, 200_018]).unwrap(),
        "Hi<|endoftext|> there<|endofprompt|>"
    );
    assert_eq!(
        cl100k().decode(&[100_258, 15339]).unwrap(),
        "<|fim_prefix|>hello"
    );
    assert_eq!(o200k().decode(&[]).unwrap(), "");
}

#[test]
fn decoding_a_split_character_replaces_it_like_tiktoken() {
    // cl100k encodes 🙂 (F0 9F 99 82) as [9468, 19044] = F0 9F | 99 82.
    let tokenizer = cl100k();
    assert_eq!(tokenizer.decode(&[9468, 19044]).unwrap(), "🙂");
    assert_eq!(tokenizer.decode(&[9468]).unwrap(), "\u{FFFD}");
    assert_eq!(tokenizer.decode(&[19044]).unwrap(), "\u{FFFD}\u{FFFD}");
    assert_eq!(
        tokenizer.decode(&[64, 9468, 9468]).unwrap(),
        "a\u{FFFD}\u{FFFD}"
    );
    assert_eq!(tokenizer.decode_bytes(&[9468]).unwrap(), vec![0xF0, 0x9F]);
}

#[test]
fn rejects_ids_outside_the_vocabulary() {
    // o200k has no token 199998; cl100k has none at 100256 or between its special tokens.
    for (tokenizer, id) in [
        (o200k(), 199_998),
        (o200k(), 200_019),
        (cl100k(), 100_256),
        (cl100k(), 100_261),
        (cl100k(), 100_277),
    ] {
        let error = tokenizer.decode(&[1, id]).unwrap_err();
        assert_eq!(
            error,
            TokenizerError::TokenOutOfRange {
                index: 1,
                id,
                encoding: tokenizer.encoding()
            }
        );
        assert!(
            error
                .to_string()
                .contains(&format!("token at index 1 is {id}")),
            "{error}"
        );
    }
}

#[test]
fn token_ids_from_numbers_accepts_only_u32_integers() {
    assert_eq!(
        token_ids_from_numbers(&[0.0, 42.0, 4_294_967_295.0]).unwrap(),
        vec![0, 42, u32::MAX]
    );
    for bad in [-1.0, 1.5, f64::NAN, f64::INFINITY, 4_294_967_296.0] {
        let error = token_ids_from_numbers(&[7.0, bad]).unwrap_err();
        assert!(
            matches!(error, TokenizerError::MalformedTokenId { index: 1, .. }),
            "{bad}: {error:?}"
        );
        assert!(
            error.to_string().starts_with("token at index 1 is "),
            "{error}"
        );
    }
}

#[test]
fn maps_models_like_codex() {
    let cases = [
        ("gpt-5", Encoding::O200kBase),
        ("gpt-5.1-codex-max", Encoding::O200kBase),
        ("gpt-5-mini", Encoding::O200kBase),
        ("gpt-4.1", Encoding::O200kBase),
        ("gpt-4.1-nano", Encoding::O200kBase),
        ("gpt-4o", Encoding::O200kBase),
        ("gpt-4o-2024-05-13", Encoding::O200kBase),
        ("chatgpt-4o-latest", Encoding::O200kBase),
        ("o1", Encoding::O200kBase),
        ("o3-mini", Encoding::O200kBase),
        ("o4-mini", Encoding::O200kBase),
        ("codex-mini-latest", Encoding::O200kBase),
        ("gpt-oss-120b", Encoding::O200kBase),
        ("ft:gpt-4o-mini:acme::abc123", Encoding::O200kBase),
        ("gpt-4", Encoding::Cl100kBase),
        ("gpt-4-0613", Encoding::Cl100kBase),
        ("gpt-4-turbo", Encoding::Cl100kBase),
        ("gpt-3.5-turbo-16k", Encoding::Cl100kBase),
        ("gpt-35-turbo", Encoding::Cl100kBase),
        ("text-embedding-3-small", Encoding::Cl100kBase),
        ("text-embedding-ada-002", Encoding::Cl100kBase),
        ("ft:gpt-3.5-turbo:acme::xyz", Encoding::Cl100kBase),
    ];
    for (model, expected) in cases {
        assert_eq!(encoding_for_model(model), Ok(expected), "{model}");
    }
}

#[test]
fn unknown_models_and_encodings_are_errors_that_list_the_choices() {
    for model in ["claude-3", "GPT-5", "text-davinci-003", "gpt2", ""] {
        let message = encoding_for_model(model).unwrap_err().to_string();
        assert!(message.contains(&format!("{model:?}")), "{message}");
        assert!(
            message.contains("gpt-5*") && message.contains("gpt-4o-*") && message.contains("gpt-4"),
            "{message}"
        );
        assert!(message.contains("o200k_base, cl100k_base"), "{message}");
    }
    let message = Encoding::from_name("p50k_base").unwrap_err().to_string();
    assert_eq!(
        message,
        "unknown tokenizer encoding \"p50k_base\"; valid encodings: o200k_base, cl100k_base"
    );
}

#[test]
fn resolution_prefers_encoding_then_model_then_default() {
    assert_eq!(
        resolve_encoding(Some("cl100k_base"), Some("gpt-5")),
        Ok(Encoding::Cl100kBase)
    );
    assert_eq!(
        resolve_encoding(None, Some("gpt-4")),
        Ok(Encoding::Cl100kBase)
    );
    assert_eq!(resolve_encoding(None, None), Ok(Encoding::O200kBase));
    assert!(
        resolve_encoding(Some("nope"), Some("gpt-5")).is_err(),
        "a bad explicit encoding is not ignored"
    );
}

#[test]
fn encoding_handles_round_trip() {
    for encoding in Encoding::ALL {
        assert_eq!(Encoding::from_id(encoding.id()), Some(encoding));
        assert_eq!(Encoding::from_name(encoding.name()), Ok(encoding));
    }
    assert_eq!(Encoding::from_id(2), None);
}
