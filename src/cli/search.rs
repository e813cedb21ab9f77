//! `lectern search QUERY`: the best-matching blocks, each with its document, date, pinpoint and
//! a snippet per language with the match marked (bold on a terminal, «…» otherwise or with
//! NO_COLOR). `--json` prints the results as one stable JSON object.

use super::args::SearchArgs;
use super::index::{open_index, progress_printer};
use crate::corpus::Catalog;
use crate::output::{self, Markup, Safe};
use crate::search::{Hit, OwnHit, SearchResults, Snippet};
use crate::text::sanitize::neutralise;
use anyhow::Context as _;
use std::process::ExitCode;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Opens the catalog's index (updating it for what changed), searches, and reads the hits'
/// text from the index: no document body is loaded.
pub fn run(catalog: Catalog, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let args = &flags_after_query(args)?;
    // Held until the process ends, not dropped (see `leaked` in the command line's main).
    let catalog = std::sync::Arc::new(catalog);
    std::mem::forget(catalog.clone());
    let mut progress = progress_printer(catalog.len());
    let mut index = open_index(&catalog, false, &mut progress)?;
    crate::diag::timing("index opened");
    index.hooks = crate::search::registry_hooks::catalog_hooks(catalog.clone());
    // The user's notes are found too, and `tag:` / `collection:` read their workspace.
    let loc = crate::search::Location::user_cache()?;
    index.hooks.own = crate::workspace::Workspace::open_default().map(|ws| {
        let heads = workspace_heads(&catalog, &ws);
        std::sync::Arc::new(crate::workspace::search::Own::of_catalog(ws, &heads).indexed(&loc))
            as std::sync::Arc<dyn crate::search::OwnMaterial>
    });
    crate::diag::timing("workspace read");
    let query = args.query.join(" ");
    let limit = args.limit.min(crate::search::MAX_HITS);
    if limit < args.limit {
        crate::errln!(
            "lectern: --limit {} is more than a search returns; showing at most {limit}",
            args.limit
        );
    }
    let results = match index.search(&query, limit) {
        // Damage the checks on open missed: rebuild once and ask again.
        Err(e) if crate::search::guard::is_damaged(&e) => {
            let (open, reason) = crate::search::store::rebuild_damaged(
                &loc,
                &index.open,
                &*catalog,
                crate::search::guard::damage_of(&e),
                &mut progress,
            )?;
            crate::errln!("lectern: {}", reason.notice());
            index.open = open;
            index.search(&query, limit)?
        }
        results => results?,
    };
    crate::diag::timing("searched");
    for note in &results.notes {
        crate::errln!("lectern: {note}");
    }
    if args.json {
        output::stdout(&Safe::json(&json(&results))?)?;
    } else {
        let bold = output::stdout_is_terminal() && std::env::var_os("NO_COLOR").is_none();
        output::stdout(&human(&results, bold))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The heads of the documents the workspace names (in its notes, tags and collections): all
/// that its search reads, without decoding every head of a large catalog.
fn workspace_heads(
    catalog: &Catalog,
    ws: &crate::workspace::Workspace,
) -> Vec<crate::corpus::Head> {
    // The ids from the file names: no file is parsed here (the index answers the query).
    let mut ids: std::collections::BTreeSet<String> = (ws.document_files().iter())
        .filter_map(|p| crate::workspace::store::id_of(&p.file_name()?.to_string_lossy()))
        .collect();
    if let Ok(library) = ws.library() {
        ids.extend(library.tags.into_keys());
        ids.extend(library.collections.into_values().flatten());
    }
    ids.iter()
        .filter_map(|id| catalog.position(id))
        .filter_map(|i| catalog.head(i).map(std::borrow::Cow::into_owned))
        .collect()
}

/// The query takes every argument after its first word, so that `-treaty` (an exclusion) is a
/// word, not an unknown flag; `--json` and `--limit N` among them are still flags, and `--`
/// makes the rest words.
fn flags_after_query(args: &SearchArgs) -> anyhow::Result<SearchArgs> {
    let mut out = SearchArgs {
        query: Vec::new(),
        limit: args.limit,
        json: args.json,
    };
    let mut words = args.query.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--" => out.query.extend(words.by_ref().cloned()),
            "--json" => out.json = true,
            "--limit" => {
                let n = words.next().context("--limit needs a number")?;
                out.limit = parse_limit(n)?;
            }
            w if w.starts_with("--limit=") => out.limit = parse_limit(&w["--limit=".len()..])?,
            w if w.starts_with("--") && w.len() > 2 => {
                anyhow::bail!("'{w}' after the query: put options before the query words")
            }
            w => out.query.push(w.to_string()),
        }
    }
    if out.query.is_empty() {
        anyhow::bail!("no query: name a word to search for");
    }
    Ok(out)
}

fn parse_limit(n: &str) -> anyhow::Result<usize> {
    n.parse()
        .with_context(|| format!("--limit takes a number of hits, not '{n}'"))
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
        "own": results.own,
    })
}

fn human(results: &SearchResults, bold: bool) -> Safe {
    let mut out = Safe::new();
    for (i, hit) in results.hits.iter().enumerate() {
        out.push_text(&headline(i + 1, hit));
        for s in &hit.snippets {
            out.push_text(&format!("    {}  ", s.lang));
            out.push(&marked(s, bold));
            out.push_text("\n");
        }
    }
    let shown = results.hits.len();
    if shown == 0 && !results.own.is_empty() {
        out.push(&own_part(results));
        return out;
    }
    out.push_text(&match results.total {
        0 => "no matches\n".to_string(),
        1 => "1 match\n".to_string(),
        n if n == shown => format!("{n} matches\n"),
        n => format!("{n} matches, {shown} shown (--limit)\n"),
    });
    out.push(&own_part(results));
    out
}

/// The user's notes and highlights that matched, after the documents.
fn own_part(results: &SearchResults) -> Safe {
    let mut out = Safe::new();
    if !results.own.is_empty() {
        out.push_text("your notes and highlights:\n");
    }
    for (i, own) in results.own.iter().enumerate() {
        out.push(&own_lines(i + 1, own));
    }
    match results.own.len() {
        0 => {}
        1 => out.push_text("1 of your notes or highlights\n"),
        n => out.push_text(&format!("{n} of your notes and highlights\n")),
    }
    out
}

/// `  1. note  DOC ¶3  Title` then the quote and the note, each on lines of their own.
fn own_lines(rank: usize, own: &OwnHit) -> Safe {
    let what = if own.note.is_empty() {
        "highlight"
    } else {
        "note"
    };
    let pin = own
        .block
        .map_or_else(|| "document".to_string(), |b| format!("¶{b}"));
    let mut out = Safe::new();
    out.push_text(&format!(
        "{rank:>3}. {what:<10}  {} {pin} {}  {}\n",
        own.doc_id,
        own.mark_id,
        truncate(&neutralise(&own.title).replace('\n', " "), TITLE_WIDTH)
    ));
    if !own.quote.is_empty() {
        let quote = neutralise(&own.quote).replace('\n', " ");
        out.push_text(&format!("    “{}”\n", truncate(&quote, QUOTE_WIDTH)));
    }
    for line in own.note.lines() {
        out.push_text(&format!("    {}\n", neutralise(line)));
    }
    out
}

/// Display columns of a quote under a note's headline.
const QUOTE_WIDTH: usize = 100;

fn headline(rank: usize, hit: &Hit) -> String {
    let date = hit
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let pin = hit.block.place();
    format!(
        "{rank:>3}. {date:<10}  {} {pin}  {}\n",
        hit.doc_id,
        truncate(&neutralise(&hit.title).replace('\n', " "), TITLE_WIDTH)
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

/// The snippet with its highlights marked; each piece neutralised on its own so that the
/// highlight offsets still hold, and the bold marks are lectern's own [`Markup`].
fn marked(s: &Snippet, bold: bool) -> Safe {
    let (open, close) = if bold {
        (Safe::markup(Markup::Bold), Safe::markup(Markup::Reset))
    } else {
        (Safe::text("«"), Safe::text("»"))
    };
    let mut out = Safe::new();
    if s.cut_before {
        out.push_text("…");
    }
    let mut at = 0;
    for h in &s.highlights {
        // A highlight that overlaps the last or does not fall on char boundaries is skipped.
        let (Some(before), Some(word)) = (s.text.get(at..h.start), s.text.get(h.clone())) else {
            continue;
        };
        out.push_text(before);
        out.push(&open);
        out.push_text(word);
        out.push(&close);
        at = h.end;
    }
    out.push_text(s.text.get(at..).unwrap_or_default());
    if s.cut_after {
        out.push_text("…");
    }
    out
}
