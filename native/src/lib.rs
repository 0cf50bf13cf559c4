//! skillterms' compiled core, imported as `skillterms._core`.
use pyo3::prelude::*;
use pyo3::types::PyBytes;

mod phrases;
mod pychars;
mod pychars_table;
mod regions;

/// The built-in vocabulary compiled at build time (see build.rs): what
/// `skillterms.vocabulary.builtin` unpickles instead of compiling the YAML files.
static SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_vocabulary.pickle"));

/// The snapshot bytes of the built-in vocabulary, as the build wrote them.
#[pyfunction]
fn snapshot(py: Python<'_>) -> Bound<'_, PyBytes> {
    PyBytes::new(py, SNAPSHOT)
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(snapshot, m)?)?;
    m.add_class::<regions::RegionFinder>()?;
    m.add_function(wrap_pyfunction!(pychars::char_table, m)?)?;
    Ok(())
}
