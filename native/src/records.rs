//! Result records made by the core: instances of a frozen, slotted dataclass (`Mention`)
//! with their fields set, as the class's generated `__init__` sets them, without running
//! Python for each one. A text can have thousands of mentions, and the generated `__init__`
//! (six `object.__setattr__` calls in a Python frame) cost more per mention than finding it.
use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyList, PyString, PyTuple, PyType};

/// Makes instances of one record class from its field values, in field order.
#[pyclass(frozen, module = "skillterms._core")]
pub struct Records {
    cls: Py<PyType>,
    fields: Vec<Py<PyString>>,
    alloc: ffi::allocfunc,
}

#[pymethods]
impl Records {
    /// `cls` must keep exactly `fields` in slots (`@dataclass(slots=True)`) and run nothing
    /// after setting them (no `__post_init__`): what its `__init__` does is then only that.
    #[new]
    fn new(cls: &Bound<'_, PyType>, fields: Vec<Bound<'_, PyString>>) -> PyResult<Self> {
        let py = cls.py();
        let name = cls.name()?;
        let own = cls.getattr("__dict__")?;
        if own.contains("__post_init__")? {
            return Err(PyTypeError::new_err(format!(
                "{name} runs __post_init__, which records made by the core would skip"
            )));
        }
        let slots: Vec<String> = match own.get_item("__slots__") {
            Ok(slots) => slots.extract()?,
            Err(_) => Vec::new(),
        };
        let mut names: Vec<String> = fields
            .iter()
            .map(|f| f.to_str().map(str::to_string))
            .collect::<PyResult<_>>()?;
        let mut sorted_slots = slots.clone();
        sorted_slots.sort();
        names.sort();
        if names != sorted_slots {
            return Err(PyTypeError::new_err(format!(
                "{name} must keep its fields {names:?} in slots, not {slots:?}"
            )));
        }
        // SAFETY: `cls` is a live type object; Py_tp_alloc is a slot every type has (inherited
        // from object when the class does not set it), returned as a function pointer.
        let alloc = unsafe { ffi::PyType_GetSlot(cls.as_ptr().cast(), ffi::Py_tp_alloc) };
        if alloc.is_null() {
            return Err(PyTypeError::new_err(format!("{name} has no allocator")));
        }
        Ok(Records {
            cls: cls.clone().unbind(),
            fields: fields
                .into_iter()
                .map(|f| Ok(PyString::intern(py, f.to_str()?).unbind()))
                .collect::<PyResult<_>>()?,
            // SAFETY: the Py_tp_alloc slot holds an allocfunc
            alloc: unsafe { std::mem::transmute::<*mut std::ffi::c_void, ffi::allocfunc>(alloc) },
        })
    }

    /// One record for each tuple of field values in `rows`.
    fn make_all<'py>(&self, rows: &Bound<'py, PyList>) -> PyResult<Bound<'py, PyList>> {
        let py = rows.py();
        let out = PyList::empty(py);
        let mut values: Vec<Bound<'py, PyAny>> = Vec::with_capacity(self.fields.len());
        for row in rows.iter() {
            values.clear(); // one buffer for the values of every row
            values.extend(row.cast_into::<PyTuple>()?.iter());
            out.append(self.make(py, &values)?)?;
        }
        Ok(out)
    }
}

impl Records {
    /// A record with `values` as its fields, in field order.
    pub(crate) fn make<'py>(
        &self,
        py: Python<'py>,
        values: &[Bound<'py, PyAny>],
    ) -> PyResult<Bound<'py, PyAny>> {
        if values.len() != self.fields.len() {
            return Err(PyTypeError::new_err(format!(
                "a record takes {} values, not {}",
                self.fields.len(),
                values.len()
            )));
        }
        // SAFETY: `alloc` is the class's own allocator, called as `object.__new__` calls it; it
        // returns a new reference or NULL with an exception set. The generic setattr stores each
        // value through the class's slot descriptor, as `object.__setattr__` (which a frozen
        // dataclass's `__init__` calls) does, and reports a failure the same way.
        unsafe {
            let obj = (self.alloc)(self.cls.as_ptr().cast(), 0);
            let obj = Bound::from_owned_ptr_or_err(py, obj)?;
            for (name, value) in self.fields.iter().zip(values) {
                if ffi::PyObject_GenericSetAttr(obj.as_ptr(), name.as_ptr(), value.as_ptr()) < 0 {
                    return Err(PyErr::fetch(py));
                }
            }
            // A frozen record of ints and strs is in no reference cycle, nor can it be put in
            // one: like a tuple of them, which CPython untracks, it is left out of the cycle
            // collector's passes, which otherwise walk every mention of a long text again and
            // again (a quarter of the time on a text of 770,000 mentions).
            if values
                .iter()
                .all(|v| v.is_exact_instance_of::<PyInt>() || v.is_exact_instance_of::<PyString>())
            {
                ffi::PyObject_GC_UnTrack(obj.as_ptr().cast());
            }
            Ok(obj)
        }
    }
}
