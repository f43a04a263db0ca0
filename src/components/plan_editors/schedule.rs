use yew::prelude::*;

use super::{
    keep_one_line, line_area, on_click_edit, on_row_change, on_row_input, one_line, remove_button,
};
use crate::browser::events::on_input_value;
use crate::browser::text_fit::GROWS;
use crate::domain::plans::{Meeting, MeetingKind, Schedule};

/// The check-in rhythm and the dated business reviews and check-ins.
pub struct ScheduleEditor {
    pub id: AttrValue,
    pub schedule: Schedule,
    pub on_change: Callback<Schedule>,
}

impl ScheduleEditor {
    pub fn view(&self) -> Html {
        let schedule = self.schedule.clone();
        let meetings = schedule.meetings.clone();
        let on_meetings = {
            let (schedule, on_change) = (schedule.clone(), self.on_change.clone());
            Callback::from(move |meetings: Vec<Meeting>| {
                on_change.emit(Schedule {
                    meetings,
                    ..schedule.clone()
                })
            })
        };
        let on_cadence = {
            let (schedule, on_change) = (schedule.clone(), self.on_change.clone());
            on_input_value(move |cadence| {
                on_change.emit(Schedule {
                    cadence: one_line(&cadence),
                    ..schedule.clone()
                })
            })
        };
        let add = |kind: MeetingKind, text: &str| {
            let add = on_click_edit(&meetings, &on_meetings, move |v| {
                v.push(Meeting {
                    uid: crate::browser::clock::unique_token(),
                    date: String::new(),
                    kind,
                    note: String::new(),
                })
            });
            let focus = format!("{}-{}-date", self.id, meetings.len() + 1);
            let onclick = Callback::from(move |e| {
                add.emit(e);
                crate::browser::page::focus_later(focus.clone());
            });
            html! { <button type="button" class="button button--small" {onclick}>{ text.to_string() }</button> }
        };
        let cadence_id = format!("{}-cadence", self.id);
        html! {
            <div class="schedule-editor">
                <div class="field">
                    <label for={cadence_id.clone()}>{ "Check-in rhythm" }</label>
                    <textarea id={cadence_id} class={GROWS} rows="1" value={schedule.cadence.clone()}
                        placeholder="e.g. monthly (tier A), quarterly (tier B)" oninput={on_cadence}
                        onkeydown={keep_one_line()} />
                </div>
                if meetings.is_empty() {
                    <p class="muted">{ "No dates yet." }</p>
                }
                { for meetings.iter().enumerate().map(|(i, m)| {
                    let n = i + 1;
                    let (date_id, kind_id, note_id) = (
                        format!("{}-{n}-date", self.id), format!("{}-{n}-kind", self.id), format!("{}-{n}-note", self.id));
                    html! {
                        <fieldset key={i} class="row-card">
                            <legend>{ format!("Meeting {n}") }</legend>
                            <div class="row-card__grid">
                                <div class="field">
                                    <label for={date_id.clone()}>{ "Date" }</label>
                                    <input id={date_id} type="date" value={m.date.clone()}
                                        onchange={on_row_change(&meetings, i, &on_meetings, |m, v| m.date = v)} />
                                </div>
                                <div class="field">
                                    <label for={kind_id.clone()}>{ "Kind" }</label>
                                    <select id={kind_id} onchange={on_row_change(&meetings, i, &on_meetings, |m, v| {
                                        m.kind = if v == "check-in" { MeetingKind::CheckIn } else { MeetingKind::BusinessReview }
                                    })}>
                                        <option value="review" selected={m.kind == MeetingKind::BusinessReview}>{ MeetingKind::BusinessReview.title() }</option>
                                        <option value="check-in" selected={m.kind == MeetingKind::CheckIn}>{ MeetingKind::CheckIn.title() }</option>
                                    </select>
                                </div>
                                <div class="field field--wide">
                                    <label for={note_id.clone()}>{ "Note" }</label>
                                    { line_area(note_id, &m.note, on_row_input(&meetings, i, &on_meetings, |m, v| m.note = one_line(&v))) }
                                </div>
                            </div>
                            { remove_button(format!("Remove meeting {n}"), on_click_edit(&meetings, &on_meetings, move |v| { v.remove(i); })) }
                        </fieldset>
                    }
                }) }
                <div class="editor-actions">
                    { add(MeetingKind::BusinessReview, "Add business review") }
                    { add(MeetingKind::CheckIn, "Add check-in") }
                </div>
            </div>
        }
    }
}
