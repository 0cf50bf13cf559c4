//! skillterms' compiled core, imported as `skillterms._core`.
mod cleaning;
mod degrees;
mod evidence;
mod finder;
mod phrases;
mod pychars;
mod records;
mod regions;
mod resolve;
mod titles;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_arena_eager_commit` in mimalloc.h (the same number in its v2 and v3).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Where the OS overcommits, mimalloc commits its arenas up front, and with transparent huge
/// pages that left the process 26 MB larger once the vocabulary was built (124 MB at the end of
/// the corpora against 97 with the system allocator); committed as pages are used, 11 MB
/// larger, at the same speed.
fn commit_allocator_memory_on_demand() {
    // SAFETY: sets one of mimalloc's options, a plain integer, read when it next maps memory.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) }
}

/// The built-in vocabulary compiled at build time (see build.rs): what
/// `skillterms.vocabulary.builtin` unpickles instead of compiling the YAML files.
static SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_vocabulary.pickle"));

/// The snapshot bytes of the built-in vocabulary, as the build wrote them.
#[pyfunction]
fn snapshot(py: Python<'_>) -> Bound<'_, PyBytes> {
    PyBytes::new(py, SNAPSHOT)
}

/// Which code points below `limit` a Python-compatible predicate ("isalnum", "isspace", ...)
/// holds for: the test that holds the core's character classes to Python's own.
#[pyfunction]
fn char_class(name: &str, limit: u32) -> PyResult<Vec<u32>> {
    let test = pychars::by_name(name).ok_or_else(|| {
        pyo3::exceptions::PyValueError::new_err(format!("no character class {name:?}"))
    })?;
    Ok((0..limit)
        .filter_map(char::from_u32)
        .filter(|&c| test(c))
        .map(|c| c as u32)
        .collect())
}

/// The characters `re.IGNORECASE` compares as another, with it: the test that holds the core's
/// folds to Python's own.
#[pyfunction]
fn char_folds() -> Vec<(u32, u32)> {
    pychars::folds()
}

/// `rulewords.lowercase(text)` as the core reads it: the test that holds it to Python's.
#[pyfunction]
fn lowercase(text: &Bound<'_, pyo3::types::PyString>) -> PyResult<String> {
    let t = pychars::code_points(text)?;
    Ok(pychars::lowercase_of(|| Ok(text.clone()), &t)?
        .into_iter()
        .collect())
}

/// The proper prefixes of the NUL-joined keys that the finder reads on from (see
/// `finder::key_prefixes`): the tables `skillterms.find.tables` shows the reference finders.
#[pyfunction]
fn key_prefixes(key_text: &str, written_splits: &str, unsplit: Vec<String>) -> Vec<String> {
    let unsplit: rustc_hash::FxHashSet<String> = unsplit.into_iter().collect();
    finder::key_prefixes(key_text, written_splits, &unsplit)
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    commit_allocator_memory_on_demand();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(snapshot, m)?)?;
    m.add_class::<finder::Finder>()?;
    m.add_class::<regions::RegionFinder>()?;
    m.add_class::<titles::TitleReader>()?;
    m.add_class::<evidence::EvidenceReader>()?;
    m.add_class::<degrees::DegreeReader>()?;
    m.add_class::<resolve::OverlapPolicy>()?;
    m.add_class::<resolve::Resolver>()?;
    m.add_class::<records::Records>()?;
    m.add_function(wrap_pyfunction!(char_class, m)?)?;
    m.add_function(wrap_pyfunction!(char_folds, m)?)?;
    m.add_function(wrap_pyfunction!(key_prefixes, m)?)?;
    m.add_function(wrap_pyfunction!(lowercase, m)?)?;
    m.add_class::<cleaning::Cleaner>()?;
    Ok(())
}
