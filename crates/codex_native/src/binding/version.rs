use napi_derive::napi;

/// Version of the native addon, used by the loader to detect a stale binary.
#[napi]
pub fn native_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
