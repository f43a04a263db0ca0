//! Raw deflate (RFC 1951) through the browser's own compression streams, for account links.
//!
//! Every browser the app supports has `CompressionStream`; a deflate library compiled into
//! the app was 12.5 KB of the gzipped download. The link format is the same either way, so
//! links made before keep opening.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ReadableStream, ReadableStreamDefaultReader, WritableStream};

// web-sys has these two only behind its unstable-API flag; they are plain constructors.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    /// What both are: a side to write the input to and a side to read the output from.
    type Transform;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &Transform) -> WritableStream;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &Transform) -> ReadableStream;
}

/// The input goes into the stream this many bytes at a time. The browser unpacks each piece
/// whole before handing any of it on, and deflate unpacks at most about 1 : 1032, so past
/// the limit it unpacks at most about half a megabyte more before reading stops.
const INPUT_PIECE: usize = 512;

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
    transform: &Transform,
    limit: usize,
) -> Result<Vec<u8>, StreamError> {
    let invalid = |_| StreamError::Invalid;
    let writer = transform.writable().get_writer().map_err(invalid)?;
    let reader: ReadableStreamDefaultReader = transform.readable().get_reader().unchecked_into();
    // Written piece by piece from a task of its own while the output is read below: the
    // stream takes the next piece only once the output so far has been read. Once reading
    // stops, on an error or at the limit, the writes fail and the task ends.
    let input = bytes.to_vec();
    spawn_local(async move {
        for piece in input.chunks(INPUT_PIECE) {
            let written = writer.write_with_chunk(&Uint8Array::from(piece));
            if JsFuture::from(written).await.is_err() {
                return;
            }
        }
        let _ = JsFuture::from(writer.close()).await;
    });
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
            // Stops the browser's work on the rest. Awaited so that a stream that has failed
            // meanwhile, which refuses the cancel, leaves no unhandled rejection behind.
            let _ = JsFuture::from(reader.cancel()).await;
            return Err(StreamError::TooLarge);
        }
        out.resize(start + len, 0);
        chunk.copy_to(&mut out[start..]);
    }
}
