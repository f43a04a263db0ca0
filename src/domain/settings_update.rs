//! Changes to the settings.

use super::bcg::BcgThresholds;
use super::change::Change;
use super::guidance::FirmSize;
use super::rating::{Axis, CriterionId};
use super::settings::{FirmProfile, SettingsSection, Theme};
use crate::storage::schema::Document;

/// A change to the settings.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingsAction {
    SetCurrency(String),
    SetWeight(CriterionId, u8),
    SetThreshold(Axis, u8),
    SetBcgThresholds(BcgThresholds),
    SetTheme(Theme),
    /// Puts one section of the settings, or all of them with `None`, back to the defaults,
    /// undoably. The user's data, and the date of the last backup, stay as they are.
    ResetSettings(Option<SettingsSection>),
    SetStaleDays(u32),
    SetFirmSize(FirmSize),
    /// Days after which an account's ratings count as old.
    SetRatingStaleDays(u32),
    /// The firm's name, contact address and logo, as clients and prospects see them.
    SetFirm(FirmProfile),
}

/// Applies `action` to the settings of `doc`.
pub fn update(doc: &mut Document, action: SettingsAction) -> Change {
    let settings = &mut doc.settings;
    match action {
        SettingsAction::SetCurrency(code) => settings.currency = code,
        SettingsAction::SetWeight(id, weight) => settings.weights.set(id, weight),
        SettingsAction::SetThreshold(axis, value) => {
            let t = &mut settings.thresholds;
            let value = value.min(100);
            match axis {
                Axis::Relationship => t.relationship = value,
                Axis::Potential => t.potential = value,
            }
        }
        SettingsAction::SetBcgThresholds(bcg) => settings.bcg = bcg,
        SettingsAction::SetTheme(theme) => settings.theme = theme,
        SettingsAction::ResetSettings(section) => {
            // Already the defaults: nothing to change, and nothing to offer to undo.
            if settings.is_reset(section) {
                return Change::NONE;
            }
            settings.reset(section);
            return Change::undoable(match section {
                Some(one) => format!("{} reset to defaults.", one.name()),
                None => "All settings reset to defaults.".into(),
            });
        }
        SettingsAction::SetStaleDays(days) => settings.plan_stale_days = days.clamp(1, 3650),
        SettingsAction::SetFirmSize(size) => settings.firm_size = size,
        SettingsAction::SetRatingStaleDays(days) => {
            settings.rating_stale_days = days.clamp(1, 3650)
        }
        SettingsAction::SetFirm(firm) => settings.firm = firm,
    }
    Change::MADE
}
