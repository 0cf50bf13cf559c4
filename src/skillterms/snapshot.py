"""The built-in vocabulary, compiled at wheel build time and shipped beside the YAML files.

Reading 25 YAML files and compiling 20,000 keys costs about a second; loading this
snapshot costs a fraction of it, which is what keeps ``import skillterms`` plus the first
extraction under a second. The wheel's build hook (``hatch_build.py``) writes :func:`snapshot_bytes`; nothing
writes it at import or run time.

The snapshot is used only when its header matches: the format, the skillterms version, the
Python version and the fingerprint of the YAML files actually shipped. Anything else (a
source checkout, an edited vocabulary file, a damaged file) falls back to compiling the
YAML files, which gives the same results. Unpickling is restricted to skillterms' own
classes and plain containers, so the file can construct nothing else.
"""

from __future__ import annotations

import copyreg
import importlib.resources
import io
import pickle
import sys
import warnings
from typing import Any

from . import __name__ as _package

__all__ = ["SNAPSHOT_NAME", "snapshot_bytes", "load_snapshot", "read_snapshot"]

SNAPSHOT_NAME = "builtin_vocabulary.pickle"
FORMAT = 1
_PLAIN = {("builtins", "frozenset"), ("builtins", "set"), ("builtins", "bytearray")}


def _header(fingerprint: str) -> dict[str, Any]:
    from . import __version__

    return {"format": FORMAT, "version": __version__, "python": tuple(sys.version_info[:2]),
            "fingerprint": fingerprint}


class _SnapshotPickler(pickle.Pickler):
    def reducer_override(self, obj):
        from .vocab import Vocabulary

        if type(obj) is Vocabulary:  # with its lookup tables, which its own pickling leaves out
            return copyreg.__newobj__, (Vocabulary,), dict(obj.__dict__)
        return NotImplemented


class _SnapshotUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _PLAIN:
            return super().find_class(module, name)
        if module.startswith(_package + ".") and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"the vocabulary snapshot may not construct {module}.{name}")


def snapshot_bytes() -> bytes:
    """The built-in vocabulary compiled from its YAML files, as snapshot bytes."""
    from .extract import derived_tables
    from .matcher import compile_vocabulary
    from .vocab import load_vocabulary

    vocab = load_vocabulary()
    compiled = compile_vocabulary(vocab)
    derived_tables(compiled, fuzzy=True)
    buffer = io.BytesIO()
    pickle.dump(_header(vocab.fingerprint), buffer, protocol=5)
    pickler = _SnapshotPickler(buffer, protocol=5)
    pickler.dump(vocab)
    return buffer.getvalue()


def load_snapshot(data: bytes, fingerprint: str):
    """The Vocabulary in snapshot bytes if their header matches ``fingerprint`` and this
    skillterms and Python, else None. Raises ``pickle.UnpicklingError`` (and the like) on
    damaged bytes or on a global other than skillterms' classes and plain containers."""
    stream = io.BytesIO(data)
    if _SnapshotUnpickler(stream).load() != _header(fingerprint):
        return None
    return _SnapshotUnpickler(stream).load()


def read_snapshot(fingerprint: str):
    """The shipped snapshot's Vocabulary (tables compiled) if it was built from these very
    files, else None."""
    resource = importlib.resources.files(_package) / SNAPSHOT_NAME
    try:
        data = resource.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None  # a source checkout or an editable install: compile from the YAML files
    try:
        return load_snapshot(data, fingerprint)
    except Exception as exc:  # a damaged file must not stop extraction: the YAML files are there
        warnings.warn(f"skillterms: ignoring the damaged vocabulary snapshot {resource} ({exc}); "
                      "reinstall skillterms to restore the fast start", RuntimeWarning, stacklevel=3)
        return None
