//! Plain-Rust core of `@codex-native/sdk`. Everything here is testable with `cargo test`
//! without Node; the `codex_native` crate only converts types at the N-API boundary.

pub mod file_search;
pub mod image;
#[cfg(target_os = "linux")]
pub mod process_spawn;
pub mod reverie;
pub mod sandbox;
pub mod tokenizer;
