//! The document list: its keys and clicks. Its state is [`state::ListState`] (the filter, the
//! documents shown, the selection) and its drawing [`view`].

pub mod state;
pub mod view;

use super::action::Action;
use super::app::App;
use super::focus::{Focus, Screen};
use super::line_edit::{Edit, edit};
use crossterm::event::KeyEvent;

impl App {
    /// An action while the list has the focus.
    pub(super) fn update_list(&mut self, action: Action) {
        let list = &mut self.list;
        match action {
            Action::Up => list.move_by(-1),
            Action::Down => list.move_by(1),
            Action::PageUp => list.move_by(-list.page()),
            Action::PageDown => list.move_by(list.page()),
            Action::Top => list.to_top(),
            Action::Bottom => list.to_bottom(),
            Action::Filter => {
                // A new filter, as `/` starts a new search in vi.
                list.query.clear();
                list.editing = true;
                list.refilter();
            }
            Action::Back => list.clear_filter(),
            Action::Open => {
                list.editing = false;
                match list.selected_doc() {
                    Some(i) => self.open_document(i),
                    None => self.status.info("no document to open"),
                }
            }
            Action::FocusNext | Action::FocusPrev if self.reader.is_some() => {
                self.screen = Screen::Reader;
                self.focus = Focus::Reader;
            }
            Action::Timeline => self.open_timeline(),
            _ => {}
        }
    }

    /// A key the filter table does not bind: it edits the filter. Backspace on an empty
    /// filter stops typing.
    pub(super) fn filter_type(&mut self, key: KeyEvent) {
        match edit(&mut self.list.query, &key) {
            Edit::Changed => self.list.refilter(),
            Edit::NothingToDelete => self.list.editing = false,
            Edit::Unchanged => {}
        }
    }

    /// A click on row `row` of the list (from its top): selects it; a click on the selected
    /// row opens it.
    pub(super) fn click_list(&mut self, row: u16) {
        let row = self.list.offset + row as usize;
        if row >= self.list.shown.len() {
            return;
        }
        if row == self.list.selected {
            self.update_list(Action::Open);
        } else {
            self.list.selected = row;
            self.list.clamp();
        }
    }
}
