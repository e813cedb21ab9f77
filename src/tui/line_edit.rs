//! The one line editor, for the list's filter and the search query: characters type,
//! Backspace deletes the last one, Ctrl-U clears the line and Ctrl-W deletes the word before
//! the end, as in a shell. Keys the keymap binds never reach it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Changed,
    /// Backspace on an empty line (the filter stops typing).
    NothingToDelete,
    /// Not an editing key.
    Unchanged,
}

pub fn edit(line: &mut String, key: &KeyEvent) -> Edit {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => line.clear(),
        KeyCode::Char('w') if ctrl => {
            let trimmed = line.trim_end().len();
            let start = line[..trimmed]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            line.truncate(start);
        }
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            line.push(c)
        }
        KeyCode::Backspace => {
            if line.pop().is_none() {
                return Edit::NothingToDelete;
            }
        }
        _ => return Edit::Unchanged,
    }
    Edit::Changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn typing_deleting_words_and_clearing() {
        let mut line = String::new();
        for c in "金日成 visit".chars() {
            assert_eq!(
                edit(&mut line, &key(KeyCode::Char(c), KeyModifiers::NONE)),
                Edit::Changed
            );
        }
        assert_eq!(line, "金日成 visit");
        edit(&mut line, &key(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(line, "金日成 ");
        edit(&mut line, &key(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(line, "金日成");
        edit(&mut line, &key(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(line, "");
        assert_eq!(
            edit(&mut line, &key(KeyCode::Backspace, KeyModifiers::NONE)),
            Edit::NothingToDelete
        );
        assert_eq!(
            edit(&mut line, &key(KeyCode::Char('x'), KeyModifiers::ALT)),
            Edit::Unchanged
        );
    }
}
