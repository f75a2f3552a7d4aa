//! Byte-pair tokenizer for OpenAI encodings (filled in by the tokenizer work).
