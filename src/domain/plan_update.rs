//! Changes to the plan templates and the account plans written in them.

use std::rc::Rc;

use super::accounts::AccountId;
use super::change::Change;
use super::plans::{
    can_change_kind, unique_name, Consensus, Content, Plan, PlanId, SectionDef, SectionKind,
    Template, TemplateId, BUILT_IN_TEMPLATE,
};
use crate::storage::schema::Document;

/// A change to a template or a plan.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanAction {
    /// A new template: a copy of `from`, or blank. Its id is `doc.next_id` at dispatch.
    CreateTemplate {
        from: Option<TemplateId>,
        name: String,
    },
    RenameTemplate(TemplateId, String),
    DeleteTemplate(TemplateId),
    /// Adds a section at the end; its key comes from `doc.next_id` at dispatch.
    AddSection {
        template: TemplateId,
        title: String,
        kind: SectionKind,
    },
    EditSection {
        template: TemplateId,
        key: String,
        title: String,
        guidance: String,
    },
    ChangeSectionKind {
        template: TemplateId,
        key: String,
        kind: SectionKind,
    },
    MoveSection {
        template: TemplateId,
        key: String,
        up: bool,
    },
    RemoveSection {
        template: TemplateId,
        key: String,
    },
    /// A plan for an account; its id is `doc.next_id` at dispatch.
    CreatePlan {
        account: AccountId,
        template: TemplateId,
        at: String,
    },
    WritePlan {
        plan: PlanId,
        key: String,
        title: String,
        content: Content,
        at: String,
        /// Set when the change removes a row (a person, an item): it can then be undone.
        removes_row: bool,
    },
    /// Moves a row (an item, a person, a measure) of a plan's section from one position to
    /// another; the section is found in the plan's template.
    MovePlanRow {
        plan: PlanId,
        key: String,
        from: usize,
        to: usize,
        at: String,
    },
    /// Discards content kept from a section the template no longer has (undoable).
    DropPlanSection {
        plan: PlanId,
        key: String,
    },
    MarkPlanReviewed {
        plan: PlanId,
        at: String,
    },
    SetConsensus {
        plan: PlanId,
        consensus: Consensus,
        at: String,
    },
    DeletePlan(PlanId),
}

/// Edits a stored template; the built-in one cannot change. True when it was edited.
fn edit_template(doc: &mut Document, id: TemplateId, edit: impl FnOnce(&mut Template)) -> bool {
    if id == BUILT_IN_TEMPLATE {
        return false;
    }
    match doc.plans.templates.iter_mut().find(|t| t.id == id) {
        Some(t) => {
            edit(t);
            true
        }
        None => false,
    }
}

/// Edits the plan `id`; true when there is one.
fn edit_plan(doc: &mut Document, id: PlanId, edit: impl FnOnce(&mut Plan)) -> bool {
    match doc.plans.plans.iter_mut().find(|p| p.id == id) {
        Some(p) => {
            edit(Rc::make_mut(p));
            true
        }
        None => false,
    }
}

/// A plan from a shared link, under a new id, for `account` on `template`.
pub(crate) fn add_shared_plan(
    doc: &mut Document,
    plan: Plan,
    account: AccountId,
    template: TemplateId,
) {
    let id = doc.take_id();
    doc.plans.plans.push(Rc::new(Plan {
        id,
        account,
        template,
        ..plan
    }));
}

/// The template a shared plan is written in, as kept here: the built-in one, `current`
/// when it is already a copy of the same template, or else a new copy under a free name.
pub(crate) fn keep_shared_template(
    doc: &mut Document,
    template: Template,
    current: Option<TemplateId>,
) -> TemplateId {
    if template.id == BUILT_IN_TEMPLATE {
        return BUILT_IN_TEMPLATE;
    }
    let same = |t: &Template| t.sections == template.sections;
    if let Some(id) = current.filter(|&c| doc.plans.template(c).as_ref().is_some_and(same)) {
        return id;
    }
    let tid = doc.take_id();
    let names: Vec<&str> = doc
        .plans
        .templates
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    let name = unique_name(template.name.trim(), &names);
    doc.plans.templates.push(Template {
        id: tid,
        name,
        ..template
    });
    tid
}

/// Applies `action` to the templates and plans of `doc`.
pub fn update(doc: &mut Document, action: PlanAction) -> Change {
    match action {
        PlanAction::CreateTemplate { from, name } => {
            let id = doc.take_id();
            let plans = &mut doc.plans;
            let sections = match from {
                Some(source) => plans
                    .template(source)
                    .map(|t| t.sections)
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let base = if name.trim().is_empty() {
                "Untitled template"
            } else {
                name.trim()
            };
            let existing: Vec<&str> = plans.templates.iter().map(|t| t.name.as_str()).collect();
            let name = unique_name(base, &existing);
            plans.templates.push(Template { id, name, sections });
            Change::MADE
        }
        PlanAction::RenameTemplate(id, name) => {
            Change::made_if(edit_template(doc, id, |t| t.name = name))
        }
        PlanAction::DeleteTemplate(id) => {
            let in_use = doc.plans.plans.iter().any(|p| p.template == id);
            let templates = &mut doc.plans.templates;
            match (in_use, templates.iter().position(|t| t.id == id)) {
                (false, Some(position)) => {
                    let template = templates.remove(position);
                    Change::undoable(format!("Deleted template {}.", template.name))
                }
                _ => Change::NONE,
            }
        }
        PlanAction::AddSection {
            template,
            title,
            kind,
        } => {
            let key = format!("s{}", doc.take_id());
            let title = if title.trim().is_empty() {
                "New section".to_string()
            } else {
                title.trim().to_string()
            };
            Change::made_if(edit_template(doc, template, |t| {
                t.sections.push(SectionDef {
                    key,
                    title,
                    guidance: String::new(),
                    kind,
                })
            }))
        }
        PlanAction::EditSection {
            template,
            key,
            title,
            guidance,
        } => Change::made_if(edit_template(doc, template, |t| {
            if let Some(s) = t.sections.iter_mut().find(|s| s.key == key) {
                s.title = title;
                s.guidance = guidance;
            }
        })),
        PlanAction::ChangeSectionKind {
            template,
            key,
            kind,
        } => {
            let plans: Vec<&Plan> = doc
                .plans
                .plans
                .iter()
                .filter(|p| p.template == template)
                .map(|p| &**p)
                .collect();
            let allowed = doc
                .plans
                .template(template)
                .and_then(|t| t.sections.into_iter().find(|s| s.key == key))
                .is_some_and(|s| can_change_kind(&key, s.kind, kind, &plans));
            Change::made_if(
                allowed
                    && edit_template(doc, template, |t| {
                        if let Some(s) = t.sections.iter_mut().find(|s| s.key == key) {
                            s.kind = kind;
                        }
                    }),
            )
        }
        PlanAction::MoveSection { template, key, up } => {
            Change::made_if(edit_template(doc, template, |t| {
                if let Some(i) = t.sections.iter().position(|s| s.key == key) {
                    let j = if up {
                        i.checked_sub(1)
                    } else {
                        Some(i + 1).filter(|&j| j < t.sections.len())
                    };
                    if let Some(j) = j {
                        t.sections.swap(i, j);
                    }
                }
            }))
        }
        PlanAction::RemoveSection { template, key } => {
            let mut removed = None;
            let edited = edit_template(doc, template, |t| {
                if let Some(position) = t.sections.iter().position(|s| s.key == key) {
                    removed = Some(t.sections.remove(position));
                }
            });
            match removed {
                Some(section) => Change::undoable(format!("Removed section {}.", section.title)),
                None => Change::made_if(edited),
            }
        }
        PlanAction::CreatePlan {
            account,
            template,
            at,
        } => {
            let exists = doc.plans.plan_for(account).is_some();
            let valid = doc.portfolio.accounts.iter().any(|a| a.id == account)
                && doc.plans.template(template).is_some();
            if exists || !valid {
                return Change::NONE;
            }
            let id = doc.take_id();
            doc.plans
                .plans
                .push(Rc::new(Plan::new(id, account, template, &at)));
            Change::MADE
        }
        PlanAction::WritePlan {
            plan,
            key,
            title,
            content,
            at,
            removes_row,
        } => {
            let changed = edit_plan(doc, plan, |p| p.write(&key, &title, content, &at));
            Change {
                changed,
                undo: removes_row.then(|| format!("Removed an entry from {title}.")),
            }
        }
        PlanAction::MovePlanRow {
            plan,
            key,
            from,
            to,
            at,
        } => {
            let plans = &doc.plans;
            // Moved on a copy, so a move that cannot happen changes nothing and saves nothing.
            let moved = plans.plans.iter().find(|p| p.id == plan).and_then(|p| {
                let def = plans
                    .template(p.template)?
                    .sections
                    .into_iter()
                    .find(|d| d.key == key)?;
                let mut next = (**p).clone();
                next.move_row(&def, from, to, &at).then_some(next)
            });
            match moved {
                Some(next) => Change::made_if(edit_plan(doc, plan, |p| *p = next)),
                None => Change::NONE,
            }
        }
        PlanAction::DropPlanSection { plan, key } => Change {
            changed: edit_plan(doc, plan, |p| p.sections.retain(|s| s.key != key)),
            undo: Some("Kept section removed.".into()),
        },
        PlanAction::MarkPlanReviewed { plan, at } => Change::made_if(edit_plan(doc, plan, |p| {
            p.reviewed_at = Some(at.clone());
            p.updated_at = at;
        })),
        PlanAction::SetConsensus {
            plan,
            consensus,
            at,
        } => Change::made_if(edit_plan(doc, plan, |p| {
            p.consensus = consensus;
            p.updated_at = at;
        })),
        PlanAction::DeletePlan(id) => {
            let plans = &mut doc.plans.plans;
            match plans.iter().position(|p| p.id == id) {
                Some(position) => {
                    plans.remove(position);
                    Change::undoable("Plan deleted.")
                }
                None => Change::NONE,
            }
        }
    }
}
