//! One criterion rated 1 to 5, or left unrated.
//!
//! A view function rather than a component, for the reason given in `practice_question`.

use yew::prelude::*;

use crate::domain::rating::CriterionId;

/// The scale for `criterion`, rated `rating` so far, with the criterion's weight shown when
/// it is not the default.
pub fn rating_input(
    criterion: CriterionId,
    rating: Option<u8>,
    weight: u8,
    on_rate: &Callback<(CriterionId, Option<u8>)>,
) -> Html {
    let c = criterion.criterion();
    let name = format!("rating-{:?}", criterion).to_lowercase();
    let option = |value: Option<u8>| {
        let id = format!(
            "{name}-{}",
            value.map_or("none".to_string(), |v| v.to_string())
        );
        let on_rate = on_rate.clone();
        let onchange = Callback::from(move |_: Event| on_rate.emit((criterion, value)));
        let text = value.map_or("Not rated".to_string(), |v| v.to_string());
        html! {
            <label class={classes!("rating__option", value.is_none().then_some("rating__option--none"))} for={id.clone()}>
                <input type="radio" id={id} name={name.clone()} checked={rating == value} {onchange} />
                <span>{ text }</span>
            </label>
        }
    };
    html! {
        <fieldset key={name.clone()} class="rating">
            <legend class="rating__title">
                { c.title }
                if weight != 1 {
                    <span class="rating__weight">{ format!(" (weight {weight})") }</span>
                }
            </legend>
            if let Some(how) = c.measure {
                <p class="rating__measure"><strong>{ "How to measure: " }</strong>{ how }</p>
            }
            <div class="rating__scale">
                { option(None) }
                { for (1..=5).map(|v| option(Some(v))) }
            </div>
            <p class="rating__ends">
                <span><strong>{ "1: " }</strong>{ c.low }</span>
                <span><strong>{ "5: " }</strong>{ c.high }</span>
            </p>
        </fieldset>
    }
}
