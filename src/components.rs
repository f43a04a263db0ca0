//! Reusable view pieces. They get data and callbacks as props, or read the app state.

pub mod account_rows;
pub mod answer_list;
pub mod backup_panel;
pub mod band_badge;
pub mod change_summary;
pub mod grade_summary;
pub mod label_placement;
pub mod markup;
pub mod matrix_chart;
pub mod missing;
pub mod next_steps;
pub mod pager;
pub mod plan_editors;
pub mod plan_section_view;
pub mod plan_status;
pub mod practice_question;
pub mod quadrant_badge;
pub mod rating_input;
pub mod raw_table_body;
pub mod share_link;
pub mod share_panels;
pub mod shell;
pub mod storage_banner;
pub mod theme_picker;
pub mod trend_chart;
pub mod undo_toast;
