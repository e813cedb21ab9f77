//! The system clipboard through arboard (X11), used only when a display is present, on a worker
//! thread with a deadline: a display that does not answer must not freeze the reader.

use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// On X11 the clipboard belongs to the program that set it and empties when that program lets
/// go, so one `arboard::Clipboard` is kept for the program's life.
fn holder() -> &'static Mutex<Option<arboard::Clipboard>> {
    static HOLDER: OnceLock<Mutex<Option<arboard::Clipboard>>> = OnceLock::new();
    HOLDER.get_or_init(|| Mutex::new(None))
}

/// Sets the system clipboard to `text`, giving up after `timeout`. A worker that is still
/// blocked then is left to finish or fail on its own.
pub fn set_text(text: &str, timeout: Duration) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let text = text.to_string();
    std::thread::Builder::new()
        .name("lectern-clipboard".into())
        .spawn(move || {
            let result = (|| {
                let mut guard = holder()
                    .lock()
                    .map_err(|_| "the clipboard worker failed earlier".to_string())?;
                if guard.is_none() {
                    *guard = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
                }
                match guard.as_mut() {
                    Some(cb) => cb.set_text(text).map_err(|e| e.to_string()),
                    None => Err("no clipboard".to_string()),
                }
            })();
            // The receiver may have given up; nothing to do then.
            let _ = tx.send(result);
        })
        .map_err(|e| format!("cannot start the clipboard worker: {e}"))?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "the display did not answer within {} ms",
            timeout.as_millis()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err("the clipboard worker stopped".into()),
    }
}
