use napi::bindgen_prelude::Buffer;
use napi_derive::napi;

/// A downscaled image returned to JavaScript.
#[napi(object)]
pub struct BindingResizedImage {
    pub bytes: Buffer,
    pub mime: String,
    pub width: u32,
    pub height: u32,
}

/// Scales an encoded image down to fit `max_width`×`max_height`; `null` when it already fits.
#[napi]
pub fn resize_image_to_fit(bytes: Buffer, max_width: u32, max_height: u32) -> napi::Result<Option<BindingResizedImage>> {
    codex_native_core::image::resize_to_fit(&bytes, max_width, max_height)
        .map(|resized| {
            resized.map(|image| BindingResizedImage {
                bytes: image.bytes.into(),
                mime: image.mime.to_string(),
                width: image.width,
                height: image.height,
            })
        })
        .map_err(|error| napi::Error::new(napi::Status::InvalidArg, error.to_string()))
}
