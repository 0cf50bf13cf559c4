//! The overlap policy (`skillterms.resolve.overlap.choose`): which of the candidates that
//! overlap are judged, and why the others are not. Ported from the Python kept as the oracle
//! in tests/reference/overlap.py; every sort here is stable, as Python's is, so ties keep the
//! order the candidates came in.
use pyo3::prelude::*;
use rustc_hash::FxHashMap;

/// The names of the reasons a candidate loses by, in the order of their codes (Python holds
/// their wording, `skillterms.resolve.overlap._OVERLAP_REASONS`).
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
    term: u64,
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
