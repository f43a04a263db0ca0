//! Strings the app hands to the browser thousands of times, kept on the JavaScript side.
//!
//! Every string passed to a browser API is copied and decoded into a new JavaScript string;
//! for a chart of thousands of points that decoding took longer than building the elements.
//! Interned strings are decoded once (wasm-bindgen's `enable-interning` feature; yew interns
//! attribute names itself).

use wasm_bindgen::intern;

/// Tag names, the SVG namespace and the class names repeated on large screens.
const COMMON: &[&str] = &[
    "http://www.w3.org/2000/svg",
    "text",
    "g",
    "tr",
    "td",
    "span",
    "li",
    "start",
    "end",
    "middle",
    "num",
    "—",
];

/// Interns the common strings; call once before the first render.
pub fn intern_common_strings() {
    for s in COMMON {
        intern(s);
    }
}
