use yew::prelude::*;

use crate::domain::grader::Band;

/// The band's name in its colour, with its score range. A plain view function: it has no
/// state, and each component costs about 2 KB of wasm in Yew's per-component code.
pub fn band_badge(band: Band) -> Html {
    html! {
        <span class={classes!("band-badge", format!("band-badge--{}", band.slug()))}>
            { band.title() }
            <span class="band-badge__range">{ format!(" ({})", band.range()) }</span>
        </span>
    }
}
