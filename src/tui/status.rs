//! The status line's message: what just happened, or what went wrong. Any feature posts
//! here (`app.status.info(…)`); the message stays until the next key.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
}

#[derive(Debug, Default)]
pub struct StatusLine {
    message: Option<Message>,
    /// Whether the message survives the next key (it was posted by that key's action).
    fresh: bool,
}

impl StatusLine {
    pub fn post(&mut self, level: Level, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            level,
        });
        self.fresh = true;
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.post(Level::Info, text);
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.post(Level::Warn, text);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.post(Level::Error, text);
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// After a key: when it opened a window over the text, a message from an earlier key
    /// goes (it would read as if about the window: "footnote 1" over the timeline).
    pub fn window_opened(&mut self, opened: bool) {
        if opened && !self.fresh {
            self.message = None;
        }
    }

    /// Called before each key is handled: a message already seen for one key goes away.
    pub fn key_pressed(&mut self) {
        if self.fresh {
            self.fresh = false;
        } else {
            self.message = None;
        }
    }
}
