//! One criterion rated 1 to 5, or left unrated.

use yew::prelude::*;

use crate::domain::rating::CriterionId;

#[derive(Properties, PartialEq)]
pub struct RatingInputProps {
    pub criterion: CriterionId,
    pub rating: Option<u8>,
    pub weight: u8,
    pub on_rate: Callback<(CriterionId, Option<u8>)>,
}

#[component]
pub fn RatingInput(props: &RatingInputProps) -> Html {
    let c = props.criterion.criterion();
    let name = format!("rating-{:?}", props.criterion).to_lowercase();
    let option = |value: Option<u8>| {
        let id = format!(
            "{name}-{}",
            value.map_or("none".to_string(), |v| v.to_string())
        );
        let on_rate = props.on_rate.clone();
        let criterion = props.criterion;
        let onchange = Callback::from(move |_: Event| on_rate.emit((criterion, value)));
        let text = value.map_or("Not rated".to_string(), |v| v.to_string());
        html! {
            <label class={classes!("rating__option", value.is_none().then_some("rating__option--none"))} for={id.clone()}>
                <input type="radio" id={id} name={name.clone()} checked={props.rating == value} {onchange} />
                <span>{ text }</span>
            </label>
        }
    };
    html! {
        <fieldset class="rating">
            <legend class="rating__title">
                { c.title }
                if props.weight != 1 {
                    <span class="rating__weight">{ format!(" (weight {})", props.weight) }</span>
                }
            </legend>
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
