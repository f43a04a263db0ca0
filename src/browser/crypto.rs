//! Passphrase encryption for share links, through the browser's Web Crypto API: a key derived
//! from the passphrase with PBKDF2 (SHA-256), then AES-GCM, which also detects any change to
//! the ciphertext. Nothing of the key goes into the link; only the random salt and IV, and the
//! PBKDF2 round count, do.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

use crate::domain::share::{Locked, IV_LEN, MAX_PBKDF2_ITERATIONS, PBKDF2_ITERATIONS, SALT_LEN};

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| "This browser offers no encryption (Web Crypto is unavailable).".to_string())
}

async fn key(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, JsValue> {
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base = JsFuture::from(subtle.import_key_with_str(
        "raw",
        &raw,
        "PBKDF2",
        false,
        &Array::of1(&"deriveKey".into()),
    )?)
    .await?;
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = JsFuture::from(subtle.derive_key_with_object_and_object(
        &params,
        &base.unchecked_into(),
        &AesDerivedKeyParams::new("AES-GCM", 256),
        false,
        &usages,
    )?)
    .await?;
    Ok(key.unchecked_into())
}

/// Encrypts `plain` under a key derived from `passphrase`, with fresh random salt and IV.
pub async fn lock(passphrase: &str, plain: &[u8]) -> Result<Locked, String> {
    let crypto = crypto()?;
    let (mut salt, mut iv) = (vec![0u8; SALT_LEN], vec![0u8; IV_LEN]);
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .map_err(|_| "No random numbers available.")?;
    crypto
        .get_random_values_with_u8_array(&mut iv)
        .map_err(|_| "No random numbers available.")?;
    let subtle = crypto.subtle();
    let failed = |_| "Encryption failed in this browser.".to_string();
    let key = key(&subtle, passphrase, &salt, PBKDF2_ITERATIONS)
        .await
        .map_err(failed)?;
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(iv.as_slice()));
    let sealed = JsFuture::from(
        subtle
            .encrypt_with_object_and_u8_array(&params, &key, plain)
            .map_err(failed)?,
    )
    .await
    .map_err(failed)?;
    Ok(Locked {
        iterations: PBKDF2_ITERATIONS,
        salt,
        iv,
        ciphertext: Uint8Array::new(&sealed).to_vec(),
    })
}

/// Decrypts a locked payload; `None` for a wrong passphrase or a changed ciphertext (AES-GCM
/// cannot tell the two apart, and neither matters more than the other).
pub async fn unlock(passphrase: &str, locked: &Locked) -> Option<Vec<u8>> {
    // `decode_locked` already refuses larger counts; this keeps a `Locked` built any other
    // way from tying up the browser.
    if locked.iterations > MAX_PBKDF2_ITERATIONS {
        return None;
    }
    let subtle = crypto().ok()?.subtle();
    let key = key(&subtle, passphrase, &locked.salt, locked.iterations)
        .await
        .ok()?;
    let params =
        AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(locked.iv.as_slice()));
    let plain = JsFuture::from(
        subtle
            .decrypt_with_object_and_u8_array(&params, &key, &locked.ciphertext)
            .ok()?,
    )
    .await
    .ok()?;
    Some(Uint8Array::new(&plain).to_vec())
}
