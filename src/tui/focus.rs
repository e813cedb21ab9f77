//! Which full screen shows and which pane takes keys: read by routing, drawing and layout
//! alike, so it sits apart from all three.

/// Which full screen is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    List,
    Reader,
}

/// Which pane receives keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Panel,
}
