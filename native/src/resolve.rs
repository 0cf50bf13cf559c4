//! Resolving one text's candidates: the overlap policy (`OverlapPolicy`, also reachable alone
//! as `skillterms.resolve.overlap.choose`), and the `Resolver`, which judges every candidate
//! of a text in one call: the policy, the regions, roles and degree clauses, the evidence, and
//! judging again. Ported from the Python kept as the oracles in tests/reference/overlap.py and
//! tests/reference/resolve.py; every sort here is stable, as Python's is, so ties keep the
//! order the candidates came in.
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::cleaning::Cleaner;
use crate::degrees::DegreeReader;
use crate::evidence::{self, EvidenceReader, OwnContexts, Row, Status};
use crate::finder::{Finder, FoundRow};
use crate::pychars::{
    char_of, code_points, is_alpha, is_space, is_word, lowercase_of, str_all, str_is_lower,
    str_is_upper,
};
use crate::records::Records;
use crate::regions::{Kind, RegionFinder};
use crate::titles::TitleReader;

/// The names of the reasons a candidate loses by, in the order of their codes (Python holds
/// their wording, `skillterms.resolve.overlap.OVERLAP_REASONS`).
const REASON_NAMES: [&str; 3] = ["overlaps_longer", "inside_not_terms", "longer_same_term"];
const OVERLAPS_LONGER: u8 = 0;
const INSIDE_NOT_TERMS: u8 = 1;
const LONGER_SAME_TERM: u8 = 2;

// The row flags (see `OverlapPolicy::choose`).
const GLUED: u8 = 1;
const CASE_VARIANT: u8 = 2;
const ABSORBED: u8 = 4;
const ELIDED: u8 = 8;

/// One candidate as the policy sees it. `index` is its place in the rows the caller gave:
/// the term candidates first, then the not_terms blockers.
#[derive(Clone, Copy)]
struct Span {
    index: usize,
    start: usize,
    end: usize,
    /// what tells the terms apart for the policy (one term, one number)
    term: u64,
    /// the term's number for the evidence reader (the resolver's rows only)
    number: usize,
    flags: u8,
    blocker: bool,
}

impl Span {
    fn length(&self) -> usize {
        self.end - self.start
    }

    /// `_by_preference`: longest first; a match that starts inside a glued word yields to
    /// one that does not, so does another case of an exact-case surface, then the earlier
    /// start, a whole key before a folded version, a word as written before an elided one.
    fn preference(&self) -> (bool, bool, std::cmp::Reverse<usize>, usize, bool, bool) {
        (
            self.flags & GLUED != 0,
            self.flags & CASE_VARIANT != 0,
            std::cmp::Reverse(self.length()),
            self.start,
            self.flags & ABSORBED != 0,
            self.flags & ELIDED != 0,
        )
    }
}

/// A lost candidate: (its index, the reason code, the index of the candidate it lost to).
type Rejection = (usize, u8, usize);

/// The overlap policy of an extractor: "longest" or "all".
#[pyclass(frozen, module = "skillterms._core")]
pub struct OverlapPolicy {
    keep_all: bool,
}

#[pymethods]
impl OverlapPolicy {
    #[new]
    fn new(policy: &str) -> PyResult<Self> {
        match policy {
            "longest" => Ok(Self { keep_all: false }),
            "all" => Ok(Self { keep_all: true }),
            _ => Err(pyo3::exceptions::PyValueError::new_err(format!(
                "no overlap policy {policy:?}"
            ))),
        }
    }

    /// The names of the reasons, by the codes `choose` gives.
    #[classattr]
    fn reasons() -> Vec<&'static str> {
        REASON_NAMES.to_vec()
    }

    /// Applies the policy to the term candidates `pool` (by start, longest first) and the
    /// not_terms `blockers` (the same order). Each row is (start, end, a number for its
    /// term, flag bits: 1 glued, 2 case variant, 4 absorbed, 8 elided); a blocker's term
    /// number is not read. Gives the indices into `pool` of the candidates kept (sorted by
    /// start), and the lost ones as (index into `pool`, reason code, the index of the
    /// candidate it lost to: into `pool`, or `len(pool)` + an index into `blockers`).
    #[allow(clippy::type_complexity)]
    fn choose(
        &self,
        py: Python<'_>,
        pool: Vec<(usize, usize, u64, u8)>,
        blockers: Vec<(usize, usize, u64, u8)>,
    ) -> PyResult<(Vec<usize>, Vec<Rejection>)> {
        let spans = |rows: &[(usize, usize, u64, u8)], first: usize, blocker: bool| {
            rows.iter()
                .enumerate()
                .map(|(i, &(start, end, term, flags))| Span {
                    index: first + i,
                    start,
                    end,
                    term,
                    number: 0,
                    flags,
                    blocker,
                })
                .collect::<Vec<_>>()
        };
        let pool = spans(&pool, 0, false);
        let blockers = spans(&blockers, pool.len(), true);
        if let Some(c) = pool.iter().chain(&blockers).find(|c| c.start > c.end) {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "span ({}, {}) ends before it starts",
                c.start, c.end
            )));
        }
        Ok(py.detach(|| {
            if self.keep_all {
                keep_all(&pool, &blockers)
            } else {
                longest(pool, blockers)
            }
        }))
    }
}

/// overlaps="longest": in each cluster of overlapping candidates, the longest-wins choice.
fn longest(pool: Vec<Span>, blockers: Vec<Span>) -> (Vec<usize>, Vec<Rejection>) {
    let items = if blockers.is_empty() {
        pool // the pool comes sorted
    } else {
        let mut items = pool;
        items.extend(blockers);
        items.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
        items
    };
    let mut chosen = Vec::with_capacity(items.len());
    let mut rejected = Vec::new();
    let mut first = 0;
    let mut reach = 0;
    for (i, c) in items.iter().enumerate() {
        if c.start >= reach && i > first {
            longest_first(&items[first..i], &mut chosen, &mut rejected);
            first = i;
        }
        reach = reach.max(c.end);
    }
    longest_first(&items[first..], &mut chosen, &mut rejected);
    let kept = chosen.into_iter().filter(|c| !c.blocker).map(|c| c.index);
    (kept.collect(), rejected)
}

/// The longest-wins choice inside one cluster: its kept candidates go to `chosen`, by start.
fn longest_first(cluster: &[Span], chosen: &mut Vec<Span>, rejected: &mut Vec<Rejection>) {
    if cluster.len() <= 1 {
        chosen.extend_from_slice(cluster);
        return;
    }
    let mut by_preference = cluster.to_vec();
    by_preference.sort_by_key(Span::preference);
    let mut kept: Vec<Span> = Vec::new(); // disjoint, by start
    for c in by_preference {
        let k = kept.partition_point(|o| o.start <= c.start);
        let clash = if k > 0 && kept[k - 1].end > c.start {
            Some(kept[k - 1])
        } else if k < kept.len() && kept[k].start < c.end {
            Some(kept[k])
        } else {
            None
        };
        match clash {
            None => kept.insert(k, c),
            Some(o) if !c.blocker => {
                let code = if o.blocker {
                    INSIDE_NOT_TERMS
                } else {
                    OVERLAPS_LONGER
                };
                rejected.push((c.index, code, o.index));
            }
            Some(_) => {}
        }
    }
    chosen.extend(kept);
}

/// overlaps="all": every candidate but those inside a not_terms phrase or a longer form of
/// the same term.
fn keep_all(pool: &[Span], blockers: &[Span]) -> (Vec<usize>, Vec<Rejection>) {
    let mut by_term: FxHashMap<u64, Vec<Span>> = FxHashMap::default();
    for c in pool {
        by_term.entry(c.term).or_default().push(*c);
    }
    let containers: FxHashMap<u64, Containers> = by_term
        .into_iter()
        .map(|(term, group)| (term, Containers::new(group)))
        .collect();
    let longest_blocker = blockers.iter().map(Span::length).max().unwrap_or(0);
    let mut kept = Vec::with_capacity(pool.len());
    let mut rejected = Vec::new();
    for c in pool {
        // Only the blockers that start less than the longest blocker before c can overlap it
        // (the blockers come by start, so both ends of their run are found by bisection).
        let lo = blockers.partition_point(|b| b.start + longest_blocker <= c.start);
        let hi = blockers.partition_point(|b| b.start < c.end);
        let hit = blockers
            .get(lo..hi.max(lo))
            .unwrap_or(&[])
            .iter()
            .find(|b| c.start < b.end && c.length() <= b.length());
        if let Some(b) = hit {
            rejected.push((c.index, INSIDE_NOT_TERMS, b.index));
        } else if let Some(o) = containers[&c.term].holding_longer(c) {
            rejected.push((c.index, LONGER_SAME_TERM, o.index));
        } else {
            kept.push(*c);
        }
    }
    kept.sort_by_key(|c| (c.start, c.end));
    (kept.into_iter().map(|c| c.index).collect(), rejected)
}

/// The candidates of a list that hold a span, found by bisection (a text may have thousands
/// of candidates: asking each of them would take time quadratic in their number).
struct Containers {
    order: Vec<Span>, // by start, longest first
    // The candidates that reach further than every one before them, in order: their ends
    // rise, so the first of them that reaches an end is the first candidate that does.
    reach: Vec<usize>,
    records: Vec<usize>,
}

impl Containers {
    fn new(mut order: Vec<Span>) -> Self {
        order.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
        let (mut reach, mut records) = (Vec::new(), Vec::new());
        for (i, c) in order.iter().enumerate() {
            if reach.last().is_none_or(|&r| c.end > r) {
                reach.push(c.end);
                records.push(i);
            }
        }
        Self {
            order,
            reach,
            records,
        }
    }

    /// The first candidate (by start, longest first) that starts at or before `c` and ends
    /// at or after it, with another span than `c`'s.
    fn holding_longer(&self, c: &Span) -> Option<Span> {
        let before = self.order.partition_point(|o| o.start <= c.start);
        let k = self.reach.partition_point(|&r| r < c.end);
        let i = *self.records.get(k)?;
        if i >= before {
            return None;
        }
        let o = self.order[i];
        // None before it reaches c's end, and those after it end no later.
        ((o.start, o.end) != (c.start, c.end)).then_some(o)
    }
}

// ------------------------------------------------------------------ judging one text

// The flag bits of a candidate's row for the resolver: the policy's four, then the entry's.
const BROAD: u8 = 16;
const AMBIGUOUS: u8 = 32;
const TOOL: u8 = 64;
const CONCEPT: u8 = 128;

/// The reasons the resolver gives, by code: the policy's, its own, the evidence's
/// (`EVIDENCE_FIRST` on) and one per region kind (`REGION_FIRST` on, in `Kind`'s order).
const OWN_REASONS: [&str; 5] = [
    "job_title",
    "degree_field",
    "unambiguous",
    "context_off",
    "case_form_context_off",
];
const JOB_TITLE: u8 = 3;
const DEGREE_FIELD: u8 = 4;
const UNAMBIGUOUS: u8 = 5;
const CONTEXT_OFF: u8 = 6;
const CASE_FORM_CONTEXT_OFF: u8 = 7;
const EVIDENCE_FIRST: u8 = 8;
const REGION_FIRST: u8 = EVIDENCE_FIRST + evidence::REASON_NAMES.len() as u8;
const REGION_KINDS: usize = Kind::Mention as usize + 1; // the last kind's code, plus one
/// The code of no reason: a candidate the longest-match reading kept that the other left undecided.
const NO_REASON: u8 = u8::MAX;

/// The characters read back from an acronym for the name it may close ("Zest AI").
const NAME_BACK: usize = 30;
/// The verbs that may follow a company's name that opens a sentence ("Nightfall AI is ...").
const NAME_VERBS: [&str; 7] = ["is", "was", "has", "builds", "provides", "helps", "offers"];

/// A candidate's decision: accepted or rejected, the reason's code, the phrase it quotes and
/// the candidate it names (an index into the pool, or past it into the blockers).
#[derive(Clone)]
struct Verdict {
    accepted: bool,
    reason: u8,
    phrase: Option<String>,
    other: Option<usize>,
    kept_by_longest: bool,
}

impl Verdict {
    fn new(accepted: bool, reason: u8, other: Option<usize>) -> Self {
        Verdict {
            accepted,
            reason,
            phrase: None,
            other,
            kept_by_longest: false,
        }
    }
}

/// One text's candidates judged: the overlap policy, the regions, roles and degree clauses, the
/// evidence, and judging again after a rejected long match frees the shorter ones it hid, in
/// one call (`skillterms.resolve.context.judge` and `mentions`).
#[pyclass(frozen, module = "skillterms._core")]
pub struct Resolver {
    regions: Py<RegionFinder>,
    degrees: Py<DegreeReader>,
    titles: Py<TitleReader>,
    evidence: Py<EvidenceReader>,
    common_words: FxHashSet<String>,
    /// what the resolver knows of each finder entry, by its number (None for a not_terms phrase)
    entries: Vec<Option<EntryFacts>>,
}

/// What the resolver knows of a finder entry with a term.
struct EntryFacts {
    /// its term's number for the evidence reader
    number: usize,
    /// the flags it gives a row (broad, ambiguous, its term's kind)
    flags: u8,
    /// the identity of its term object, which tells "the same term" apart for the policy
    term: u64,
    /// its term as a mention names it: name, category, kind
    names: [Py<PyString>; 3],
}

/// An entry's facts as Python gives them: (term number, flags, term identity, name, category, kind).
type EntryRow = (usize, u8, u64, Py<PyString>, Py<PyString>, Py<PyString>);

/// A candidate's row for the resolver: (start, end, term number, flags, term identity).
type JudgedRow = (usize, usize, usize, u8, u64);

/// A decision as Python gets it: (pool index, accepted, reason code, phrase, other, kept by
/// the longest-match reading).
type Decided = (usize, bool, u8, Option<String>, Option<usize>, bool);

/// The rows of one text's candidates the resolver judges: the term candidates (`pool`) and
/// the not_terms phrases (`blockers`), each with the index of the finder row it came from.
struct Split {
    pool: Vec<JudgedRow>,
    pool_rows: Vec<usize>,
    blockers: Vec<JudgedRow>,
    blocker_rows: Vec<usize>,
}

#[pymethods]
impl Resolver {
    /// The rule words' region finder, degree reader and title reader, the terms' evidence reader,
    /// `wordlist.common_words()`, and for each finder entry (by number) None for a not_terms
    /// phrase, else (its term's number for the evidence reader, flag bits: 16 broad, 32
    /// ambiguous, 64 a tool, 128 a concept, the identity of its term object, and its term's
    /// name, category and kind).
    #[new]
    fn new(
        regions: Py<RegionFinder>,
        degrees: Py<DegreeReader>,
        titles: Py<TitleReader>,
        evidence: Py<EvidenceReader>,
        common_words: Vec<String>,
        entries: Vec<Option<EntryRow>>,
    ) -> Self {
        Resolver {
            regions,
            degrees,
            titles,
            evidence,
            common_words: common_words.into_iter().collect(),
            entries: entries
                .into_iter()
                .map(|e| {
                    e.map(|(number, flags, term, name, category, kind)| EntryFacts {
                        number,
                        flags,
                        term,
                        names: [name, category, kind],
                    })
                })
                .collect(),
        }
    }

    /// The names of the reasons, by the codes `judge` gives.
    #[classattr]
    fn reasons() -> Vec<String> {
        let fixed = REASON_NAMES.iter().chain(&OWN_REASONS);
        let evidence = evidence::REASON_NAMES.iter();
        let mut names: Vec<String> = fixed.chain(evidence).map(|s| s.to_string()).collect();
        names.extend((0..REGION_KINDS).map(|n| format!("region_{n}")));
        names
    }

    /// Decides the candidates of `text` (clean text) that the finder's `rows` hold (see
    /// `Finder.find`: by start, longest first; the ones it rejected are passed over). `cues` are
    /// the offsets of the degree cues the finder saw; `overlaps` the policy, `context` whether the context rules run,
    /// `broad` whether broad surfaces count everywhere. Gives the indices of the rows judged
    /// (the pool), of the not_terms phrases among them (the blockers), and each decided
    /// candidate's (index into the pool, accepted, reason code, the phrase or None, the
    /// candidate the reason names (an index into the pool, or past it into the blockers) or
    /// None, kept by the longest-match reading); the reason code 255 is no reason.
    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        rows: Vec<Bound<'_, PyTuple>>,
        cues: Vec<usize>,
        overlaps: &str,
        context: bool,
        broad: bool,
    ) -> PyResult<(Vec<usize>, Vec<usize>, Vec<Decided>)> {
        let keep_all = OverlapPolicy::new(overlaps)?.keep_all;
        let found = rows
            .iter()
            .map(found_row)
            .collect::<PyResult<Vec<FoundRow>>>()?;
        let split = self.split(&found)?;
        let t = code_points(text)?;
        let text = || Ok(text.clone());
        let verdicts = self.verdicts(py, text, &t, &split, &cues, keep_all, context, broad)?;
        let decided = verdicts
            .into_iter()
            .enumerate()
            .filter_map(|(k, v)| {
                v.map(|v| {
                    (
                        k,
                        v.accepted,
                        v.reason,
                        v.phrase,
                        v.other,
                        v.kept_by_longest,
                    )
                })
            })
            .collect();
        Ok((split.pool_rows, split.blocker_rows, decided))
    }

    /// The mentions in `original` that count, by start: (start, end, term name, category,
    /// kind, the text as written) each. `cleaner` cleans it (`decode` decoding its entities,
    /// see `Cleaner.normalize`), `finder` finds the candidates of the clean text (with typos
    /// when `typos`), judged as `judge` does; an offset inside a decoded entity is moved to its
    /// edge, as `normalize.snap_start` and `snap_end` do. All in one call: the clean text
    /// stays code points throughout. Each mention is a tuple of those fields, or the record
    /// `records` makes of them.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (finder, cleaner, original, decode, typos, overlaps, context, broad, records=None))]
    fn mentions<'py>(
        &self,
        py: Python<'py>,
        finder: &Bound<'py, Finder>,
        cleaner: &Bound<'py, Cleaner>,
        original: &Bound<'py, PyString>,
        decode: &Bound<'py, PyAny>,
        typos: bool,
        overlaps: &str,
        context: bool,
        broad: bool,
        records: Option<&Bound<'py, Records>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let keep_all = OverlapPolicy::new(overlaps)?.keep_all;
        let cleaned = cleaner.get().clean(original, decode)?;
        let entities = &cleaned.entities;
        let t: Vec<char> = cleaned.units.iter().map(|&u| char_of(u)).collect();
        let finder = finder.get();
        let (found, cues) = py.detach(|| finder.found_rows(&t, typos));
        let split = self.split(&found)?;
        let out = PyList::empty(py);
        let text = || cleaned.text(original);
        let verdicts = self.verdicts(py, text, &t, &split, &cues, keep_all, context, broad)?;
        let inside = |offset: usize| {
            let k = entities.partition_point(|e| e.0 < offset); // the last entity starting before it
            (k > 0 && offset < entities[k - 1].1).then(|| entities[k - 1])
        };
        for (_, &k) in verdicts
            .iter()
            .zip(&split.pool_rows)
            .filter(|(v, _)| v.as_ref().is_some_and(|v| v.accepted))
        {
            let row = &found[k];
            let (mut start, mut end) = (row.start, row.end);
            if !entities.is_empty() {
                start = inside(start).map_or(start, |e| e.0);
                end = inside(end).map_or(end, |e| e.1);
            }
            let Some(Some(EntryFacts { names: term, .. })) = self.entries.get(row.entry as usize)
            else {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "no term for entry {}",
                    row.entry
                )));
            };
            let written = substring(original, start, end)?;
            let fields = [
                start.into_pyobject(py)?.into_any(),
                end.into_pyobject(py)?.into_any(),
                term[0].bind(py).clone().into_any(),
                term[1].bind(py).clone().into_any(),
                term[2].bind(py).clone().into_any(),
                written.into_any(),
            ];
            match records {
                Some(records) => out.append(records.get().make(py, &fields)?)?,
                None => out.append(PyTuple::new(py, fields)?)?,
            }
        }
        Ok(out)
    }
}

/// `text[start:end]`, as Python slices a str (by code points).
fn substring<'py>(
    text: &Bound<'py, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let (start, end) = (start as pyo3::ffi::Py_ssize_t, end as pyo3::ffi::Py_ssize_t);
    // SAFETY: `text` is a live str; PyUnicode_Substring returns a new reference or NULL with
    // an exception set, which from_owned_ptr_or_err turns into the error.
    unsafe {
        Bound::from_owned_ptr_or_err(
            text.py(),
            pyo3::ffi::PyUnicode_Substring(text.as_ptr(), start, end),
        )
    }
}

/// A finder row (see `Finder.find`) as the resolver reads it.
fn found_row(row: &Bound<'_, PyTuple>) -> PyResult<FoundRow> {
    let reason: String = row.get_item(6)?.extract()?;
    Ok(FoundRow {
        start: row.get_item(0)?.extract()?,
        end: row.get_item(1)?.extract()?,
        entry: row.get_item(2)?.extract()?,
        glued: row.get_item(3)?.extract()?,
        absorbed: row.get_item(4)?.extract()?,
        case_variant: row.get_item(5)?.extract()?,
        rejected: !reason.is_empty(),
        elided: row.len() > 8,
    })
}

impl Resolver {
    /// The candidates the finder did not reject, as the resolver's rows: the term candidates
    /// and the not_terms phrases, with the policy's flags and the entry's.
    fn split(&self, found: &[FoundRow]) -> PyResult<Split> {
        let mut split = Split {
            pool: Vec::new(),
            pool_rows: Vec::new(),
            blockers: Vec::new(),
            blocker_rows: Vec::new(),
        };
        for (k, row) in found.iter().enumerate() {
            if row.rejected {
                continue;
            }
            let flag = |on: bool, bit: u8| if on { bit } else { 0 };
            let flags = flag(row.glued, GLUED)
                | flag(row.case_variant, CASE_VARIANT)
                | flag(row.absorbed, ABSORBED)
                | flag(row.elided, ELIDED);
            let known = self.entries.get(row.entry as usize).ok_or_else(|| {
                pyo3::exceptions::PyValueError::new_err(format!("no entry numbered {}", row.entry))
            })?;
            match known {
                None => {
                    split.blockers.push((row.start, row.end, 0, flags, 0));
                    split.blocker_rows.push(k);
                }
                Some(facts) => {
                    split.pool.push((
                        row.start,
                        row.end,
                        facts.number,
                        flags | facts.flags,
                        facts.term,
                    ));
                    split.pool_rows.push(k);
                }
            }
        }
        Ok(split)
    }

    /// Every pool candidate's verdict (None: undecided), judged with the GIL released.
    #[allow(clippy::too_many_arguments)]
    fn verdicts<'py>(
        &self,
        py: Python<'py>,
        text: impl FnOnce() -> PyResult<Bound<'py, PyString>>,
        t: &[char],
        split: &Split,
        cues: &[usize],
        keep_all: bool,
        context: bool,
        broad: bool,
    ) -> PyResult<Vec<Option<Verdict>>> {
        if split.pool.is_empty() {
            return Ok(Vec::new());
        }
        let low = &lowercase_of(text, t)?;
        let span = |(i, &(start, end, number, flags, term)): (usize, &JudgedRow)| Span {
            index: i,
            start,
            end,
            term,
            number,
            flags,
            blocker: false,
        };
        let cands: Vec<Span> = split.pool.iter().enumerate().map(span).collect();
        let blockers: Vec<Span> = split
            .blockers
            .iter()
            .enumerate()
            .map(|(i, row)| Span {
                index: cands.len() + i,
                blocker: true,
                ..span((i, row))
            })
            .collect();
        if let Some(c) = cands
            .iter()
            .chain(&blockers)
            .find(|c| c.start > c.end || c.end > t.len())
        {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "span ({}, {}) is not inside a text of {} characters",
                c.start,
                c.end,
                t.len()
            )));
        }
        Ok(py.detach(|| {
            // the degree clauses matter to the context rules only
            let degree_clauses = if context && !cues.is_empty() {
                self.degrees.get().clauses(t, cues)
            } else {
                Vec::new()
            };
            Judging {
                resolver: self,
                regions: self.regions.get(),
                titles: self.titles.get(),
                evidence: self.evidence.get(),
                t,
                low,
                cands: &cands,
                blockers: &blockers,
                degree_clauses: &degree_clauses,
                context,
                broad,
                verdicts: vec![None; cands.len()],
                own: OwnContexts::new(cands.len()),
                named_before: vec![None; cands.len()],
            }
            .run(keep_all)
        }))
    }
}

struct Judging<'a> {
    resolver: &'a Resolver,
    regions: &'a RegionFinder,
    titles: &'a TitleReader,
    evidence: &'a EvidenceReader,
    t: &'a [char],
    low: &'a [char],
    cands: &'a [Span],
    blockers: &'a [Span],
    degree_clauses: &'a [(usize, usize)],
    context: bool,
    broad: bool,
    verdicts: Vec<Option<Verdict>>,
    /// what each candidate's own context says, and whether the words before it name it a
    /// title: read once per candidate, however many passes decide the text
    own: OwnContexts,
    named_before: Vec<Option<bool>>,
}

impl Judging<'_> {
    fn run(mut self, keep_all: bool) -> Vec<Option<Verdict>> {
        if !keep_all {
            self.judge(false);
            return self.verdicts;
        }
        // Every match the longest-wins reading keeps is a match of this one too: the context
        // rules read other neighbours when nested matches stay, and must not lose it.
        self.judge(false);
        let longest: Vec<usize> = (0..self.cands.len())
            .filter(|&k| matches!(&self.verdicts[k], Some(v) if v.accepted))
            .collect();
        self.verdicts.iter_mut().for_each(|v| *v = None);
        self.judge(true);
        for k in longest {
            match &mut self.verdicts[k] {
                Some(v) if v.accepted => {}
                Some(v) => {
                    v.accepted = true;
                    v.kept_by_longest = true;
                }
                None => {
                    // still a candidate, with no reason: kept, with an empty one
                    let mut v = Verdict::new(true, NO_REASON, None);
                    v.kept_by_longest = true;
                    self.verdicts[k] = Some(v);
                }
            }
        }
        self.verdicts
    }

    /// `Extractor._judge`: every candidate's decision under one policy.
    fn judge(&mut self, keep_all: bool) {
        let mut pool: Vec<usize> = (0..self.cands.len()).collect();
        let mut regions: Option<Vec<(usize, usize, u8, bool)>> = None;
        let mut first = true;
        while !pool.is_empty() {
            if !first {
                for &k in &pool {
                    self.verdicts[k] = None;
                }
            }
            first = false;
            let spans: Vec<Span> = pool.iter().map(|&k| self.cands[k]).collect();
            let (chosen, lost) = if keep_all {
                self::keep_all(&spans, self.blockers)
            } else {
                longest(spans, self.blockers.to_vec())
            };
            for (k, code, other) in lost {
                self.verdicts[k] = Some(Verdict::new(false, code, Some(other)));
            }
            self.decide(&chosen, keep_all, &mut regions);
            if keep_all {
                break;
            }
            let dropped: FxHashSet<usize> = chosen
                .iter()
                .copied()
                .filter(|&k| matches!(&self.verdicts[k], Some(v) if !v.accepted))
                .collect();
            if dropped.is_empty() {
                break;
            }
            // A rejected match frees the shorter ones it hid ("Command R" rejected, "R" alone).
            pool.retain(|k| !dropped.contains(k));
        }
    }

    /// `Extractor._decide` and `ContextRules.apply`: decide the kept candidates `chosen`.
    fn decide(
        &mut self,
        chosen: &[usize],
        nested: bool,
        regions: &mut Option<Vec<(usize, usize, u8, bool)>>,
    ) {
        if !self.context {
            for &k in chosen {
                self.verdicts[k] = Some(if self.cands[k].flags & CASE_VARIANT != 0 {
                    Verdict::new(false, CASE_FORM_CONTEXT_OFF, None)
                } else {
                    Verdict::new(true, CONTEXT_OFF, None)
                });
            }
            return;
        }
        let regions = regions.get_or_insert_with(|| self.found_regions(chosen));
        let spans: Vec<(usize, usize)> = chosen
            .iter()
            .map(|&k| (self.cands[k].start, self.cands[k].end))
            .collect();
        let mut pending = Vec::new();
        for (i, &k) in chosen.iter().enumerate() {
            let c = self.cands[k];
            let concept = c.flags & CONCEPT != 0;
            if let Some(kind) = covering(regions, c.start, concept) {
                self.verdicts[k] = Some(Verdict::new(false, REGION_FIRST + kind, None));
                continue;
            }
            if concept {
                let before = *self.named_before[k]
                    .get_or_insert_with(|| self.titles.named_before(self.t, c.start, c.end));
                if before || self.titles.named_after(self.t, &spans, i) || self.in_a_name(i, chosen)
                {
                    self.verdicts[k] = Some(Verdict::new(false, JOB_TITLE, None));
                    continue;
                }
                if inside(self.degree_clauses, c.start) {
                    self.verdicts[k] = Some(Verdict::new(false, DEGREE_FIELD, None));
                    continue;
                }
            }
            if c.flags & (CASE_VARIANT | AMBIGUOUS) != 0 || (c.flags & BROAD != 0 && !self.broad) {
                pending.push(i);
            } else {
                self.verdicts[k] = Some(Verdict::new(true, UNAMBIGUOUS, None));
            }
        }
        if !pending.is_empty() {
            self.weigh_evidence(chosen, &pending, nested);
        }
    }

    /// The regions of the text, as `Regions` keeps them: the empty ones left out, by start,
    /// longest first. `term_starts` are those of the candidates kept when they are first asked.
    fn found_regions(&self, chosen: &[usize]) -> Vec<(usize, usize, u8, bool)> {
        let term_starts: FxHashSet<usize> = chosen.iter().map(|&k| self.cands[k].start).collect();
        let mut found: Vec<(usize, usize, u8, bool)> = self
            .regions
            .regions(self.t, self.low, &term_starts)
            .into_iter()
            .filter(|r| r.1 > r.0)
            .map(|(start, end, kind)| (start, end, kind as u8, kind.concepts_only()))
            .collect();
        found.sort_by_key(|r| (r.0, std::cmp::Reverse(r.1)));
        found
    }

    fn weigh_evidence(&mut self, chosen: &[usize], pending: &[usize], nested: bool) {
        let rows: Vec<Row> = chosen
            .iter()
            .map(|&k| {
                let c = &self.cands[k];
                Row {
                    id: k,
                    start: c.start,
                    end: c.end,
                    case_variant: c.flags & CASE_VARIANT != 0,
                    broad: c.flags & BROAD != 0,
                    tool: c.flags & TOOL != 0,
                    concept: c.flags & CONCEPT != 0,
                    term: c.number,
                }
            })
            .collect();
        let status = chosen
            .iter()
            .map(|&k| match &self.verdicts[k] {
                None => Status::Candidate,
                Some(v) if v.accepted => Status::Accepted,
                Some(_) => Status::Rejected,
            })
            .collect();
        let mut decided = self.evidence.decide_rows(
            self.t,
            &rows,
            status,
            pending,
            self.broad,
            nested,
            &mut self.own,
        );
        for &i in pending {
            if let Some(d) = decided[i].take() {
                self.verdicts[chosen[i]] = Some(Verdict {
                    accepted: d.accepted,
                    reason: EVIDENCE_FIRST + d.reason as u8,
                    phrase: d.phrase,
                    other: d.other.map(|o| chosen[o]),
                    kept_by_longest: false,
                });
            }
        }
    }

    /// `_in_a_name`: an acronym closing a company or award name ("Zest AI", "the Forbes AI
    /// 50", "Nightfall AI (nightfall.ai) is ...").
    fn in_a_name(&self, i: usize, chosen: &[usize]) -> bool {
        let t = self.t;
        let c = self.cands[chosen[i]];
        let surface = &t[c.start..c.end];
        if !((2..=3).contains(&surface.len()) && str_is_upper(surface)) {
            return false;
        }
        let from = c.start.saturating_sub(NAME_BACK);
        let before = &t[from..c.start];
        if before.last() != Some(&' ') {
            return false;
        }
        let words = split_words(before);
        let Some(&(a, b)) = words.last() else {
            return false;
        };
        let name = &before[a..b];
        if !(name.len() >= 3
            && str_all(name, is_alpha)
            && str_is_upper(&name[..1])
            && str_is_lower(&name[1..]))
        {
            return false;
        }
        // The name opens its stretch of text when no word stands before it in the window:
        // at the start of the text, or after a run of blanks (padding, HTML blanked out).
        let previous_end = (words.len() > 1).then(|| before[words[words.len() - 2].1 - 1]);
        if matches!(previous_end, None | Some('.' | ':')) {
            // a sentence starts with the name: "Nightfall AI (...) is"; not a verb: "Apply AI to"
            let lowered: String = name.iter().collect::<String>().to_lowercase();
            if self.resolver.common_words.contains(&lowered) || !name_goes_on(t, c.end) {
                return false;
            }
        } else if let Some(end) = previous_end {
            if !(end == ',' || str_is_lower(&[end])) {
                return false;
            }
        }
        // the name is the last word, so its last occurrence in the window is where it starts
        i == 0 || self.cands[chosen[i - 1]].end <= from + a
    }
}

/// `Regions.covering`: the kind of the region in which a term starting at `start` does not
/// count (one that blocks every term is preferred over a concepts-only one).
fn covering(regions: &[(usize, usize, u8, bool)], start: usize, concept: bool) -> Option<u8> {
    let mut found = None;
    for &(s, e, kind, concepts_only) in regions {
        if s > start {
            break;
        }
        if start < e && (concept || !concepts_only) {
            if !concepts_only {
                return Some(kind);
            }
            found = found.or(Some(kind));
        }
    }
    found
}

/// `_inside`: whether `offset` is inside the last of `spans` (by start) that starts at or
/// before it.
fn inside(spans: &[(usize, usize)], offset: usize) -> bool {
    let k = spans.partition_point(|s| s.0 <= offset);
    k > 0 && spans[k - 1].0 <= offset && offset < spans[k - 1].1
}

/// `str.split()`: the (start, end) of each run of characters that are not Python whitespace.
fn split_words(s: &[char]) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, &ch) in s.iter().enumerate() {
        match (is_space(ch), start) {
            (true, Some(a)) => {
                words.push((a, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(a) = start {
        words.push((a, s.len()));
    }
    words
}

/// `_NAME_GOES_ON.match(text, at)`: what follows a company name at the start of a sentence,
/// `[ \t]*(?:\(|\||,|['’]s\b|(?:is|was|has|builds|provides|helps|offers)\b)`.
fn name_goes_on(t: &[char], at: usize) -> bool {
    let mut p = at;
    while p < t.len() && matches!(t[p], ' ' | '\t') {
        p += 1;
    }
    let word_ends = |q: usize| q >= t.len() || !is_word(t[q]);
    let starts_with = |word: &str| {
        let n = word.chars().count();
        p + n <= t.len() && t[p..p + n].iter().copied().eq(word.chars()) && word_ends(p + n)
    };
    match t.get(p) {
        Some('(' | '|' | ',') => true,
        Some('\'' | '’') => t.get(p + 1) == Some(&'s') && word_ends(p + 2),
        Some(_) => NAME_VERBS.iter().any(|w| starts_with(w)),
        None => false,
    }
}
