//! No control byte out (issue 11): a hostile corpus whose every field a command prints carries
//! an OSC title sequence, CSI, C1, DEL and bidi controls (U+061C included), walked over every
//! CLI command, their `--json` forms, every corpus problem message and the error messages that
//! echo arguments. Nothing printed on stdout or stderr may carry one of them raw.

use assert_cmd::Command;
use std::path::Path;

/// In TOML escapes, so the parser decodes it: OSC 0 (window title) ended by BEL, a CSI clear
/// screen, C1 CSI, DEL, RLO, RLI, PDI and U+061C, then a word to find in the output.
const HOSTILE: &str = r"\u001b]0;PWNED\u0007\u001b[2J\u009b31m\u007f\u202e\u2067\u2069\u061c";
/// The same, decoded, for arguments and file names.
const HOSTILE_RAW: &str =
    "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}\u{2067}\u{2069}\u{61c}";

/// A control character or a format character that must never be printed as itself.
fn forbidden(c: char) -> bool {
    let code = c as u32;
    (code < 0x20 && c != '\n' && c != '\t')
        || (0x7f..=0x9f).contains(&code)
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

fn assert_clean(what: &str, bytes: &[u8]) {
    // Raw bytes first: an ESC or a C1 byte in invalid UTF-8 would hide from a char scan.
    if let Some(b) = bytes
        .iter()
        .find(|b| (**b < 0x20 && **b != b'\n' && **b != b'\t') || **b == 0x7f)
    {
        panic!(
            "{what}: control byte {b:#04x} printed:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|c| forbidden(*c)) {
        panic!("{what}: U+{:04X} printed:\n{text}", c as u32);
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A corpus with one valid document whose printed fields are hostile, one bad file for each
/// kind of problem message, and a registry whose names and facts are hostile.
fn hostile_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(&root.join("raw/evil.txt"), "raw\n");
    write(
        &root.join("documents/evil.toml"),
        &format!(
            r#"id = "evil"
kind = "treaty"
parties = ["Zorgland {HOSTILE}", "Blorvia"]
summary = "summary {HOSTILE}"
notes = ["note {HOSTILE}"]

[title]
en = "Treaty of Zorgwick {HOSTILE}"

[[dates]]
role = "signed"
date = "1961-07-06"
place = "Moscow {HOSTILE}"
inferred = "reason {HOSTILE}"

[source]
kind = "treaty_series"
name = "Series {HOSTILE}"
page = "7{HOSTILE}"
number = "6045"
raw = "raw/evil.txt"

[[texts]]
lang = "en"
origin = "translation"
note = "text note {HOSTILE}"

[inferred]
"source.page" = "why {HOSTILE}"

[[blocks]]
kind = "paragraph"

[blocks.text]
en = "Article 1. Zorgwick agrees{HOSTILE}.[^n1] The Pact of Zorgwick stands."

[[footnotes]]
id = "n1"
block = 1

[footnotes.text]
en = "footnote {HOSTILE}"
"#
        ),
    );
    // One file per problem kind, each echoing a hostile value in its message.
    let problems = [
        (
            "badkind",
            format!("id = \"badkind\"\nkind = \"{HOSTILE}\"\n"),
        ),
        (
            "badlang",
            format!(
                "id = \"badlang\"\nkind = \"post\"\n[title]\n\"x{HOSTILE}\" = \"t\"\n[source]\nkind = \"web\"\nraw = \"raw/evil.txt\"\n"
            ),
        ),
        (
            "baddate",
            format!(
                "id = \"baddate\"\nkind = \"post\"\n[title]\nen = \"t\"\n[[dates]]\nrole = \"published\"\ndate = \"19{HOSTILE}\"\n[source]\nkind = \"web\"\nraw = \"raw/evil.txt\"\n"
            ),
        ),
        (
            "badid",
            format!(
                "id = \"bad{HOSTILE}\"\nkind = \"post\"\n[title]\nen = \"t\"\n[source]\nkind = \"web\"\nraw = \"raw/evil.txt\"\n"
            ),
        ),
        (
            "badraw",
            format!(
                "id = \"badraw\"\nkind = \"post\"\n[title]\nen = \"t\"\n[source]\nkind = \"web\"\nraw = \"raw/{HOSTILE}.txt\"\n[[blocks]]\nkind = \"paragraph\"\n[blocks.text]\nen = \"x\"\n"
            ),
        ),
        (
            "badnote",
            format!(
                "id = \"badnote\"\nkind = \"post\"\n[title]\nen = \"t\"\n[source]\nkind = \"web\"\nraw = \"raw/evil.txt\"\n[[blocks]]\nkind = \"paragraph\"\n[blocks.text]\nen = \"x\"\n[[footnotes]]\nid = \"{HOSTILE}\"\nblock = 1\n[footnotes.text]\nen = \"n\"\n"
            ),
        ),
        (
            "badref",
            format!(
                "id = \"badref\"\nkind = \"post\"\n[title]\nen = \"t\"\n[source]\nkind = \"web\"\nraw = \"raw/evil.txt\"\n[[blocks]]\nkind = \"paragraph\"\n[blocks.text]\nen = \"x[^{HOSTILE}]\"\n"
            ),
        ),
    ];
    for (name, text) in problems {
        write(&root.join(format!("documents/{name}.toml")), &text);
    }
    // A file name that is itself hostile, with content that does not parse.
    write(
        &root.join(format!("documents/{HOSTILE_RAW}.toml")),
        "id = \n",
    );
    write(
        &root.join("registry/entities.toml"),
        &format!(
            r#"[[entity]]
id = "zorgwick"
kind = "place"
name = "Zorgwick {HOSTILE}"
names.en = ["Zorgwick"]
facts = [{{ text = "fact {HOSTILE}", source = "evil#1" }}]
"#
        ),
    );
    // A registry file with a problem of its own.
    write(
        &root.join("registry/bad.toml"),
        &format!("[[entity]]\nid = \"bad-entity\"\nkind = \"{HOSTILE}\"\nname = \"x\"\n"),
    );
    write(
        &root.join("registry/instruments.toml"),
        &format!(
            r#"[[instrument]]
id = "pact-zorgwick"
kind = "treaty"
title = "Pact {HOSTILE}"
text = "evil#1"
names.en = ["Pact of Zorgwick"]
parties = [{{ name = "Party {HOSTILE}", source = "evil#1" }}]
dates = [{{ role = "signed", date = "1961-07-06", place = "Place {HOSTILE}", source = "evil#1", inferred = "inferred {HOSTILE}" }}]
"#
        ),
    );
    dir
}

fn lectern(corpus: &Path, home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lectern").expect("binary is built");
    cmd.env_remove("LECTERN_CORPUS")
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .arg("--corpus")
        .arg(corpus);
    cmd
}

/// Runs every command over the hostile corpus; returns what each printed, for the caller to
/// check that the hostile fields were printed at all (placeholders in place of controls).
fn walk(corpus: &Path, home: &Path) -> Vec<(String, String)> {
    let raw_file = home.join(format!("{HOSTILE_RAW}.txt"));
    write(
        &raw_file,
        &format!("Title {HOSTILE_RAW}\n\nBody {HOSTILE_RAW}\n"),
    );
    let raw = raw_file.to_string_lossy().into_owned();
    let runs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", "evil"],
        vec!["show", "evil", "--lang", "en"],
        vec!["show", "evil", "--json"],
        vec!["check"],
        vec!["search", "Zorgwick"],
        vec!["search", "Zorgwick", "--json"],
        vec!["search", HOSTILE_RAW],
        vec!["search", "Zorgwick", "--limit", "18446744073709551615"],
        vec!["cite", "evil"],
        vec!["cite", "evil", "--format", "bibtex"],
        vec!["cite", "evil", "--format", "ris"],
        vec!["cite", "evil", "--format", "csl-json"],
        vec!["cite", "--all"],
        vec!["cite", "--all", "--format", "bibtex"],
        vec!["cite", "evil", "--pin", "1"],
        vec!["cite", "evil", "--pin", HOSTILE_RAW],
        vec!["cite", "evil", "--format", HOSTILE_RAW],
        vec!["cite", "evil", "--style", HOSTILE_RAW],
        vec!["refs", "evil"],
        vec!["refs", "evil", "--json"],
        vec!["entity", "Zorgwick"],
        vec!["entity", "Zorgwick", "--json"],
        vec!["entity", "Pact of Zorgwick"],
        vec!["entity", "Pact of Zorgwick", "--json"],
        vec!["entity", HOSTILE_RAW],
        vec!["show", HOSTILE_RAW],
        vec!["refs", HOSTILE_RAW],
        vec!["import", "--dry-run", &raw],
        vec!["import", &raw],
        vec!["import", "--kind", HOSTILE_RAW, &raw],
        vec!["import", "--dry-run", HOSTILE_RAW],
        vec!["index"],
        vec![HOSTILE_RAW],
        vec!["list", HOSTILE_RAW],
        vec!["show", "--lang", HOSTILE_RAW, "evil"],
    ];
    let mut printed = Vec::new();
    for args in runs {
        let out = lectern(corpus, home).args(&args).output().expect("runs");
        let what = format!("lectern {}", args.join(" ").escape_debug());
        assert_clean(&format!("{what} (stdout)"), &out.stdout);
        assert_clean(&format!("{what} (stderr)"), &out.stderr);
        printed.push((
            what,
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        ));
    }
    printed
}

#[test]
fn no_command_prints_a_control_character_from_a_hostile_corpus() {
    let corpus = hostile_corpus();
    let home = tempfile::tempdir().expect("home");
    let printed = walk(corpus.path(), home.path());
    // The hostile fields were printed, neutralised: the walk saw what it was meant to see.
    let shown = |cmd: &str| {
        printed
            .iter()
            .find(|(what, _)| what == cmd)
            .map(|(_, text)| text.clone())
            .unwrap_or_default()
    };
    let show = shown("lectern show evil");
    for field in [
        "Moscow ␛]0;PWNED␇",
        "reason ␛]0;PWNED␇",
        "Treaty of Zorgwick ␛]0;PWNED␇",
    ] {
        assert!(show.contains(field), "show lacks {field:?}:\n{show}");
    }
    let check = shown("lectern check");
    for file in [
        "badkind.toml",
        "badlang.toml",
        "baddate.toml",
        "badid.toml",
        "badraw.toml",
        "badnote.toml",
        "badref.toml",
        "␛]0;PWNED␇",
        "bad.toml",
    ] {
        assert!(
            check.contains(file),
            "check does not report {file}:\n{check}"
        );
    }
    assert!(
        shown("lectern entity Zorgwick").contains("fact ␛]0;PWNED␇"),
        "{}",
        shown("lectern entity Zorgwick")
    );
    assert!(shown("lectern list --json").contains(r"\u202e"));
}

#[test]
fn what_is_copied_to_the_clipboard_is_neutralised() {
    use base64::Engine as _;
    let copier = lectern::clipboard::Copier {
        env: lectern::clipboard::Env {
            tmux: false,
            ssh: true,
            display: false,
        },
        tmux_command: vec!["tmux".to_string()],
        timeout: std::time::Duration::from_secs(2),
    };
    let mut term: Vec<u8> = Vec::new();
    copier
        .copy(
            &format!("Citation {HOSTILE_RAW}\nline two"),
            Some(&mut term),
        )
        .expect("copied");
    let s = String::from_utf8(term).expect("ASCII");
    let start = s.find("]52;c;").expect("OSC 52") + "]52;c;".len();
    let end = s[start..].find('\u{7}').expect("BEL") + start;
    let pasted = base64::engine::general_purpose::STANDARD
        .decode(&s[start..end])
        .expect("base64");
    assert_clean("the clipboard", &pasted);
    let pasted = String::from_utf8(pasted).expect("UTF-8");
    assert!(pasted.starts_with("Citation ␛]0;PWNED␇"), "{pasted}");
    assert!(pasted.ends_with("\nline two"), "{pasted}");
}
