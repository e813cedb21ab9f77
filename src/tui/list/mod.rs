//! The document list, a component: its state ([`state::List`]: the filter, the documents
//! shown, the selection), its update ([`List::update`], [`List::type_key`], [`List::click`])
//! and its drawing ([`view`]). What it asks of others (open a document, show the timeline) it
//! returns as [`Effect`]s.

mod rank;
mod request;
pub mod state;
pub mod view;
mod worker;

pub use state::{List, Order};

use super::action::Action;
use super::effect::Effect;
use super::line_edit::{Edit, edit};
use crossterm::event::KeyEvent;

impl List {
    /// An action while the list has the focus.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-self.page()),
            Action::PageDown => self.move_by(self.page()),
            Action::Top => self.to_top(),
            Action::Bottom => self.to_bottom(),
            Action::Filter => {
                // A new filter, as `/` starts a new search in vi.
                self.query.clear();
                self.editing = true;
                self.refilter();
            }
            Action::Back => self.clear_filter(),
            Action::Open => {
                self.editing = false;
                return vec![match self.selected_doc() {
                    Some(i) => Effect::OpenDocument(i),
                    None => Effect::Info("no document to open".into()),
                }];
            }
            Action::FocusNext | Action::FocusPrev => return vec![Effect::ShowReader],
            Action::Timeline => return vec![Effect::OpenTimeline],
            Action::CycleSort => {
                self.cycle_order();
                let how = if self.ranked() {
                    " (after the filter is cleared; best match first meanwhile)"
                } else {
                    ""
                };
                return vec![Effect::Info(format!("sorted {}{how}", self.order.label()))];
            }
            _ => {}
        }
        Vec::new()
    }

    /// A key the filter table does not bind: it edits the filter. Backspace on an empty
    /// filter stops typing.
    pub fn type_key(&mut self, key: KeyEvent) {
        match edit(&mut self.query, &key) {
            Edit::Changed => self.refilter(),
            Edit::NothingToDelete => self.editing = false,
            Edit::Unchanged => {}
        }
    }

    /// A click on row `row` of the list (from its top): selects it; a click on the selected
    /// row opens it.
    pub fn click(&mut self, row: u16) -> Vec<Effect> {
        let row = self.offset + row as usize;
        if row >= self.shown.len() {
            return Vec::new();
        }
        if row == self.selected {
            return self.update(Action::Open);
        }
        self.selected = row;
        self.clamp();
        Vec::new()
    }
}
