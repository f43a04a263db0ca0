//! Markup written as text, for the few places where the browser parsing one string is much
//! faster than Yew building the elements one call at a time: the matrix's points and a page
//! of the accounts table's rows.
//!
//! `Markup` is the only way to write such text, and it has no way to insert text unescaped:
//! element and attribute names are `&'static str` (written in the code, never taken from
//! data), and every attribute value and every piece of text is escaped on the way in. What it
//! makes is a `SafeMarkup`, which only `Markup` can make and only `SafeMarkup` is handed to
//! the browser as markup.

use std::fmt::Display;

use yew::{AttrValue, Html};

use crate::support::decimal::push_fixed;

/// Markup being written, element by element.
#[derive(Default)]
pub struct Markup {
    out: String,
}

impl Markup {
    pub fn with_capacity(bytes: usize) -> Self {
        Markup {
            out: String::with_capacity(bytes),
        }
    }

    /// Starts an element; its attributes follow, then `.inside(...)` or `.empty()`.
    pub fn element(&mut self, name: &'static str) -> Element<'_> {
        self.out.push('<');
        self.out.push_str(name);
        Element { markup: self, name }
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        push_escaped(&mut self.out, text);
        self
    }

    /// A number or other value written by `Display`, escaped like any text.
    pub fn display(&mut self, value: impl Display) -> &mut Self {
        self.text(&value.to_string())
    }

    pub fn finish(self) -> SafeMarkup {
        SafeMarkup(self.out.into())
    }
}

/// An element whose start tag is being written.
pub struct Element<'a> {
    markup: &'a mut Markup,
    name: &'static str,
}

impl<'a> Element<'a> {
    /// An attribute; its value is escaped.
    pub fn attr(self, name: &'static str, value: &str) -> Self {
        let out = &mut self.markup.out;
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        push_escaped(out, value);
        out.push('"');
        self
    }

    /// A coordinate or length, with one decimal as the chart's numbers are written.
    pub fn number(self, name: &'static str, value: f64) -> Self {
        let out = &mut self.markup.out;
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        push_fixed(out, value, 1);
        out.push('"');
        self
    }

    /// Ends the start tag, writes the content and closes the element.
    pub fn inside(self, content: impl FnOnce(&mut Markup)) -> &'a mut Markup {
        self.markup.out.push('>');
        content(self.markup);
        self.markup.out.push_str("</");
        self.markup.out.push_str(self.name);
        self.markup.out.push('>');
        self.markup
    }

    /// Ends the element with no content (as SVG shapes are written).
    pub fn empty(self) -> &'a mut Markup {
        self.markup.out.push_str("/>");
        self.markup
    }
}

/// Markup that came out of `Markup`, so all data in it is escaped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeMarkup(AttrValue);

impl SafeMarkup {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The markup as a Yew node, parsed by the browser.
    pub fn into_html(self) -> Html {
        // The one place markup text becomes a node: allowed here because a `SafeMarkup` can
        // only be made by `Markup`, which escapes everything taken from data.
        #[allow(clippy::disallowed_methods)]
        Html::from_html_unchecked(self.0)
    }
}

/// Appends `text` made safe inside an element or a double- or single-quoted attribute value.
fn push_escaped(out: &mut String, text: &str) {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(build: impl FnOnce(&mut Markup)) -> String {
        let mut m = Markup::default();
        build(&mut m);
        m.finish().as_str().to_string()
    }

    #[test]
    fn text_and_attribute_values_are_escaped_and_plain_text_is_untouched() {
        let hostile = r#"<img src=x onerror="alert(1)"> & 'Co'"#;
        let markup = written(|m| {
            m.element("a").attr("aria-label", hostile).inside(|m| {
                m.text(hostile).text(" / Café & Crème / Acme Ltd");
            });
        });
        let escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;Co&#39;";
        assert_eq!(
            markup,
            format!(r#"<a aria-label="{escaped}">{escaped} / Café &amp; Crème / Acme Ltd</a>"#)
        );
    }

    #[test]
    fn elements_nest_and_close_and_numbers_have_one_decimal() {
        let markup = written(|m| {
            m.element("g").attr("class", "points").inside(|m| {
                m.element("circle")
                    .number("cx", 12.345)
                    .number("cy", -3.0)
                    .empty();
                m.element("text").inside(|m| {
                    m.display(42);
                });
            });
        });
        assert_eq!(
            markup,
            r#"<g class="points"><circle cx="12.3" cy="-3.0"/><text>42</text></g>"#
        );
    }
}
