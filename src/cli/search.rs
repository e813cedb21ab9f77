//! `lectern search QUERY`: the best-matching blocks, each with its document, date, pinpoint and
//! a snippet per language with the match marked (bold on a terminal, «…» otherwise or with
//! NO_COLOR). `--json` prints the results as one stable JSON object.

use super::args::SearchArgs;
use super::index::{open_index, progress_printer};
use super::write_out;
use crate::corpus::Corpus;
use crate::search::{Hit, SearchResults, Snippet};
use crate::text::sanitize::sanitize;
use std::io::IsTerminal;
use std::process::ExitCode;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn run(corpus: &Corpus, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let mut progress = progress_printer(corpus.documents.len());
    let mut index = open_index(corpus, false, &mut progress)?;
    index.hooks = crate::refs::search_hooks::hooks(corpus);
    let query = args.query.join(" ");
    let results = match index.search(&corpus.documents, &query, args.limit) {
        // Damage the checks on open missed: rebuild once and ask again.
        Err(e) if crate::search::guard::is_damaged(&e) => {
            let loc = crate::search::Location::user_cache()?;
            let (open, reason) = crate::search::store::rebuild_damaged(
                &loc,
                &index.open,
                &corpus.documents,
                crate::search::guard::damage_of(&e),
                &mut progress,
            )?;
            eprintln!("lectern: {}", reason.notice());
            index.open = open;
            index.search(&corpus.documents, &query, args.limit)?
        }
        results => results?,
    };
    for note in &results.notes {
        eprintln!("lectern: {note}");
    }
    if args.json {
        write_out(&(serde_json::to_string_pretty(&json(&results))? + "\n"))?;
    } else {
        let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        write_out(&human(&results, bold))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn json(results: &SearchResults) -> serde_json::Value {
    let hits: Vec<serde_json::Value> = results
        .hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            serde_json::json!({
                "rank": i + 1,
                "doc_id": h.doc_id,
                "title": h.title,
                "kind": h.kind.code(),
                "date": h.date.map(|d| d.to_string()),
                "block": h.block,
                "score": h.score,
                "snippets": h.snippets,
            })
        })
        .collect();
    serde_json::json!({
        "query": results.query,
        "total": results.total,
        "notes": results.notes,
        "hits": hits,
    })
}

fn human(results: &SearchResults, bold: bool) -> String {
    let mut out = String::new();
    for (i, hit) in results.hits.iter().enumerate() {
        out.push_str(&headline(i + 1, hit));
        for s in &hit.snippets {
            out.push_str(&format!("    {}  {}\n", s.lang, marked(s, bold)));
        }
    }
    let shown = results.hits.len();
    out.push_str(&match results.total {
        0 => "no matches\n".to_string(),
        1 => "1 match\n".to_string(),
        n if n == shown => format!("{n} matches\n"),
        n => format!("{n} matches, {shown} shown (--limit)\n"),
    });
    out
}

fn headline(rank: usize, hit: &Hit) -> String {
    let date = hit
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let pin = match hit.block {
        0 => "title".to_string(),
        b => format!("¶{b}"),
    };
    format!(
        "{rank:>3}. {date:<10}  {} {pin}  {}\n",
        hit.doc_id,
        truncate(&sanitize(&hit.title).replace('\n', " "), TITLE_WIDTH)
    )
}

/// Display columns of a title in the headline.
const TITLE_WIDTH: usize = 60;

/// Cuts `s` to `width` display columns, on a char boundary, with `…` when cut.
fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The snippet with its highlights marked; each piece sanitized on its own so that the
/// highlight offsets still hold.
fn marked(s: &Snippet, bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    let mut out = String::new();
    if s.cut_before {
        out.push('…');
    }
    let mut at = 0;
    for h in &s.highlights {
        if h.start < at || h.end > s.text.len() {
            continue;
        }
        out.push_str(&sanitize(&s.text[at..h.start]));
        out.push_str(open);
        out.push_str(&sanitize(&s.text[h.clone()]));
        out.push_str(close);
        at = h.end;
    }
    out.push_str(&sanitize(&s.text[at..]));
    if s.cut_after {
        out.push('…');
    }
    out
}
