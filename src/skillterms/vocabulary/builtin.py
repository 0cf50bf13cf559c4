"""The built-in vocabulary, loaded once per process: from the compiled snapshot the core
carries, or from the YAML files themselves.

Reading the YAML files and compiling their tables costs about a second; loading the
snapshot costs a fraction of it, which is what keeps ``import skillterms`` plus the first
extraction fast. The core's build script (``native/build.rs``, through
:mod:`skillterms.snapshot`) writes the snapshot and the core embeds it; nothing writes it at
import or run time.

The snapshot is used only when its header matches: the format, the skillterms version, the
Python version, the fingerprint of the YAML files actually shipped and that of the code
that compiles them (:func:`code_fingerprint`), and the digest of the bytes that follow it.
Anything else (an edited vocabulary file or module, a damaged or spliced snapshot) falls back to compiling the YAML files, which gives the same results.
Unpickling constructs the classes a snapshot holds and nothing else (:data:`SNAPSHOT_CLASSES`;
the header, none at all), from at most :data:`MAX_SNAPSHOT_BYTES`.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import io
import pickle
import sys
import warnings
from functools import lru_cache
from typing import Any

from .._version import __version__
from ..gcpause import gc_paused
from .load import builtin_fingerprint, load_vocabulary
from .model import Vocabulary

__all__ = ["default_vocabulary", "shipped_tables", "SNAPSHOT_NAME", "snapshot_header", "load_snapshot",
           "read_snapshot", "code_fingerprint", "payload_digest", "SNAPSHOT_CLASSES", "MAX_SNAPSHOT_BYTES"]

PACKAGE = "skillterms"
SNAPSHOT_NAME = "builtin_vocabulary.pickle"
FORMAT = 2
# Exactly the classes a snapshot holds: the vocabulary, its compiled tables and the tables
# derived from them. A class added to those tables must be added here, or the snapshot is
# refused and the YAML files are compiled (a test builds a snapshot and loads it).
SNAPSHOT_CLASSES = frozenset({
    ("skillterms.vocabulary.model", "Vocabulary"),
    ("skillterms.vocabulary.model", "Term"),
    ("skillterms.vocabulary.model", "Blocker"),
    ("skillterms.find.tables", "CompiledVocabulary"),
    ("skillterms.find.tables", "Entry"),
    ("skillterms.resolve.context", "ContextRules"),
})
MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024  # the built-in one has about 7 MB
_CODE_SUFFIXES = (".py", ".yaml", ".txt")  # modules and the rule data they read


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
    """What a snapshot must have been built from to be used here: this format, skillterms
    and Python, the vocabulary files of ``fingerprint`` and this very code."""
    return {"format": FORMAT, "version": __version__, "python": tuple(sys.version_info[:2]),
            "fingerprint": fingerprint, "code": code_fingerprint()}


def payload_digest(payload: bytes | memoryview) -> str:
    """The digest of the pickled vocabulary and tables that the header vouches for."""
    return hashlib.sha256(payload).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What identifies the code that compiles the tables: the names and bytes of this
    package's modules and rule data (the vocabulary files have their own fingerprint)."""
    digest = hashlib.sha256()
    for name, data in sorted(_code_files(importlib.resources.files(PACKAGE), "")):
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]


def _code_files(folder, prefix: str):
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name not in ("__pycache__", "vocab"):
                yield from _code_files(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(_CODE_SUFFIXES):
            yield prefix + entry.name, entry.read_bytes()


class _SnapshotUnpickler(pickle.Unpickler):
    """Constructs the classes of :data:`SNAPSHOT_CLASSES` and nothing else: no other module is
    even imported."""

    allowed: frozenset = SNAPSHOT_CLASSES

    def find_class(self, module: str, name: str):
        if (module, name) in self.allowed:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"the vocabulary snapshot may not construct {module}.{name}")


class _HeaderUnpickler(_SnapshotUnpickler):
    allowed = frozenset()  # the header is plain values


@gc_paused()
def load_snapshot(data: bytes, fingerprint: str) -> tuple[Vocabulary, object] | None:
    """The Vocabulary in snapshot bytes and its compiled tables, if their header matches
    ``fingerprint``, this skillterms, Python and code, and the bytes after it, else None.
    Raises ``pickle.UnpicklingError`` (and the like) on damaged bytes, on more than
    :data:`MAX_SNAPSHOT_BYTES`, or on a class the snapshot does not hold."""
    if len(data) > MAX_SNAPSHOT_BYTES:
        raise pickle.UnpicklingError(f"the vocabulary snapshot has {len(data):,} bytes, more than the "
                                     f"{MAX_SNAPSHOT_BYTES:,} one may have")
    stream = io.BytesIO(data)
    header = _HeaderUnpickler(stream).load()
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return None
    vouched = header.pop("payload", None)
    if header != snapshot_header(fingerprint):
        return None
    payload = memoryview(data)[stream.tell():]
    if vouched != payload_digest(payload):
        raise pickle.UnpicklingError("the vocabulary snapshot's contents are not those its header was written for")
    vocab, tables = _SnapshotUnpickler(io.BytesIO(payload)).load()
    if not isinstance(vocab, Vocabulary) or vocab.fingerprint != fingerprint or getattr(tables, "vocab", None) is not vocab:
        raise pickle.UnpicklingError("the vocabulary snapshot holds no vocabulary of these files with its tables")
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
