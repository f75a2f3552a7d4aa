use napi_derive::napi;

use super::panic_guard::contain_panic;

/// Version of the native addon, used by the loader to detect a stale binary.
#[napi]
pub fn native_version() -> napi::Result<String> {
    contain_panic("nativeVersion", || Ok(env!("CARGO_PKG_VERSION").to_string()))
}
