//! Image downscaling for model input. Codex sends local images no larger than 2048×768; bigger
//! ones are scaled down (aspect ratio kept) and re-encoded, PNG and JPEG in their own format,
//! GIF and WebP as PNG.

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader};
use std::io::Cursor;

/// An encoded image and its MIME type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedImage {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("unsupported or corrupt image: {0}")]
    Decode(String),
    #[error("cannot encode the resized image: {0}")]
    Encode(String),
}

/// Width and height of an encoded image, read from its header only.
pub fn image_dimensions(bytes: &[u8]) -> Result<(u32, u32), ImageError> {
    ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| ImageError::Decode(error.to_string()))?
        .into_dimensions()
        .map_err(|error| ImageError::Decode(error.to_string()))
}

/// Returns `None` when the image already fits `max_width`×`max_height`, otherwise the scaled-down
/// re-encoded image.
pub fn resize_to_fit(bytes: &[u8], max_width: u32, max_height: u32) -> Result<Option<EncodedImage>, ImageError> {
    let (width, height) = image_dimensions(bytes)?;
    if width <= max_width && height <= max_height {
        return Ok(None);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| ImageError::Decode(error.to_string()))?;
    let format = reader.format();
    let decoded = reader.decode().map_err(|error| ImageError::Decode(error.to_string()))?;
    // `resize` keeps the aspect ratio and fits inside the box.
    let resized = decoded.resize(max_width, max_height, FilterType::Triangle);
    let (bytes, mime) = match format {
        Some(ImageFormat::Jpeg) => (encode_jpeg(&resized)?, "image/jpeg"),
        _ => (encode_png(&resized)?, "image/png"),
    };
    Ok(Some(EncodedImage { bytes, mime, width: resized.width(), height: resized.height() }))
}

fn encode_png(image: &DynamicImage) -> Result<Vec<u8>, ImageError> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, ImageFormat::Png).map_err(|error| ImageError::Encode(error.to_string()))?;
    Ok(out.into_inner())
}

fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::new();
    // JPEG has no alpha channel; drop it before encoding.
    let rgb = image.to_rgb8();
    JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&rgb)
        .map_err(|error| ImageError::Encode(error.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_pixel(width, height, Rgb([10, 200, 30]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(image).write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn small_images_are_left_alone() {
        assert_eq!(resize_to_fit(&png(100, 50), 2048, 768).unwrap(), None);
    }

    #[test]
    fn large_images_shrink_to_fit_and_keep_aspect_ratio() {
        let resized = resize_to_fit(&png(4096, 1024), 2048, 768).unwrap().unwrap();
        assert_eq!((resized.width, resized.height), (2048, 512));
        assert_eq!(resized.mime, "image/png");
        assert_eq!(image_dimensions(&resized.bytes).unwrap(), (2048, 512));
    }

    #[test]
    fn tall_images_are_bounded_by_height() {
        let resized = resize_to_fit(&png(1000, 3000), 2048, 768).unwrap().unwrap();
        assert_eq!((resized.width, resized.height), (256, 768));
    }

    #[test]
    fn garbage_is_a_decode_error() {
        assert!(matches!(resize_to_fit(b"not an image", 10, 10), Err(ImageError::Decode(_))));
    }
}
