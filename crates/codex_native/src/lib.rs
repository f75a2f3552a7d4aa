//! N-API surface of `@codex-native/sdk`. Module list only: each `binding/*.rs` file holds
//! `#[napi]` functions and type conversions; the work is done in `codex_native_core`.

mod binding;
