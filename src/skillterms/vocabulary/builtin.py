"""The built-in vocabulary, loaded once per process: from the compiled snapshot the core
carries, or from the YAML files themselves.

Reading the YAML files and compiling their tables costs about a second; loading the
snapshot costs a fraction of it, which is what keeps ``import skillterms`` plus the first
extraction fast. The core's build script (``native/build.rs``, through
:mod:`skillterms.snapshot`) writes the snapshot and the core embeds it; nothing writes it at
import or run time.

The snapshot is used only when its header matches: the format, the skillterms version, the
Python version and the fingerprint of the YAML files actually shipped. Anything else (an
edited vocabulary file, a damaged snapshot) falls back to compiling the
YAML files, which gives the same results. Unpickling is restricted to skillterms' own
classes and plain containers, so the file can construct nothing else.
"""

from __future__ import annotations

import io
import pickle
import sys
import warnings
from functools import lru_cache
from typing import Any

from .._version import __version__
from .load import builtin_fingerprint, load_vocabulary
from .model import Vocabulary

__all__ = ["default_vocabulary", "shipped_tables", "SNAPSHOT_NAME", "snapshot_header", "load_snapshot",
           "read_snapshot"]

PACKAGE = "skillterms"
SNAPSHOT_NAME = "builtin_vocabulary.pickle"
FORMAT = 1
_PLAIN = {("builtins", "frozenset"), ("builtins", "set"), ("builtins", "bytearray")}


_shipped: tuple[Vocabulary, object] | None = None  # the snapshot's vocabulary and its compiled tables


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The built-in vocabulary, loaded once per process (from the compiled snapshot that
    installed wheels carry, when it matches the shipped files)."""
    global _shipped
    loaded = read_snapshot(builtin_fingerprint())
    if loaded is None:
        return load_vocabulary()
    _shipped = loaded
    return loaded[0]


def shipped_tables(vocab: Vocabulary) -> object | None:
    """The lookup tables the snapshot shipped compiled with ``vocab``, if it came from there
    (:func:`skillterms.find.tables.compile_vocabulary` uses them instead of compiling)."""
    return _shipped[1] if _shipped is not None and _shipped[0] is vocab else None


def snapshot_header(fingerprint: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": __version__, "python": tuple(sys.version_info[:2]),
            "fingerprint": fingerprint}


class _SnapshotUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _PLAIN:
            return super().find_class(module, name)
        if module.startswith(PACKAGE + ".") and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"the vocabulary snapshot may not construct {module}.{name}")


def load_snapshot(data: bytes, fingerprint: str) -> tuple[Vocabulary, object] | None:
    """The Vocabulary in snapshot bytes and its compiled tables, if their header matches
    ``fingerprint`` and this skillterms and Python, else None. Raises ``pickle.UnpicklingError`` (and the like) on
    damaged bytes or on a global other than skillterms' classes and plain containers."""
    stream = io.BytesIO(data)
    if _SnapshotUnpickler(stream).load() != snapshot_header(fingerprint):
        return None
    vocab, tables = _SnapshotUnpickler(stream).load()
    if not isinstance(vocab, Vocabulary):
        raise pickle.UnpicklingError("the vocabulary snapshot holds no Vocabulary")
    return vocab, tables


def read_snapshot(fingerprint: str) -> tuple[Vocabulary, object] | None:
    """The shipped snapshot's Vocabulary and compiled tables if it was built from these very
    files, else None. The snapshot is embedded in the compiled core by its build script
    (``native/build.rs``)."""
    from .. import _core

    data = _core.snapshot()
    try:
        return load_snapshot(data, fingerprint)
    except Exception as exc:  # a damaged snapshot must not stop extraction: the YAML files are there
        warnings.warn(f"skillterms: ignoring the damaged vocabulary snapshot in {_core.__file__} ({exc}); "
                      "reinstall skillterms to restore the fast start", RuntimeWarning, stacklevel=3)
        return None
