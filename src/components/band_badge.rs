use yew::prelude::*;

use crate::domain::grader::Band;

#[derive(Properties, PartialEq)]
pub struct BandBadgeProps {
    pub band: Band,
}

/// The band's name in its colour, with its score range.
#[component]
pub fn BandBadge(props: &BandBadgeProps) -> Html {
    let band = props.band;
    html! {
        <span class={classes!("band-badge", format!("band-badge--{}", band.slug()))}>
            { band.title() }
            <span class="band-badge__range">{ format!(" ({})", band.range()) }</span>
        </span>
    }
}
