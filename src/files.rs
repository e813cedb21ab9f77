//! Reading and replacing the files lectern keeps, safely on any input: every loader reads
//! through [`read_text`], which refuses what is not a regular file (a FIFO would hang, a device
//! such as `/dev/zero` never ends) and what is larger than the loader's limit, and names the
//! line of invalid UTF-8. State files are replaced through [`replace_atomically`]; one that
//! cannot be trusted is [`keep_aside`] under a name no earlier copy has; what killed runs left
//! behind is swept by [`sweep_temporaries`].

use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Size limits, per kind of file. Generous for what a person or the importer writes, small
/// enough that a runaway file cannot exhaust memory.
pub mod limits {
    /// A corpus document (`documents/*.toml`); the largest bundled one is under 100 kB.
    pub const DOCUMENT: u64 = 64 << 20;
    /// A raw source given to `lectern import`.
    pub const RAW_SOURCE: u64 = 64 << 20;
    /// A registry file or an import overlay.
    pub const REGISTRY: u64 = 16 << 20;
    /// `positions.toml`.
    pub const STATE: u64 = 16 << 20;
    /// `keymap.toml`, `theme.toml`.
    pub const CONFIG: u64 = 1 << 20;
    /// One line of any text lectern reads, in bytes. No prose line a person or an importer
    /// writes comes near it (the longest bundled paragraph is under 4 kB); a longer one is a
    /// minified or runaway file. Such a line is refused, never split: splitting would renumber
    /// the blocks that citations point to, and a refusal loses nothing (the file stays as it
    /// is, the error names its line, the rest of the corpus loads).
    pub const LINE: usize = 1 << 20;
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// A FIFO, a device, a socket or a directory: what it is.
    NotRegular(&'static str),
    TooLarge {
        limit: u64,
    },
    /// Not UTF-8 from this 1-based line on.
    NotUtf8 {
        line: usize,
    },
    /// This 1-based line is `bytes` long, over [`limits::LINE`].
    LineTooLong {
        line: usize,
        bytes: usize,
    },
    Io(io::Error),
}

impl ReadError {
    /// The 1-based line the problem is on; 0 when it is the file as a whole.
    pub fn line(&self) -> usize {
        match self {
            ReadError::NotUtf8 { line } | ReadError::LineTooLong { line, .. } => *line,
            _ => 0,
        }
    }

    /// `file:line: why`, or `file: why` for the file as a whole.
    pub fn describe(&self, path: &Path) -> String {
        match self.line() {
            0 => format!("{}: {self}", path.display()),
            line => format!("{}:{line}: {self}", path.display()),
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::NotFound)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("not found"),
            ReadError::NotRegular(what) => write!(f, "not a regular file ({what}); not read"),
            ReadError::TooLarge { limit } if *limit >= 1 << 20 => {
                write!(f, "larger than {} MB; not read", limit >> 20)
            }
            ReadError::TooLarge { limit } => write!(f, "larger than {limit} bytes; not read"),
            ReadError::NotUtf8 { .. } => f.write_str("not valid UTF-8"),
            ReadError::LineTooLong { bytes, .. } => write!(f, "{}", line_too_long(*bytes)),
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// The bytes of `path`, if it is a regular file (after symlinks) of at most `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut file = open_nonblocking(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    })?;
    // The type is checked on the open file, so a swap after a check cannot slip through.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(file_type_name(&meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    // The size can lie (a growing file, /proc): never read more than the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    (&mut file)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The text of `path`, as [`read_bounded`]; invalid UTF-8 and a line over [`limits::LINE`]
/// are reported at their line.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let text = read_raw_text(path, limit)?;
    match long_line(&text, limits::LINE) {
        Some((line, bytes)) => Err(ReadError::LineTooLong { line, bytes }),
        None => Ok(text),
    }
}

/// The first line of `text` longer than `max` bytes: its 1-based number and length. One pass.
pub fn long_line(text: &str, max: usize) -> Option<(usize, usize)> {
    text.split('\n')
        .enumerate()
        .find(|(_, l)| l.len() > max)
        .map(|(i, l)| (i + 1, l.len()))
}

/// What is said of a line over [`limits::LINE`] (after `file:line: `).
pub fn line_too_long(bytes: usize) -> String {
    format!(
        "a line of {bytes} bytes, over the {} MB a line may hold; not read (split it into paragraphs)",
        limits::LINE >> 20
    )
}

/// The text of `path` without the line check: for a raw source, whose HTML markup may be
/// minified onto a few long lines; the importer checks the lines of the text it reads.
pub fn read_raw_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bounded(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        ReadError::NotUtf8 {
            line: valid.iter().filter(|b| **b == b'\n').count() + 1,
        }
    })
}

/// Opening a FIFO for reading blocks until a writer comes; non-blocking, it returns at once
/// and the type check refuses it.
fn open_nonblocking(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn file_type_name(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a plain file"
    }
}

/// Writes `bytes` to `path` by way of `<name>.<pid>.tmp` beside it, synced, then renamed over
/// it: a crash leaves the old file or the new one, never half of one.
pub fn replace_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    std::fs::create_dir_all(dir)?;
    let tmp = temporary_path(path);
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable once the directory is synced (where that is possible).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `<name>.<pid>.tmp` beside `path`: what [`replace_atomically`] writes first.
fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Moves a file that cannot be trusted out of the way, to `<name>.bak-<UTC time>` (with `-2`,
/// `-3` … when taken), never replacing an earlier copy; returns where it went. The bytes are
/// kept exactly, even when they could not be read.
pub fn keep_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = utc_stamp(SystemTime::now());
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    for n in 1..1000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let aside = path.with_file_name(format!("{name}.bak-{stamp}{suffix}"));
        // A hard link fails when the name exists: no earlier copy is ever replaced.
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            // No hard links here (some file systems): rename, having checked the name is free.
            Err(_) if !aside.exists() => {
                std::fs::rename(path, &aside)?;
                return Ok(aside);
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free backup name"))
}

/// `20261201T093000Z`: sorts as it reads.
pub fn utc_stamp(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Temporaries older than this belong to a run that died, whatever their PID says.
pub const ABANDONED_AFTER: Duration = Duration::from_secs(3600);

/// Removes the `<name>.<pid>.tmp` files [`replace_atomically`] left beside `path` in runs that
/// were killed: those whose process is gone, and any older than [`ABANDONED_AFTER`].
pub fn sweep_temporaries(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent_dir(path)) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&name)
            .and_then(|r| r.strip_prefix('.'))
            .and_then(|r| r.strip_suffix(".tmp"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if is_abandoned(pid, &entry) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a temporary made by process `pid` is a dead run's: its process is gone (another
/// live process with the same id is taken as alive), or it is old.
pub fn is_abandoned(pid: u32, entry: &std::fs::DirEntry) -> bool {
    let old = entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > ABANDONED_AFTER);
    old || (pid != std::process::id() && process_is_gone(pid))
}

/// Whether no process `pid` runs, where the system can tell (`/proc`); elsewhere `false`.
pub fn process_is_gone(pid: u32) -> bool {
    let proc_root = Path::new("/proc");
    proc_root.join("self").exists() && !proc_root.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_is_the_utc_calendar_time() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_581_445);
        assert_eq!(utc_stamp(t), "20251201T093045Z");
        assert_eq!(utc_stamp(SystemTime::UNIX_EPOCH), "19700101T000000Z");
        let leap = SystemTime::UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(utc_stamp(leap), "20000229T000000Z");
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_line() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("f.toml");
        std::fs::write(&path, b"a = 1\nb = 2\nc = \"\xff\"\n").unwrap_or_else(|e| panic!("{e}"));
        let err = read_text(&path, 100).err();
        assert_eq!(err.as_ref().map(ReadError::line), Some(3), "{err:?}");
    }

    #[test]
    fn a_line_over_the_limit_is_refused_at_its_line() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("d.toml");
        let long = "a".repeat(limits::LINE + 1);
        let ok = "b".repeat(limits::LINE);
        std::fs::write(&path, format!("x\n{ok}\n{long}\n")).unwrap_or_else(|e| panic!("{e}"));
        let err = read_text(&path, 64 << 20).err();
        assert!(
            matches!(err, Some(ReadError::LineTooLong { line: 3, bytes }) if bytes == limits::LINE + 1),
            "{err:?}"
        );
        let said = err.map(|e| e.describe(&path)).unwrap_or_default();
        assert!(
            said.ends_with(&format!("d.toml:3: {}", line_too_long(limits::LINE + 1))),
            "{said}"
        );
        // A raw source is read whole; the importer checks its lines.
        assert!(read_raw_text(&path, 64 << 20).is_ok());
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'a'; 101]).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            read_bounded(&path, 100),
            Err(ReadError::TooLarge { limit: 100 })
        ));
        assert_eq!(read_bounded(&path, 101).map(|b| b.len()).ok(), Some(101));
    }

    #[test]
    fn copies_kept_aside_never_replace_each_other() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("positions.toml");
        let mut kept = Vec::new();
        for i in 0..3 {
            std::fs::write(&path, format!("copy {i}")).unwrap_or_else(|e| panic!("{e}"));
            kept.push(keep_aside(&path).unwrap_or_else(|e| panic!("{e}")));
        }
        assert!(!path.exists());
        for (i, aside) in kept.iter().enumerate() {
            assert_eq!(
                std::fs::read_to_string(aside).ok(),
                Some(format!("copy {i}")),
                "{}",
                aside.display()
            );
        }
    }
}
