//! Offers text to the user as a file download, without any network request.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Saves `text` as a file called `filename`. Returns a message when the browser refuses.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |_| format!("The browser did not allow the download of {filename}.");
    let window = web_sys::window().ok_or("No browser window.")?;
    let document = window.document().ok_or("No document.")?;
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let link: HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    // The click has started the download; the object URL is no longer needed.
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// An element on the page (such as a chart's `<svg>`) written as XML, for a file of its own.
/// Not its `outerHTML`: the HTML serializer writes a no-break space as `&nbsp;` and may leave
/// `<` in attribute values, and XML readers refuse both.
pub fn element_xml(id: &str) -> Option<String> {
    let element = web_sys::window()?.document()?.get_element_by_id(id)?;
    web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&element)
        .ok()
}
