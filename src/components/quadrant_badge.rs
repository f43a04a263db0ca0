use yew::prelude::*;

use crate::domain::quadrant::Quadrant;

/// The badge's classes and text, shared with the accounts table's rows, written as markup.
pub fn badge_parts(quadrant: Option<Quadrant>) -> (String, &'static str) {
    let modifier = quadrant.map_or("unrated", Quadrant::slug);
    let text = quadrant.map_or("Not rated", Quadrant::title);
    (format!("quadrant-badge quadrant-badge--{modifier}"), text)
}

/// The account's quadrant as a coloured label, or "Not rated" for `None` (an account not
/// rated on both axes).
pub fn quadrant_badge(quadrant: Option<Quadrant>) -> Html {
    let (class, text) = badge_parts(quadrant);
    html! { <span class={class}>{ text }</span> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_quadrant_has_the_class_its_slug_names() {
        for q in Quadrant::ALL {
            let (class, text) = badge_parts(Some(q));
            assert_eq!(
                class,
                format!("quadrant-badge quadrant-badge--{}", q.slug())
            );
            assert_eq!(text, q.title());
        }
    }
}
