//! Finding candidates: the text split into pieces, pieces glued back into vocabulary keys,
//! each match checked for case and word boundaries, and gated typos of tool names.
//!
//! The rules are those of the Python piece matcher (`tests/reference/pieces.py`, formerly
//! `skillterms.find.tables.CompiledVocabulary.find` and `locate`) and of the typo gate of the
//! former fast path (`skillterms.find.scan`); the differential tests hold the core to them.
//! Offsets are code points, as Python's are.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use rapidfuzz::distance::osa;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Mutex;

use crate::pychars::{
    code_points, is_alnum, is_alpha, is_decimal, is_digit, is_line_break, is_lower, is_space,
    is_upper, is_word, str_all, str_is_lower, str_is_title, str_is_upper,
};

/// Words read back from one term for the words that share its last words.
const ELIDED_MAX: usize = 4;
/// How far before a term the gap before an elided word may start ("unit, and integration").
const ELISION_GAP_MAX: usize = 8;
/// How far before that gap an elided word may start.
const ELIDED_WORD_MAX: usize = 40;
/// So many spaces in a row end any term (a blanked script, padding).
const BLANK_RUN: usize = 1000;
/// Distinct words whose typo verdict is kept: the same words recur across a corpus. The cache
/// only saves work; a full cache is emptied, never consulted stale.
const TYPO_CACHE_SIZE: usize = 200_000;

struct Entry {
    exact_forms: Option<FxHashSet<String>>,
    folded_forms: Option<FxHashSet<String>>,
    has_term: bool,
    absorbs_version: bool,
    short: bool,
    edge_words: bool,
}

/// The compiled vocabulary's lookup tables, as the core reads them. Built once per compiled
/// vocabulary (`skillterms.find.core`), shared by every extractor and thread.
#[pyclass(frozen, module = "skillterms._core")]
pub struct Finder {
    /// Everything a lowercase piece or run of pieces may spell, in one table: one lookup per
    /// piece tells whether a key may start there, whether it is a key, whether it goes on,
    /// and whether it may be a degree cue.
    spelled: FxHashMap<Box<str>, Spelled>,
    key_ids: Vec<u32>,
    dotted: FxHashSet<String>,
    cue_pieces: FxHashSet<String>,
    function_words: FxHashSet<String>,
    entries: Vec<Entry>,
    typo_buckets: FxHashMap<(char, char), Vec<TypoTarget>>,
    typo_verdicts: Mutex<FxHashMap<String, Option<(usize, u32)>>>, // word -> (bucket index, entry)
    typo_min: usize,  // words this long or longer are tried
    typo_long: usize, // words this long or longer may be two edits away
}

fn spelled_table(
    key_text: &str,
    key_entries: &[u8],
    written_splits: &str,
    unsplit: &FxHashSet<String>,
    cue_pieces: &[String],
) -> (FxHashMap<Box<str>, Spelled>, Vec<u32>) {
    let prefixes = key_prefixes(key_text, written_splits, unsplit);
    let keys = key_text.split('\0').count();
    let mut table: FxHashMap<Box<str>, Spelled> = FxHashMap::with_capacity_and_hasher(
        keys + prefixes.len() + cue_pieces.len(),
        Default::default(),
    );
    // Each key's entry ids, all in one list: a key holds the range of its own.
    let mut ids: Vec<u32> = Vec::with_capacity(key_entries.len() / 4);
    let mut numbers = key_entries
        .chunks_exact(4)
        .map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]));
    for key in key_text.split('\0') {
        let count = numbers.next().unwrap_or(0) as usize;
        let start = ids.len() as u32;
        ids.extend(numbers.by_ref().take(count));
        let spelled = table.entry(key.into()).or_default();
        spelled.entries = start..ids.len() as u32;
        spelled.first = true;
    }
    let mark = |table: &mut FxHashMap<Box<str>, Spelled>, prefix: &str| match table.get_mut(prefix)
    {
        Some(spelled) => {
            spelled.prefix = true;
            spelled.first = true;
        }
        None => {
            table.insert(
                prefix.into(),
                Spelled {
                    prefix: true,
                    first: true,
                    ..Spelled::default()
                },
            );
        }
    };
    for prefix in prefixes {
        mark(&mut table, prefix);
    }
    for cue in cue_pieces {
        table.entry(cue.to_lowercase().into()).or_default().cue = true;
    }
    (table, ids)
}

/// The proper prefixes of the keys that reading may go on from: every split a written form
/// makes (`written_splits`, NUL-joined), and every run of two or more of a key's first
/// characters, except the short words in `unsplit` ("and" of "Android" would stop the scan at
/// every "and"). Each prefix once, in no particular order.
pub fn key_prefixes<'a>(
    key_text: &'a str,
    written_splits: &'a str,
    unsplit: &FxHashSet<String>,
) -> Vec<&'a str> {
    // At most one prefix per character of a key, and keys share most: reserved at once.
    let mut seen: FxHashSet<&'a str> = FxHashSet::with_capacity_and_hasher(
        key_text.len() + written_splits.len() / 4,
        Default::default(),
    );
    for split in written_splits.split('\0').filter(|s| !s.is_empty()) {
        seen.insert(split);
    }
    for key in key_text.split('\0') {
        // char_indices yields each character's start: the prefix before the n-th one has n
        // characters; the first two and the whole key are not proper prefixes of two or more.
        for (n, (at, _)) in key.char_indices().enumerate() {
            if n >= 2 {
                let prefix = &key[..at];
                if !unsplit.contains(prefix) {
                    seen.insert(prefix);
                }
            }
        }
    }
    seen.into_iter().collect()
}

#[derive(Default)]
struct Spelled {
    entries: std::ops::Range<u32>, // into Finder::key_ids; empty: not a key
    prefix: bool,                  // a proper prefix of some key: reading may go on
    first: bool,                   // a key may start with it: a key or a prefix
    cue: bool,                     // some degree cue piece is this in lowercase
}

/// A surface typos may reach: its letters, its key, its entry.
type TypoTarget = (Vec<char>, String, u32);

/// A key spelled by pieces `first..=last` (or, without them, a cue piece), at its first piece.
type Event<'a> = (usize, Option<(usize, &'a [u32])>);

/// One candidate as the core found it; `reason` empty while nothing rejects it.
struct Found {
    start: usize,
    end: usize,
    entry: u32,
    glued: bool,
    absorbed: bool,
    case_variant: bool,
    reason: String,
    note: String,
    /// for a word that shares the last words of a term after it ("unit" of "unit/integration
    /// tests"): that term's (start, end) and where the words it shares start
    elided_from: Option<(usize, usize, usize)>,
}

/// What the resolver reads of a candidate the finder found.
pub(crate) struct FoundRow {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
    pub glued: bool,
    pub absorbed: bool,
    pub case_variant: bool,
    pub rejected: bool,
    pub elided: bool,
}

#[derive(Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
}

#[pymethods]
impl Finder {
    /// `key_text`: the keys joined by NUL (one string crosses into the core faster than tens of
    /// thousands), `key_entries`: for each key, its number of entries and their ids (u32, native
    /// order); `written_splits`: where written forms split, joined by NUL, and `unsplit`: short
    /// words no other prefix may be (the finder derives the prefixes of keys from these, see
    /// `key_prefixes`); `entries`: (exact forms or None, folded forms or None, has a
    /// term, absorbs a version, short, edge words) per entry id; `typo_keys`: (key, entry id) of
    /// the surfaces typos may reach; `typo_lengths`: the shortest word tried, and the shortest
    /// allowed two edits (skillterms.find.fuzzy).
    #[new]
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn new(
        key_text: &str,
        key_entries: &[u8],
        written_splits: &str,
        unsplit: Vec<String>,
        dotted: Vec<String>,
        cue_pieces: Vec<String>,
        function_words: Vec<String>,
        entries: Vec<(
            Option<Vec<String>>,
            Option<Vec<String>>,
            bool,
            bool,
            bool,
            bool,
        )>,
        typo_keys: Vec<(String, u32)>,
        typo_lengths: (usize, usize),
    ) -> Self {
        let set = |items: Vec<String>| items.into_iter().collect::<FxHashSet<String>>();
        let mut typo_buckets: FxHashMap<(char, char), Vec<TypoTarget>> = FxHashMap::default();
        for (key, entry) in typo_keys {
            let chars: Vec<char> = key.chars().collect();
            if let (Some(&first), Some(&last)) = (chars.first(), chars.last()) {
                typo_buckets
                    .entry((first, last))
                    .or_default()
                    .push((chars, key, entry));
            }
        }
        let (spelled, key_ids) = spelled_table(
            key_text,
            key_entries,
            written_splits,
            &set(unsplit),
            &cue_pieces,
        );
        Finder {
            spelled,
            key_ids,
            dotted: set(dotted),
            cue_pieces: set(cue_pieces),
            function_words: set(function_words),
            entries: entries
                .into_iter()
                .map(
                    |(exact, folded, has_term, absorbs_version, short, edge_words)| Entry {
                        exact_forms: exact.map(set),
                        folded_forms: folded.map(set),
                        has_term,
                        absorbs_version,
                        short,
                        edge_words,
                    },
                )
                .collect(),
            typo_buckets,
            typo_verdicts: Mutex::new(FxHashMap::default()),
            typo_min: typo_lengths.0,
            typo_long: typo_lengths.1,
        }
    }

    /// `(candidates, cue offsets)` of clean text: each candidate a tuple `(start, end, entry id,
    /// glued, absorbed, case_variant, reason, note)`, and a ninth field, True, for a word that
    /// shares the last words of a term after it; sorted by start, longer first.
    #[pyo3(signature = (text, *, typos))]
    fn find<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
        typos: bool,
    ) -> PyResult<(Bound<'py, PyList>, Vec<usize>)> {
        let chars = code_points(text)?;
        let (found, cues) = py.detach(|| self.find_in(&chars, typos));
        let slice = |from: usize, to: usize| {
            text.get_item(pyo3::types::PySlice::new(py, from as isize, to as isize, 1))?
                .repr()
        };
        let list = PyList::empty(py);
        for f in found {
            let flag = |b: bool| pyo3::types::PyBool::new(py, b).to_owned().into_any();
            let note = match f.elided_from {
                // worded from the text itself, as Python's repr() shows it
                Some((from, to, rest)) => PyString::new(
                    py,
                    &format!("shares {} with {}", slice(rest, to)?, slice(from, to)?),
                ),
                None => PyString::new(py, &f.note),
            };
            let mut row = vec![
                f.start.into_pyobject(py)?.into_any(),
                f.end.into_pyobject(py)?.into_any(),
                f.entry.into_pyobject(py)?.into_any(),
                flag(f.glued),
                flag(f.absorbed),
                flag(f.case_variant),
                PyString::new(py, &f.reason).into_any(),
                note.into_any(),
            ];
            if f.elided_from.is_some() {
                row.push(flag(true)); // the ninth field: an elided word
            }
            list.append(PyTuple::new(py, row)?)?;
        }
        Ok((list, cues))
    }
}

impl Finder {
    fn find_in(&self, chars: &[char], typos: bool) -> (Vec<Found>, Vec<usize>) {
        let split = split_lowered(chars);
        let pieces = &split.pieces;
        let lower = |i: usize| split.lowered(i, i);
        // pieces `i..=j` lowercased and joined: `low` holds them back to back
        let lowered = |i: usize, j: usize| split.lowered(i, j);
        let piece_text = |i: usize| &chars[pieces[i].start..pieces[i].end];

        // (first piece, last piece, entry ids) of every key spelled, and the cue pieces.
        let mut matches: Vec<(usize, usize, &[u32])> = Vec::new();
        let mut cue_pieces: Vec<usize> = Vec::new();
        let mut scratch = String::new();
        // whether each piece may start a key: a word that may is no typo (`typo_verdict`)
        let mut known = vec![false; pieces.len()];
        for i in 0..pieces.len() {
            let spelled = self.spelled.get(lower(i));
            known[i] = spelled.is_some_and(|s| s.first);
            if spelled.is_some_and(|s| s.cue) {
                scratch.clear();
                scratch.extend(piece_text(i));
                if self.cue_pieces.contains(scratch.as_str()) {
                    cue_pieces.push(i);
                }
            }
            let mut whole = if i + 1 < pieces.len() && pieces[i].end == pieces[i + 1].start {
                self.glued_tail(chars, pieces, &lowered, i)
            } else {
                None
            };
            let Some(mut spelled) = spelled.filter(|s| s.first) else {
                if let Some(w) = whole {
                    matches.push(w);
                }
                continue;
            };
            let mut j = i;
            loop {
                if !spelled.entries.is_empty() {
                    matches.push((i, j, self.ids(spelled)));
                    if matches!(whole, Some((_, last, _)) if last == j) {
                        whole = None;
                    }
                }
                if !spelled.prefix || j + 1 >= pieces.len() {
                    break;
                }
                let gap = &chars[pieces[j].end..pieces[j + 1].start];
                if !gap.is_empty() {
                    if !is_soft_gap(gap) {
                        break;
                    }
                    if gap == ['.']
                        && !self.dotted.contains(lowered(i, j))
                        && sentence_glue(piece_text(j), piece_text(j + 1))
                    {
                        break;
                    }
                }
                j += 1;
                match self.spelled.get(lowered(i, j)) {
                    Some(next) => spelled = next,
                    None => break, // neither a key nor the start of one
                }
            }
            if let Some(w) = whole {
                matches.push(w);
            }
        }

        // In piece order, matches before the cues of the same piece, as a stable sort gives.
        let mut events: Vec<Event> = matches
            .into_iter()
            .map(|(first, last, entries)| (first, Some((last, entries))))
            .collect();
        events.extend(cue_pieces.into_iter().map(|i| (i, None)));
        events.sort_by_key(|e| e.0);
        let mut found = Vec::new();
        let mut cues = Vec::new();
        let mut written: Vec<char> = Vec::new();
        let mut written_str = String::new();
        for (first, matched) in events {
            let start = pieces[first].start;
            let Some((last, entries)) = matched else {
                cues.push(start);
                continue;
            };
            let end = pieces[last].end;
            written.clear();
            for k in first..=last {
                written.extend_from_slice(piece_text(k));
            }
            written_str.clear();
            written_str.extend(written.iter());
            let (written, written_str) = (&written[..], written_str.as_str());
            let Some(entry_id) = self.fitting_entry(entries, written, written_str) else {
                continue;
            };
            let entry = &self.entries[entry_id as usize];
            let case_variant = entry
                .exact_forms
                .as_ref()
                .is_some_and(|forms| !forms.contains(written_str));
            let glued = first >= 1
                && pieces[first - 1].end == start
                && chars[start - 1..start].iter().all(|&c| is_alnum(c))
                && is_alnum(chars[start]);
            let reason = self.boundary_problem(chars, pieces, first, last, entry);
            let mut c_end = end;
            let mut absorbed = false;
            if entry.absorbs_version
                && last + 1 < pieces.len()
                && pieces[last + 1].start == end
                && str_all(piece_text(last + 1), is_digit)
            {
                c_end = pieces[last + 1].end; // "Python3", "HTML5": the version folds in
                absorbed = true;
            }
            found.push(Found {
                start,
                end: c_end,
                entry: entry_id,
                glued,
                absorbed,
                case_variant,
                reason,
                note: String::new(),
                elided_from: None,
            });
        }
        if typos {
            self.add_typos(chars, pieces, &known, &mut found);
        }
        longest_first(&mut found);
        let elided = self.elided_words(chars, &found);
        if !elided.is_empty() {
            found.extend(elided);
            longest_first(&mut found); // stable: a word as found before an elided one
        }
        (found, cues)
    }

    /// What the resolver reads of the candidates of `chars` (see `find`), and the cue offsets.
    pub(crate) fn found_rows(&self, chars: &[char], typos: bool) -> (Vec<FoundRow>, Vec<usize>) {
        let (found, cues) = self.find_in(chars, typos);
        let rows = found
            .into_iter()
            .map(|f| FoundRow {
                start: f.start,
                end: f.end,
                entry: f.entry,
                glued: f.glued,
                absorbed: f.absorbed,
                case_variant: f.case_variant,
                rejected: !f.reason.is_empty(),
                elided: f.elided_from.is_some(),
            })
            .collect();
        (rows, cues)
    }

    /// Words that share the last words of a multi-word term after them and spell a term with
    /// those words: "unit" in "unit/integration tests" is Unit testing, "machine" in "machine
    /// and deep learning" is Machine learning; up to `ELIDED_MAX` read back from one term,
    /// each spanning the word as written. `found` are the candidates by start.
    fn elided_words(&self, chars: &[char], found: &[Found]) -> Vec<Found> {
        let mut out = Vec::new();
        for f in found {
            if !f.reason.is_empty() || !self.entries[f.entry as usize].has_term {
                continue;
            }
            let surface = &chars[f.start..f.end];
            let lead = surface.iter().take_while(|&&c| is_space(c)).count();
            let trail = surface[lead..]
                .iter()
                .rev()
                .take_while(|&&c| is_space(c))
                .count();
            if !surface[lead..surface.len() - trail].contains(&' ') {
                continue; // one word
            }
            // the words after the first, past the whitespace after it (Python's split(None, 1))
            let mut rest = f.start + lead;
            while !is_space(chars[rest]) {
                rest += 1;
            }
            while rest < f.end && is_space(chars[rest]) {
                rest += 1;
            }
            let mut at = f.start;
            for _ in 0..ELIDED_MAX {
                let Some(gap) = (at.saturating_sub(ELISION_GAP_MAX)..at)
                    .find(|&p| is_elision_gap(&chars[p..at]))
                else {
                    break;
                };
                let lo = gap.saturating_sub(ELIDED_WORD_MAX);
                let mut run = gap;
                while run > lo && is_elided_word_char(chars[run - 1]) {
                    run -= 1;
                }
                let Some(word) = (run..gap).find(|&q| chars[q].is_ascii_alphabetic()) else {
                    break;
                };
                let written: String = chars[word..gap].iter().collect();
                if self.function_words.contains(&written.to_lowercase()) {
                    break;
                }
                let Some((entry, case_variant)) =
                    self.spelled_entry(&chars[word..gap], &chars[rest..f.end])
                else {
                    break;
                };
                out.push(Found {
                    start: word,
                    end: gap,
                    entry,
                    glued: false,
                    absorbed: false,
                    case_variant,
                    reason: String::new(),
                    note: String::new(),
                    elided_from: Some((f.start, f.end, rest)),
                });
                at = word;
            }
        }
        out
    }

    /// The entry of a term (and whether it is another case of an exact-case surface) that
    /// `word`, a space and `rest` spell as one surface, as `surface_pieces` reads it.
    fn spelled_entry(&self, word: &[char], rest: &[char]) -> Option<(u32, bool)> {
        let mut surface: Vec<char> = Vec::with_capacity(word.len() + 1 + rest.len());
        surface.extend_from_slice(word);
        surface.push(' ');
        surface.extend_from_slice(rest);
        let pieces = split(&surface);
        let (first, last) = (pieces.first()?, pieces.last()?);
        let blank = |s: &[char]| s.iter().all(|&c| is_space(c));
        if !blank(&surface[..first.start]) || !blank(&surface[last.end..]) {
            return None;
        }
        if pieces
            .windows(2)
            .any(|w| !is_soft_gap(&surface[w[0].end..w[1].start]))
        {
            return None;
        }
        let written_chars: Vec<char> = pieces
            .iter()
            .flat_map(|p| surface[p.start..p.end].iter().copied())
            .collect();
        let written: String = written_chars.iter().collect();
        let spelled = self
            .spelled
            .get(written.to_lowercase().as_str())
            .filter(|s| !s.entries.is_empty())?;
        let entry = self.fitting_entry(self.ids(spelled), &written_chars, &written)?;
        let rules = &self.entries[entry as usize];
        if !rules.has_term {
            return None;
        }
        Some((
            entry,
            rules
                .exact_forms
                .as_ref()
                .is_some_and(|forms| !forms.contains(&written)),
        ))
    }

    /// A camel-case name the vocabulary knows, read from piece `i` to the end of its glued
    /// word ("AirFlow"): pieces split at case changes need not spell a known prefix.
    /// `lowered(i, j)` is the lowercase pieces `i..=j`, joined.
    fn glued_tail<'a>(
        &'a self,
        chars: &[char],
        pieces: &[Piece],
        lowered: &dyn Fn(usize, usize) -> &'a str,
        i: usize,
    ) -> Option<(usize, usize, &'a [u32])> {
        if !is_alpha(chars[pieces[i].start]) {
            return None;
        }
        let mut j = i;
        while j + 1 < pieces.len()
            && pieces[j].end == pieces[j + 1].start
            && is_alnum(chars[pieces[j + 1].start])
        {
            j += 1;
        }
        if j == i {
            return None;
        }
        self.spelled
            .get(lowered(i, j))
            .filter(|s| !s.entries.is_empty())
            .map(|s| (i, j, self.ids(s)))
    }

    /// The entry ids of a key.
    fn ids(&self, spelled: &Spelled) -> &[u32] {
        &self.key_ids[spelled.entries.start as usize..spelled.entries.end as usize]
    }

    /// The entry of a key that `written` spells: the first whose case rule it meets, else the
    /// one entry it meets only in another case ("GO" for Go), else none.
    fn fitting_entry(&self, entries: &[u32], written: &[char], written_str: &str) -> Option<u32> {
        for &id in entries {
            match &self.entries[id as usize].exact_forms {
                None => return Some(id),
                Some(forms) if forms.contains(written_str) => return Some(id),
                _ => {}
            }
        }
        let mut variants = entries
            .iter()
            .copied()
            .filter(|&id| self.is_case_variant(id, written, written_str));
        match (variants.next(), variants.next()) {
            (Some(id), None) => Some(id),
            _ => None,
        }
    }

    fn is_case_variant(&self, id: u32, written: &[char], written_str: &str) -> bool {
        let entry = &self.entries[id as usize];
        let Some(folded) = &entry.folded_forms else {
            return false;
        };
        entry.has_term
            && str_all(written, is_alpha)
            && (str_is_upper(written) || str_is_lower(written) || str_is_title(written))
            && folded.contains(&written_str.to_lowercase())
    }

    /// Why a match may not start or end where it does (empty if it may).
    fn boundary_problem(
        &self,
        chars: &[char],
        pieces: &[Piece],
        first: usize,
        last: usize,
        entry: &Entry,
    ) -> String {
        let text = |k: usize| &chars[pieces[k].start..pieces[k].end];
        if last > first && !entry.edge_words {
            // The last word first: of two such words, the message names the last one.
            let edges = [
                (last, pieces[last - 1].end < pieces[last].start),
                (first, pieces[first].end < pieces[first + 1].start),
            ];
            let mut word = String::new();
            for (k, spaced) in edges {
                if !(spaced && str_is_lower(text(k))) {
                    continue;
                }
                word.clear();
                word.extend(text(k));
                if self.function_words.contains(&word) {
                    return format!("would take in the word '{word}'");
                }
            }
        }
        if first >= 1 && pieces[first - 1].end == pieces[first].start {
            let prev = *text(first - 1).last().unwrap();
            let cur = text(first)[0];
            if is_digit(prev) != is_digit(cur) && is_alnum(prev) && is_alnum(cur) {
                return "starts inside a word (after a digit)".into();
            }
            if entry.exact_forms.is_some() && entry.short && is_alnum(prev) && is_alnum(cur) {
                return "starts inside a glued word".into();
            }
        }
        if last + 1 < pieces.len() && pieces[last].end == pieces[last + 1].start {
            let cur = *text(last).last().unwrap();
            let nxt = text(last + 1)[0];
            if is_alpha(cur) && is_digit(nxt) && entry.absorbs_version {
                return String::new(); // a version number follows
            }
            if is_alnum(cur) && is_alnum(nxt) {
                if is_digit(cur) != is_digit(nxt) {
                    return "ends inside a word (before a digit)".into();
                }
                if entry.exact_forms.is_some() && entry.short {
                    return "ends inside a glued word".into();
                }
            }
        }
        String::new()
    }

    /// Typos of tool names ("Kubernates"): a capitalised (or all-capitals) ASCII word of
    /// letters that the vocabulary does not know, that stands alone (no letter outside ASCII
    /// or "+"/"#" touches it), one edit from a surface (two for long ones), sharing its first
    /// and last letter.
    ///
    /// The words are the runs of ASCII letters and digits, read from the pieces: every such
    /// character is in a piece, a piece that starts with one holds only such characters, and
    /// a run is the pieces that touch (so the text is not read character by character again).
    ///
    /// `known` tells of each piece whether a key may start with it: a word of one such piece
    /// is no typo, as `typo_verdict` would find.
    fn add_typos(&self, chars: &[char], pieces: &[Piece], known: &[bool], found: &mut Vec<Found>) {
        let n = chars.len();
        let mut lowered = String::new();
        let mut k = 0;
        while k < pieces.len() {
            let start = pieces[k].start;
            if !chars[start].is_ascii_alphanumeric() {
                k += 1;
                continue;
            }
            let first = k;
            let mut i = pieces[k].end;
            k += 1;
            while k < pieces.len() && pieces[k].start == i && chars[i].is_ascii_alphanumeric() {
                i = pieces[k].end;
                k += 1;
            }
            let word = &chars[start..i];
            if (k == first + 1 && known[first])
                || word.len() < self.typo_min
                || !word[0].is_ascii_uppercase()
                || !word.iter().all(char::is_ascii_alphabetic)
                || glued_shape(word)
                || (start > 0 && !chars[start - 1].is_ascii() && is_alnum(chars[start - 1]))
                || (i < n && !chars[i].is_ascii() && is_alnum(chars[i]))
                || symbol_follows(chars, i)
            {
                continue;
            }
            lowered.clear();
            lowered.extend(word.iter().map(|c| c.to_ascii_lowercase()));
            if let Some((key, entry)) = self.typo_verdict(&lowered) {
                found.push(Found {
                    start,
                    end: i,
                    entry,
                    glued: false,
                    absorbed: false,
                    case_variant: false,
                    reason: String::new(),
                    note: format!("typo of '{key}'"),
                    elided_from: None,
                });
            }
        }
    }

    /// `typo_of` for a lowercase word, through the cache of verdicts.
    fn typo_verdict(&self, word: &str) -> Option<(&str, u32)> {
        let cached = self
            .typo_verdicts
            .lock()
            .ok()
            .and_then(|cache| cache.get(word).copied());
        let verdict = match cached {
            Some(verdict) => verdict,
            None => {
                let verdict = if self.spelled.get(word).is_some_and(|s| s.first) {
                    None
                } else {
                    self.typo_of(&word.chars().collect::<Vec<char>>())
                };
                if let Ok(mut cache) = self.typo_verdicts.lock() {
                    if cache.len() >= TYPO_CACHE_SIZE {
                        cache.clear();
                    }
                    cache.insert(word.to_string(), verdict);
                }
                verdict
            }
        };
        let (bucket_index, entry) = verdict?;
        let key = &self.typo_buckets[&(word.chars().next()?, word.chars().last()?)][bucket_index].1;
        Some((key.as_str(), entry))
    }

    /// The surface a lowercase unknown word is a typo of: (its index in the word's bucket,
    /// its entry). The nearest wins, the first of equals; a length gap past the limit, none.
    fn typo_of(&self, word: &[char]) -> Option<(usize, u32)> {
        let bucket = self.typo_buckets.get(&(word[0], word[word.len() - 1]))?;
        let limit = if word.len() >= self.typo_long { 2 } else { 1 };
        let args = osa::Args::default().score_cutoff(limit);
        let mut best: Option<(usize, usize)> = None; // (distance, index)
        for (index, candidate) in bucket.iter().enumerate() {
            if let Some(d) =
                osa::distance_with_args(word.iter().copied(), candidate.0.iter().copied(), &args)
            {
                if best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, index));
                }
            }
        }
        let (_, index) = best?;
        let (chars, _, entry) = &bucket[index];
        if chars.len().abs_diff(word.len()) > limit {
            return None;
        }
        Some((index, *entry))
    }
}

/// Case or letter-to-digit changes inside a word: such a word is read piece by piece, never as
/// a typo ("ExperienceKubernates").
/// A stable sort by start, the longest first where several start alike. In two stable passes,
/// which give the same order as one by both keys: the rows come in start order but for the
/// typos and elided words, so the first pass merges a few runs, and the groups that share a
/// start are short (one pass by both keys finds no long runs in rows whose ends rise within
/// a start, and sorted a text of 770,000 candidates afresh).
fn longest_first(found: &mut [Found]) {
    found.sort_by_key(|f| f.start);
    for group in found.chunk_by_mut(|a, b| a.start == b.start) {
        if group.len() > 1 {
            group.sort_by_key(|f| std::cmp::Reverse(f.end));
        }
    }
}

fn glued_shape(word: &[char]) -> bool {
    word.windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        || word.windows(3).any(|w| {
            w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase() && w[2].is_ascii_lowercase()
        })
}

/// A "+" or "#" right after offset `end`, at most two of " \t.-_" between: "C++", "C #".
fn symbol_follows(chars: &[char], end: usize) -> bool {
    for k in 0..3 {
        match chars.get(end + k) {
            Some('+') | Some('#') => return true,
            Some(' ') | Some('\t') | Some('.') | Some('-') | Some('_') if k < 2 => continue,
            _ => return false,
        }
    }
    false
}

/// A gap that leaves the last words of a term to the next: `/`, `,`, `, and`, ` or `, ` & `
/// with blanks around them (the whole of `gap`).
fn is_elision_gap(gap: &[char]) -> bool {
    let blank = |c: &&char| **c == ' ' || **c == '\t';
    let lead = gap.iter().take_while(blank).count();
    let (before, rest) = gap.split_at(lead);
    match rest.first() {
        Some('/') => rest[1..].iter().all(|c| blank(&c)),
        Some(',') if before.is_empty() => {
            let after = &rest[1..];
            let blanks = after.iter().take_while(blank).count();
            let word = &after[blanks..];
            word.is_empty() || conjunction_then_blanks(word, &["and", "or"])
        }
        Some(_) if !before.is_empty() => conjunction_then_blanks(rest, &["and", "or", "&"]),
        _ => false,
    }
}

/// Whether `s` is one of `words` followed by one or more blanks, and nothing else.
fn conjunction_then_blanks(s: &[char], words: &[&str]) -> bool {
    words.iter().any(|w| {
        let n = w.chars().count();
        s.len() > n
            && s[..n].iter().copied().eq(w.chars())
            && s[n..].iter().all(|&c| c == ' ' || c == '\t')
    })
}

/// A character of an elided word after its first letter: `[\w+#.-]`.
fn is_elided_word_char(c: char) -> bool {
    is_word(c) || matches!(c, '+' | '#' | '.' | '-')
}

/// Glue, one of `- . _`, or whitespace without a line break (and no blank run).
fn is_soft_gap(gap: &[char]) -> bool {
    if gap.len() == 1 && matches!(gap[0], '-' | '.' | '_') {
        return true;
    }
    if !gap.iter().all(|&c| is_space(c)) || gap.iter().any(|&c| is_line_break(c)) {
        return false;
    }
    gap.len() < BLANK_RUN || !gap.windows(BLANK_RUN).any(|w| w.iter().all(|&c| c == ' '))
}

/// "systems.Design": scraped text that lost the space after a full stop ("Node.js" did not).
fn sentence_glue(before: &[char], after: &[char]) -> bool {
    before.last().is_some_and(|&c| is_lower(c))
        && after.first().is_some_and(|&c| is_upper(c))
        && after.get(1).is_some_and(|&c| is_lower(c))
}

/// How an ASCII character opens a piece (see `split`).
#[derive(Clone, Copy, PartialEq)]
enum Opens {
    Nothing,
    Lower,
    Upper,
    Digit,
    Symbol,
    Dot,
}

static ASCII_OPENS: [Opens; 128] = {
    let mut table = [Opens::Nothing; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = match c {
            b'a'..=b'z' => Opens::Lower,
            b'A'..=b'Z' => Opens::Upper,
            b'0'..=b'9' => Opens::Digit,
            b'+' | b'#' | b'/' | b'&' => Opens::Symbol,
            b'.' => Opens::Dot,
            _ => Opens::Nothing,
        };
        b += 1;
    }
    table
};

/// The pieces of a text with their lowercase forms (see `split`): `low` holds the forms back
/// to back, piece `i`'s at `low[spans[i].0..spans[i].1]`.
struct Pieces {
    pieces: Vec<Piece>,
    low: String,
    spans: Vec<(usize, usize)>,
}

impl Pieces {
    /// Pieces `i..=j` lowercased and joined.
    fn lowered(&self, i: usize, j: usize) -> &str {
        &self.low[self.spans[i].0..self.spans[j].1]
    }
}

/// The pieces of a text, as `skillterms.text.tokenize.PIECE_PATTERN` finds them, left to
/// right: a word, possibly capitalised; an acronym (which stops before a capitalised word:
/// SQL|We); a run of ASCII digits; a run of other letters; one of `+ # / &`; a dot that opens a
/// word (".NET").
fn split(chars: &[char]) -> Vec<Piece> {
    split_lowered(chars).pieces
}

/// `split`, and each piece lowercased as it is read: an ASCII piece byte by byte, a piece of
/// other letters as `str.lower` lowers it.
fn split_lowered(chars: &[char]) -> Pieces {
    let n = chars.len();
    let mut pieces = Vec::with_capacity(n / 4);
    let mut spans = Vec::with_capacity(n / 4);
    // built as bytes, then checked as UTF-8 once
    let mut low: Vec<u8> = Vec::with_capacity(n);
    let ascii_run = |from: usize, low: &mut Vec<u8>, test: fn(&char) -> bool| {
        let mut k = from;
        while k < n && test(&chars[k]) {
            low.push((chars[k] as u8).to_ascii_lowercase());
            k += 1;
        }
        k
    };
    let mut i = 0;
    while i < n {
        let c = chars[i];
        let from = low.len();
        let end = if c.is_ascii() {
            match ASCII_OPENS[c as usize] {
                Opens::Lower => ascii_run(i, &mut low, char::is_ascii_lowercase),
                Opens::Upper if i + 1 < n && chars[i + 1].is_ascii_lowercase() => {
                    low.push(c.to_ascii_lowercase() as u8);
                    ascii_run(i + 1, &mut low, char::is_ascii_lowercase)
                }
                Opens::Upper => {
                    let k = ascii_run(i, &mut low, char::is_ascii_uppercase);
                    if k < n && chars[k].is_ascii_lowercase() {
                        low.pop(); // the last capital opens the next word: SQL|We
                        k - 1
                    } else {
                        k
                    }
                }
                Opens::Digit => ascii_run(i, &mut low, char::is_ascii_digit),
                Opens::Symbol => {
                    low.push(c as u8);
                    i + 1
                }
                Opens::Dot
                    if (i == 0 || !is_alnum(chars[i - 1]))
                        && i + 1 < n
                        && is_alnum(chars[i + 1]) =>
                {
                    low.push(b'.');
                    i + 1
                }
                Opens::Dot | Opens::Nothing => {
                    i += 1;
                    continue;
                }
            }
        } else if is_alnum(c) && !is_decimal(c) {
            let other = |c: char| !c.is_ascii() && is_alnum(c) && !is_decimal(c);
            let mut k = i + 1;
            while k < n && other(chars[k]) {
                k += 1;
            }
            let lowered = chars[i..k].iter().collect::<String>().to_lowercase();
            low.extend_from_slice(lowered.as_bytes());
            k
        } else {
            i += 1;
            continue;
        };
        pieces.push(Piece { start: i, end });
        spans.push((from, low.len()));
        i = end;
    }
    Pieces {
        pieces,
        low: String::from_utf8(low).expect("lowercased pieces are UTF-8"),
        spans,
    }
}
