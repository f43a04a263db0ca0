//! Raw deflate (RFC 1951) through the browser's own compression streams, for account links.
//!
//! Every browser the app supports has `CompressionStream`; a deflate library compiled into
//! the app was 15 KB of the gzipped download (a twentieth of it). The link format is the same
//! either way, so links made before keep opening.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair};

// web-sys has these two only behind its unstable-API flag; they are plain constructors.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// Why bytes could not be passed through a stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamError {
    /// The browser has no compression streams.
    Unsupported,
    /// The input is not valid deflate data (or the browser failed).
    Invalid,
    /// The output would be longer than the limit; reading stopped there.
    TooLarge,
}

/// `bytes`, deflated.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, StreamError> {
    let transform = CompressionStream::new("deflate-raw").map_err(|_| StreamError::Unsupported)?;
    through(bytes, transform.unchecked_ref(), usize::MAX).await
}

/// `bytes` inflated, refused once the result would pass `limit` bytes, so that a small
/// crafted link cannot make the browser unpack gigabytes.
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, StreamError> {
    let transform =
        DecompressionStream::new("deflate-raw").map_err(|_| StreamError::Unsupported)?;
    through(bytes, transform.unchecked_ref(), limit).await
}

async fn through(
    bytes: &[u8],
    transform: &ReadableWritablePair,
    limit: usize,
) -> Result<Vec<u8>, StreamError> {
    let invalid = |_| StreamError::Invalid;
    let blob =
        Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes))).map_err(invalid)?;
    let stream: ReadableStream = blob.stream().pipe_through(transform);
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(invalid)?;
        if Reflect::get(&step, &"done".into())
            .map_err(invalid)?
            .is_truthy()
        {
            return Ok(out);
        }
        let chunk: Uint8Array = Reflect::get(&step, &"value".into())
            .map_err(invalid)?
            .unchecked_into();
        let start = out.len();
        let len = chunk.length() as usize;
        if start + len > limit {
            // Stops the browser's work on the rest; the outcome no longer matters.
            let _ = reader.cancel();
            return Err(StreamError::TooLarge);
        }
        out.resize(start + len, 0);
        chunk.copy_to(&mut out[start..]);
    }
}
