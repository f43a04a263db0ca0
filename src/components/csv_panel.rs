//! Accounts in and out as CSV: choosing or dropping a spreadsheet file, matching its columns,
//! a preview of every row, the import (undoable), and the export of all accounts.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::backup_panel::{after_work, listed, AfterWork};
use crate::browser::clock::now_iso;
use crate::browser::download::download_text;
use crate::browser::events::on_value;
use crate::browser::slices::{self, Stop};
use crate::components::work_progress::WorkProgress;
use crate::domain::accounts::{Account, DecimalMark, Tier};
use crate::domain::csv_export::accounts_csv;
use crate::domain::csv_import::{
    clear_tier, remap, tier_key, Applying, CsvError, CsvImport, CsvPreview, Displaced, Previewing,
    SkipReason, TableReading, Target, TierChoice, TierWords, MAX_CSV_BYTES,
};
use crate::domain::transfer_update::WorkedOut;
use crate::hooks::{use_app_state, use_local};
use crate::state::{Action, TransferAction};
use crate::storage::document_encoder::Encoding;
use crate::storage::room::{self, ABOUT_THE_QUOTA};
use crate::storage::HandingOver;
use crate::support::dates::date_part;
use crate::support::sliced::{grouped, Progress, Then, Unit};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// The preview's lists: what is updated, what is skipped and every problem, grouped.
fn preview_lists(p: &CsvPreview, names: impl Fn(u64) -> String) -> Html {
    let skipped = p.skipped.iter().map(|(row, why)| match why {
        SkipReason::Unchanged(name) => format!("Row {row}: {name} is already as the file has it."),
        SkipReason::Repeated { name, first_row } => {
            format!("Row {row}: {name} was already on row {first_row}; only that row is used.")
        }
    });
    html! {
        <>
            if !p.problems.is_empty() {
                <section aria-labelledby="csv-problems-title">
                    <h4 id="csv-problems-title">{ format!("Problems ({})", grouped(p.problems.len())) }</h4>
                    <p class="muted">{ "Each line says what becomes of those values; the rest of each row is imported, unless it has no name." }</p>
                    { listed(p.problem_groups.iter().map(|g| g.sentence())) }
                </section>
            }
            if !p.added.is_empty() {
                <section aria-labelledby="csv-added-title">
                    <h4 id="csv-added-title">{ format!("To add ({})", grouped(p.added.len())) }</h4>
                    { listed(p.added.iter().map(|a| a.name.clone())) }
                </section>
            }
            if !p.updated.is_empty() {
                <section aria-labelledby="csv-updated-title">
                    <h4 id="csv-updated-title">{ format!("To update ({})", grouped(p.updated.len())) }</h4>
                    <p class="muted">{ "An account of the same name (capitals and spaces aside) takes the file's values; its empty cells leave what you have." }</p>
                    { listed(p.updated.iter().map(|(id, _)| names(*id))) }
                </section>
            }
            if !p.skipped.is_empty() {
                <section aria-labelledby="csv-skipped-title">
                    <h4 id="csv-skipped-title">{ format!("To skip ({})", grouped(p.skipped.len())) }</h4>
                    { listed(skipped) }
                </section>
            }
        </>
    }
}

/// The values found in the tier column, each with a choice of tier; shown when some value
/// is not plainly A, B or C.
fn tier_table(
    p: &CsvPreview,
    tiers: &TierWords,
    busy: bool,
    on_choose: impl Fn(String) -> Callback<Event>,
) -> Html {
    let default = Tier::default().letter();
    let listed = p.tier_values.len().min(TIER_VALUES_LISTED);
    let rest: usize = p.tier_values[listed..].iter().map(|v| v.rows).sum();
    html! {
        <section class="csv-tiers" aria-labelledby="csv-tiers-title">
            <h4 id="csv-tiers-title">{ "Tier values" }</h4>
            <p class="muted">{ format!(
                "The tier column holds words other than A, B or C. Choose the tier each one stands for. \
                 \u{201c}Leave as is\u{201d} takes no tier from the file: an account here keeps its tier, \
                 and a new one gets tier {default}. A value left unmapped is treated the same way, and listed \
                 under Problems. A plain A, B or C is always that tier."
            ) }</p>
            <div class="table-scroll">
                <table class="csv-mapping">
                    <thead><tr>
                        <th scope="col">{ "Value in the file" }</th>
                        <th scope="col" class="num">{ "Rows" }</th>
                        <th scope="col">{ "Tier" }</th>
                    </tr></thead>
                    <tbody>
                        { for p.tier_values[..listed].iter().enumerate().map(|(i, v)| {
                            let id = format!("csv-tier-{i}");
                            let chosen = tiers.choice(&v.value);
                            html! {
                                <tr key={tier_key(&v.value)}>
                                    <th scope="row">
                                        <label for={id.clone()}>{ &v.value }</label>
                                        // A phone has no room for the count's own column.
                                        <span class="csv-tiers__rows">{ plural(v.rows, "row", "rows") }</span>
                                    </th>
                                    <td class="num">{ grouped(v.rows) }</td>
                                    if let Some(tier) = clear_tier(&v.value) {
                                        <td>{ format!("Tier {}", tier.letter()) }</td>
                                    } else {
                                    <td>
                                        <select id={id} disabled={busy} onchange={on_choose(v.value.clone())}>
                                            if chosen.is_none() {
                                                <option value="" selected=true>{ "Not mapped" }</option>
                                            }
                                            { for Tier::ALL.into_iter().map(|t| html! {
                                                <option value={TierChoice::Is(t).slug()} selected={chosen == Some(TierChoice::Is(t))}>{ format!("Tier {}", t.letter()) }</option>
                                            }) }
                                            <option value={TierChoice::LeaveAsIs.slug()} selected={chosen == Some(TierChoice::LeaveAsIs)}>{ "Leave as is" }</option>
                                        </select>
                                    </td>
                                    }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if listed < p.tier_values.len() {
                <p class="muted">{ format!(
                    "Only the {TIER_VALUES_LISTED} most frequent values are listed; the other {} ({}) stay unmapped. \
                     So many different values suggest this column may not hold tiers.",
                    plural(p.tier_values.len() - listed, "value", "values"),
                    plural(rest, "row", "rows"),
                ) }</p>
            }
        </section>
    }
}

/// The size the data would take with `more` accounts added to `accounts`, when that is
/// likely more than the browser keeps: said before Import, not found out after it.
fn too_big_to_keep(accounts: usize, more: usize) -> Option<usize> {
    let size = room::size_with(crate::storage::stored_size().unwrap_or(0), accounts, more);
    room::too_big(size).then_some(size)
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Tier values the mapping table lists: tiers are a handful of words, and a column with
/// hundreds of different values is most likely not one of tiers.
const TIER_VALUES_LISTED: usize = 20;

/// A preview, with the choices and the accounts it was worked out from.
type Checked = (Rc<CsvImport>, Rc<Vec<Account>>, Rc<CsvPreview>);

/// The choices and the accounts a preview is worked out from, the same only when they are
/// the very same values: comparing a file of 50 000 rows, or 10 000 accounts, value by value
/// on every render would itself hold up the page.
struct Basis(Option<Rc<CsvImport>>, Rc<Vec<Account>>);

impl PartialEq for Basis {
    fn eq(&self, other: &Self) -> bool {
        let same_import = match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        same_import && Rc::ptr_eq(&self.1, &other.1)
    }
}

/// The files a drop or a file input carries, the first of them.
fn first_file(files: Option<web_sys::FileList>) -> Option<gloo_file::File> {
    files.and_then(|f| f.get(0)).map(gloo_file::File::from)
}

#[component]
pub fn CsvPanel() -> Html {
    let state = use_app_state();
    let import = use_local(|| None::<Rc<CsvImport>>);
    let message = use_local(|| None::<(bool, String)>);
    let dragging = use_local(|| false);
    // Columns that lost their target to another column's choice, said on screen.
    let displaced = use_local(Vec::<Displaced>::new);
    // Keeps the file reader alive until it has finished.
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    // Reading or checking under way, how far it has got, and how to stop it.
    let work = use_local(|| None::<(Progress, Stop)>);
    // The import under way after Import was chosen, how far it has got, and how to stop it.
    let importing = use_local(|| None::<(Progress, Stop)>);
    // The last preview worked out, with the choices and the accounts it was worked out from.
    let checked = use_local(|| None::<Checked>);
    let accounts = state.doc.portfolio.accounts.clone();
    // Checked again, a slice at a time, whenever the choices or the accounts change; the
    // check under way stops when they change again.
    {
        let (work, checked) = (work.clone(), checked.clone());
        let basis = Basis((*import).clone(), accounts.clone());
        use_effect_with(basis, move |Basis(import, accounts)| {
            let stop = Stop::default();
            let fresh = |(i, a, _): &Checked| {
                import.as_ref().is_some_and(|import| Rc::ptr_eq(i, import))
                    && Rc::ptr_eq(a, accounts)
            };
            if let Some(import) = import
                .clone()
                .filter(|_| !checked.latest().as_ref().as_ref().is_some_and(fresh))
            {
                let accounts = accounts.clone();
                let total = import.table.rows.len();
                work.set(Some((
                    Progress::new("Checking", 0, total, Unit::Records("rows")),
                    stop.clone(),
                )));
                let stopped = stop.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let job = Previewing::new(import.clone(), accounts.clone());
                    let show = |p| work.set(Some((p, stopped.clone())));
                    if let Some(preview) = slices::run(job, &stopped, show).await {
                        work.set(None);
                        let first = !checked
                            .latest()
                            .as_ref()
                            .as_ref()
                            .is_some_and(|(i, _, _)| Rc::ptr_eq(&i.table, &import.table));
                        checked.set(Some((import, accounts, Rc::new(preview))));
                        if first {
                            // The preview is where the user goes next, keyboard and screen
                            // reader included.
                            crate::browser::page::focus_later("csv-preview-title".into());
                        }
                    }
                });
            }
            move || stop.stop()
        });
    }

    // Leaving the screen stops the work on a file under way, and says so on the next one.
    {
        let (work, importing, state) = (work.clone(), importing.clone(), state.clone());
        use_effect_with((), move |_| {
            move || {
                let mut stopped = false;
                for under_way in [work.latest(), importing.latest()] {
                    if let Some((_, stop)) = under_way.as_ref() {
                        stop.stop();
                        stopped = true;
                    }
                }
                if stopped {
                    state.dispatch(Action::ImportStoppedByLeaving);
                }
            }
        });
    }

    let on_stop = {
        let (work, importing, reader, import, message) = (
            work.clone(),
            importing.clone(),
            reader.clone(),
            import.clone(),
            message.clone(),
        );
        Callback::from(move |()| {
            for under_way in [work.latest(), importing.latest()] {
                if let Some((_, stop)) = under_way.as_ref() {
                    stop.stop();
                }
            }
            importing.set(None);
            // Dropping the reader stops a read still under way.
            reader.borrow_mut().take();
            work.set(None);
            import.set(None);
            message.set(Some((true, "Import stopped. Nothing was changed.".into())));
        })
    };

    let take_file = {
        let (import, message, work, importing, reader, displaced) = (
            import.clone(),
            message.clone(),
            work.clone(),
            importing.clone(),
            reader.clone(),
            displaced.clone(),
        );
        Rc::new(move |file: gloo_file::File| {
            import.set(None);
            for under_way in [work.latest(), importing.latest()] {
                if let Some((_, earlier)) = under_way.as_ref() {
                    earlier.stop();
                }
            }
            importing.set(None);
            // Refused by its size before a byte is read: reading 50 MB would hold up the page.
            if file.size() as usize > MAX_CSV_BYTES {
                work.set(None);
                message.set(Some((
                    false,
                    CsvError::TooLarge(file.size() as usize).explanation(),
                )));
                return;
            }
            message.set(None);
            let stop = Stop::default();
            work.set(Some((
                Progress::new("Reading", 0, file.size() as usize, Unit::Bytes),
                stop.clone(),
            )));
            let (import, message, work) = (import.clone(), message.clone(), work.clone());
            displaced.set(Vec::new());
            *reader.borrow_mut() = Some(gloo_file::callbacks::read_as_bytes(&file, move |bytes| {
                if stop.is_stopped() {
                    return;
                }
                let Ok(bytes) = bytes else {
                    work.set(None);
                    message.set(Some((false, "The file could not be read.".to_string())));
                    return;
                };
                // A large file is read a slice of rows at a time, so that the page keeps
                // painting its progress and answering Cancel.
                wasm_bindgen_futures::spawn_local(async move {
                    let shown = stop.clone();
                    let show = |p| work.set(Some((p, shown.clone())));
                    let table = slices::run(TableReading::new(&bytes), &stop, show).await;
                    match table {
                        None => {}
                        Some(Ok(table)) => {
                            work.set(None);
                            let remembered = crate::storage::csv_mapping();
                            import.set(Some(Rc::new(CsvImport::guessed(table, &remembered))));
                        }
                        Some(Err(why)) => {
                            work.set(None);
                            message.set(Some((false, why.explanation())));
                        }
                    }
                });
            }));
        })
    };
    let on_file = {
        let take_file = take_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e
                .target()
                .expect("a change event has a target")
                .unchecked_into();
            let file = first_file(input.files());
            input.set_value("");
            if let Some(file) = file {
                take_file(file);
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser opens the dropped file in place of the app.
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let (take_file, dragging, importing) =
            (take_file.clone(), dragging.clone(), importing.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            // While an import runs, only its Cancel stops it; a dropped file waits.
            if importing.latest().is_some() {
                return;
            }
            if let Some(file) = first_file(e.data_transfer().and_then(|d| d.files())) {
                take_file(file);
            }
        })
    };
    let on_export = {
        let (state, message) = (state.clone(), message.clone());
        Callback::from(move |_| {
            let name = format!("accounts-{}.csv", date_part(&now_iso()));
            let result = download_text(&name, "text/csv", &accounts_csv(&state.doc));
            message.set(Some(match result {
                Ok(()) => (true, format!("Downloaded {name}.")),
                Err(why) => (false, why),
            }));
        })
    };

    // While the import runs, its progress row's Cancel is the one way out: another file
    // cannot be chosen meanwhile.
    let importing_now = importing.is_some();
    // A tab that could not read the saved data would import beside nothing, and save none of it.
    let unread = state.stored_data_unread();
    let off = importing_now || unread;
    let controls = html! {
        <div class="editor-actions">
            <label class={classes!("button", off.then_some("button--disabled"))} for="csv-file"
                aria-disabled={off.then_some("true")}
                aria-describedby={unread.then_some("csv-unread")}>{ "Import from a spreadsheet (CSV)…" }</label>
            <input id="csv-file" class="visually-hidden" type="file" disabled={off}
                accept=".csv,text/csv,.tsv,text/tab-separated-values,.txt,text/plain" onchange={on_file} />
            if unread {
                <p class="muted" id="csv-unread">{ "Import is off: your saved data could not be read in this \
                    tab, so nothing imported here would be saved. Reload, then import." }</p>
            }
            if !state.doc.portfolio.accounts.is_empty() {
                <button type="button" class="button" onclick={on_export}>{ "Export accounts (CSV)" }</button>
            }
        </div>
    };
    // The preview shows once this file's rows have been checked; checked again (after a
    // change of column, say), it keeps the last figures in view, and Import waits.
    let last_check = match (&*import, &*checked) {
        (Some(current), Some((i, a, p))) if Rc::ptr_eq(&i.table, &current.table) => Some((
            p.clone(),
            Rc::ptr_eq(i, current) && Rc::ptr_eq(a, &accounts),
        )),
        _ => None,
    };
    let status = html! {
        <>
            if let (None, Some((progress, _))) = (&last_check, &*work) {
                <WorkProgress id="csv-progress" progress={*progress} on_cancel={on_stop.clone()} />
            }
            if let Some((ok, text)) = &*message {
                <p class={if *ok { "form-message form-message--ok" } else { "field__error" }}
                    role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
        </>
    };

    let preview_view = match (&*import, last_check) {
        (Some(current), Some((p, up_to_date))) => {
            let p = &*p;
            let set_target = |column: usize| {
                let (import, current) = (import.clone(), current.clone());
                let displaced = displaced.clone();
                on_value(move |v| {
                    let target = Target::from_slug(&v).unwrap_or(Target::Ignore);
                    let mut next = (*current).clone();
                    let mut moved = (*displaced).clone();
                    remap(&mut next.mapping, column, target, &mut moved);
                    displaced.set(moved);
                    import.set(Some(Rc::new(next)));
                })
            };
            let set_mark = |mark: DecimalMark| {
                let (import, current) = (import.clone(), current.clone());
                Callback::from(move |_: Event| {
                    import.set(Some(Rc::new(CsvImport {
                        mark,
                        ..(*current).clone()
                    })))
                })
            };
            let set_tier = |value: String| {
                let (import, current) = (import.clone(), current.clone());
                Callback::from(move |e: Event| {
                    let select: web_sys::HtmlSelectElement = e
                        .target()
                        .expect("a change event has a target")
                        .unchecked_into();
                    let Some(choice) = TierChoice::from_slug(&select.value()) else {
                        return;
                    };
                    import.set(Some(Rc::new(CsvImport {
                        tiers: current.tiers.with(&value, choice),
                        ..(*current).clone()
                    })))
                })
            };
            let on_cancel = {
                let (import, work, importing, on_stop) = (
                    import.clone(),
                    work.clone(),
                    importing.clone(),
                    on_stop.clone(),
                );
                Callback::from(move |_| {
                    if importing.latest().is_some() {
                        return on_stop.emit(());
                    }
                    if let Some((_, stop)) = work.latest().as_ref() {
                        stop.stop();
                    }
                    work.set(None);
                    import.set(None);
                })
            };
            let on_confirm = {
                let (state, import, message, importing, current) = (
                    state.clone(),
                    import.clone(),
                    message.clone(),
                    importing.clone(),
                    current.clone(),
                );
                let checked = (*checked)
                    .clone()
                    .filter(|_| up_to_date)
                    .map(|(_, a, p)| (a, p));
                Callback::from(move |_| {
                    let Some(checked) = checked.clone() else {
                        return;
                    };
                    let at = now_iso();
                    let stop = Stop::default();
                    let (state, import, message, importing, current) = (
                        state.clone(),
                        import.clone(),
                        message.clone(),
                        importing.clone(),
                        current.clone(),
                    );
                    // The accounts, and the encoding of them for the save after it, are made
                    // a slice at a time; then the reducer takes them in one step. Should the
                    // data change meanwhile, the reducer would import again itself, in one
                    // go: so the rows are checked against the accounts as they are now and
                    // the work starts again here, a few times at most.
                    wasm_bindgen_futures::spawn_local(async move {
                        let (mut accounts, mut preview) = checked;
                        let mut restarts = 0;
                        let shown = stop.clone();
                        let show = |p| importing.set(Some((p, shown.clone())));
                        let (result, encoded, basis) = loop {
                            let basis = state.doc.clone();
                            if !Rc::ptr_eq(&accounts, &basis.portfolio.accounts) {
                                accounts = basis.portfolio.accounts.clone();
                                let job = Previewing::new(current.clone(), accounts.clone());
                                let Some(checked) = slices::run(job, &stop, show).await else {
                                    return;
                                };
                                preview = Rc::new(checked);
                            }
                            let total = basis.portfolio.accounts.len()
                                + preview.updated.len()
                                + preview.added.len();
                            importing.set(Some((
                                Progress::new("Importing", 0, total, Unit::Records("accounts")),
                                stop.clone(),
                            )));
                            // The bar is shown at once, before the first slice.
                            slices::next_frame().await;
                            let applying = Applying::new(&basis, preview.clone(), at.clone());
                            let known = basis.clone();
                            let encoding =
                                Then::new(applying, move |doc| Ok(Encoding::new(doc, &known)));
                            let job = Then::new(encoding, |encoded| Ok(HandingOver::new(encoded)));
                            let Some((result, encoded)) = slices::run(job, &stop, show).await
                            else {
                                return;
                            };
                            match after_work(&state, &basis, &stop, restarts, &message).await {
                                AfterWork::Take | AfterWork::InOneGo => {
                                    break (result, encoded, basis)
                                }
                                AfterWork::Again => restarts += 1,
                                AfterWork::Stopped => return,
                            }
                        };
                        // Remembered once imported: a stopped import changes nothing.
                        let remembered = crate::storage::csv_mapping()
                            .updated(&current.table.headers, &current.mapping)
                            .with_tiers(&current.tiers);
                        crate::storage::remember_csv_mapping(&remembered);
                        crate::storage::take_encoded(encoded);
                        // Done before the import is taken, which may replace this screen.
                        importing.set(None);
                        import.set(None);
                        // The undo notice says what was done.
                        message.set(None);
                        state.dispatch(Action::Transfer(TransferAction::ImportWorkedOut {
                            import: Box::new(TransferAction::ImportCsv {
                                import: current,
                                checked: Some((accounts, preview)),
                                at,
                            }),
                            result: Rc::new(WorkedOut {
                                basis,
                                result: *result,
                            }),
                        }));
                        // The result is the list, far above the Import button: its count
                        // takes focus and comes into view, once the undo notice has come.
                        crate::browser::page::focus_after_notice("account-count".into());
                    });
                })
            };
            let table = &current.table;
            let sample = table
                .rows
                .first()
                .map(|(_, cells)| cells.clone())
                .unwrap_or_default();
            let has_revenue = current.mapping.contains(&Target::Revenue);
            let names = {
                let accounts = state.doc.portfolio.accounts.clone();
                move |id: u64| {
                    accounts
                        .iter()
                        .find(|a| a.id == id)
                        .map_or_else(String::new, |a| a.name.clone())
                }
            };
            let busy = importing.is_some();
            let can_import = current.has_name() && !p.is_empty() && up_to_date && !busy;
            html! {
                <div class="import-preview" role="region" aria-labelledby="csv-preview-title">
                    <h3 id="csv-preview-title" tabindex="-1">{ "Import these accounts?" }</h3>
                    <p>{ format!("{} read. Nothing changes until you choose Import.",
                        plural(table.rows.len(), "row", "rows")) }</p>
                    <h4 id="csv-mapping-title">{ "Columns" }</h4>
                    <p class="muted">{ "Each column of the file, and what it becomes. Your choices are remembered for the next file with these headings." }</p>
                    if !displaced.is_empty() {
                        <ul class="csv-displaced" role="status">
                            { for displaced.iter().map(|d| {
                                let heading = |i: usize| table.headers.get(i).cloned().unwrap_or_default();
                                html! { <li>{ format!("\u{201c}{}\u{201d} is no longer imported as {}: \u{201c}{}\u{201d} is, as you chose. Choose again to give it back.",
                                    heading(d.from), d.target.title(), heading(d.by)) }</li> }
                            }) }
                        </ul>
                    }
                    <div class="table-scroll">
                        <table class="csv-mapping" aria-labelledby="csv-mapping-title">
                            <thead><tr>
                                <th scope="col">{ "Column in the file" }</th>
                                <th scope="col">{ "First row" }</th>
                                <th scope="col">{ "Import as" }</th>
                            </tr></thead>
                            <tbody>
                                { for table.headers.iter().enumerate().map(|(i, header)| {
                                    let id = format!("csv-map-{i}");
                                    let chosen = current.mapping.get(i).copied().unwrap_or(Target::Ignore);
                                    let heading = if header.is_empty() { format!("Column {}", i + 1) } else { header.clone() };
                                    html! {
                                        <tr key={id.clone()}>
                                            <th scope="row"><label for={id.clone()}>{ heading }</label></th>
                                            <td class="csv-mapping__sample">{ sample.get(i).cloned().unwrap_or_default() }</td>
                                            <td>
                                                <select id={id} disabled={busy} onchange={set_target(i)}>
                                                    { for Target::all().into_iter().map(|t| html! {
                                                        <option value={t.slug()} selected={t == chosen}>{ t.title() }</option>
                                                    }) }
                                                </select>
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                    if p.has_tier_words() {
                        { tier_table(p, &current.tiers, busy, set_tier) }
                    }
                    if has_revenue {
                        <fieldset class="segmented">
                            <legend>{ "Revenue is written like" }</legend>
                            <label>
                                <input type="radio" name="csv-mark" checked={current.mark == DecimalMark::Point} disabled={busy} onchange={set_mark(DecimalMark::Point)} />
                                <span>{ "1,234.56" }</span>
                            </label>
                            <label>
                                <input type="radio" name="csv-mark" checked={current.mark == DecimalMark::Comma} disabled={busy} onchange={set_mark(DecimalMark::Comma)} />
                                <span>{ "1.234,56" }</span>
                            </label>
                        </fieldset>
                    }
                    if !current.has_name() {
                        <p class="field__error" role="alert">{ "No column is imported as the name, so no row can be matched. Choose the column that holds the account's name." }</p>
                    }
                    <ul class="csv-summary">
                        <li>{ format!("To add: {}", plural(p.added.len(), "account", "accounts")) }</li>
                        <li>{ format!("To update: {}", plural(p.updated.len(), "account", "accounts")) }</li>
                        <li>{ format!("To skip: {}", plural(p.skipped.len(), "row", "rows")) }</li>
                        <li>{ format!("Problems: {}", grouped(p.problems.len())) }</li>
                    </ul>
                    if let Some(size) = too_big_to_keep(state.doc.portfolio.accounts.len(), p.added.len()) {
                        <p class="form-message form-message--warn" id="csv-too-big" role="status">{ format!(
                            "With these accounts your data would take about {}, more than the browser keeps for this \
                             site (about {}). You can import them and work in this tab, but changes would not be saved \
                             in this browser: export all data afterwards to keep them, or import fewer rows.",
                            megabytes(size), megabytes(ABOUT_THE_QUOTA)) }</p>
                    }
                    { preview_lists(p, names) }
                    // Kept in view at the bottom of the screen while the lists below scroll
                    // past, so that a long preview never hides Import and Cancel.
                    <div class="import-preview__actions">
                        if let Some((progress, _)) = importing.as_ref().or(work.as_ref()) {
                            // The bar's own Cancel is then the one offered.
                            <WorkProgress id="csv-progress" progress={*progress} on_cancel={on_stop.clone()} />
                        } else {
                            <div class="editor-actions">
                                <button type="button" class="button button--primary" disabled={!can_import} onclick={on_confirm}>{ "Import" }</button>
                                <button type="button" class="button" onclick={on_cancel}>{ "Cancel" }</button>
                            </div>
                        }
                    </div>
                </div>
            }
        }
        _ => Html::default(),
    };

    html! {
        <section class={classes!("card", "csv-panel", dragging.then_some("csv-panel--dragging"))}
            aria-labelledby="csv-title"
            ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            <h2 id="csv-title">{ "Spreadsheets and CRM exports" }</h2>
            <p class="muted">{ "Bring in accounts from a CSV file (comma, semicolon or tab separated), or drop the file here. You see what changes before anything does." }</p>
            { controls }
            { status }
            { preview_view }
        </section>
    }
}
