//! Keeps a Rust panic from aborting Node: every `#[napi]` entry point runs its body through
//! [`contain_panic`], which turns the panic into a JS error that the TypeScript side recognises
//! by [`PANIC_MESSAGE_PREFIX`] and rethrows as `NativeBindingError`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Error, Result, Status, Task};
use napi_derive::napi;

/// Start of the message of every error made from a panic (kept in sync with src/native/index.ts).
pub const PANIC_MESSAGE_PREFIX: &str = "codex-native panicked";

/// Runs `body`; a panic becomes an error naming `entry_point` and the panic message.
pub fn contain_panic<T>(entry_point: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "non-string panic payload".to_owned());
        Err(Error::new(
            Status::GenericFailure,
            format!("{PANIC_MESSAGE_PREFIX} in {entry_point}: {message}"),
        ))
    })
}

/// Test hook: panics on purpose so the test suite can check that a panic becomes a JS error
/// instead of aborting the process. Not part of the SDK's API.
#[napi(js_name = "__testOnlyPanic")]
pub fn test_only_panic(message: String) -> Result<()> {
    contain_panic("__testOnlyPanic", || panic!("{message}"))
}

pub struct TestOnlyPanicTask(String);

impl Task for TestOnlyPanicTask {
    type Output = ();
    type JsValue = ();

    fn compute(&mut self) -> Result<()> {
        let message = self.0.clone();
        contain_panic("__testOnlyPanicAsync", || panic!("{message}"))
    }

    fn resolve(&mut self, _env: Env, _output: ()) -> Result<()> {
        Ok(())
    }
}

/// Test hook: like `__testOnlyPanic`, panicking on libuv's thread pool.
#[napi(js_name = "__testOnlyPanicAsync", ts_return_type = "Promise<void>")]
pub fn test_only_panic_async(message: String) -> AsyncTask<TestOnlyPanicTask> {
    AsyncTask::new(TestOnlyPanicTask(message))
}
