//! N-API surface of `codex_native_core::image`. Decoding and resizing a large image takes
//! hundreds of milliseconds, so JavaScript calls the async entry point, which runs on libuv's
//! thread pool; the sync one shares the same `_impl`.

use codex_native_core::image::{resize_to_fit, EncodedImage};
use napi::bindgen_prelude::{AsyncTask, Buffer};
use napi::{Env, Error, Result, Status, Task};
use napi_derive::napi;

use super::panic_guard::contain_panic;

/// A downscaled image returned to JavaScript.
#[napi(object)]
pub struct BindingResizedImage {
    pub bytes: Buffer,
    pub mime: String,
    pub width: u32,
    pub height: u32,
}

fn resize_image_to_fit_impl(
    bytes: &[u8],
    max_width: u32,
    max_height: u32,
) -> Result<Option<EncodedImage>> {
    resize_to_fit(bytes, max_width, max_height)
        .map_err(|error| Error::new(Status::InvalidArg, error.to_string()))
}

fn to_binding(image: Option<EncodedImage>) -> Option<BindingResizedImage> {
    image.map(|image| BindingResizedImage {
        bytes: image.bytes.into(),
        mime: image.mime.to_string(),
        width: image.width,
        height: image.height,
    })
}

/// Scales an encoded image down to fit `max_width`×`max_height`; `null` when it already fits.
/// Blocks the calling thread; prefer `resizeImageToFitAsync`.
#[napi]
pub fn resize_image_to_fit(
    bytes: Buffer,
    max_width: u32,
    max_height: u32,
) -> Result<Option<BindingResizedImage>> {
    contain_panic("resizeImageToFit", || {
        resize_image_to_fit_impl(&bytes, max_width, max_height).map(to_binding)
    })
}

pub struct ResizeImageTask {
    bytes: Buffer,
    max_width: u32,
    max_height: u32,
}

impl Task for ResizeImageTask {
    type Output = Option<EncodedImage>;
    type JsValue = Option<BindingResizedImage>;

    fn compute(&mut self) -> Result<Self::Output> {
        contain_panic("resizeImageToFitAsync", || {
            resize_image_to_fit_impl(&self.bytes, self.max_width, self.max_height)
        })
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        contain_panic("resizeImageToFitAsync", || Ok(to_binding(output)))
    }
}

/// Like `resizeImageToFit`, decoding and resizing on libuv's thread pool.
#[napi(ts_return_type = "Promise<BindingResizedImage | null>")]
pub fn resize_image_to_fit_async(
    bytes: Buffer,
    max_width: u32,
    max_height: u32,
) -> AsyncTask<ResizeImageTask> {
    AsyncTask::new(ResizeImageTask {
        bytes,
        max_width,
        max_height,
    })
}
