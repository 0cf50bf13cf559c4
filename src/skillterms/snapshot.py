"""Writes the built-in vocabulary's snapshot: the vocabulary and its lookup tables, compiled,
for the wheel's build hook (``hatch_build.py``). Reading it is
:mod:`skillterms.vocabulary.builtin`'s job; nothing writes it at import or run time."""

from __future__ import annotations

import io
import pickle

from .extract import derived_tables
from .find.tables import compile_vocabulary
from .vocabulary.builtin import SNAPSHOT_NAME, snapshot_header
from .vocabulary.load import load_vocabulary

__all__ = ["SNAPSHOT_NAME", "snapshot_bytes"]


def snapshot_bytes() -> bytes:
    """The built-in vocabulary compiled from its YAML files, as snapshot bytes: a header, then
    the vocabulary with its tables (those later steps derive from them included)."""
    vocab = load_vocabulary()
    compiled = compile_vocabulary(vocab)
    derived_tables(compiled, fuzzy=True)
    buffer = io.BytesIO()
    pickle.dump(snapshot_header(vocab.fingerprint), buffer, protocol=5)
    pickle.dump((vocab, compiled), buffer, protocol=5)
    return buffer.getvalue()
