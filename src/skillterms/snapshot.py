"""Writes the built-in vocabulary's snapshot: the vocabulary and its lookup tables, compiled,
for the core's build script (``native/build.rs``), which runs before the core exists: nothing
here may call into :mod:`skillterms._core`. Reading it is
:mod:`skillterms.vocabulary.builtin`'s job; nothing writes it at import or run time."""

from __future__ import annotations

import copyreg
import io
import pickle

from .extract import derived_tables
from .find.core import finder_tables
from .find.tables import CompiledVocabulary
from .vocabulary.builtin import SNAPSHOT_NAME, payload_digest, snapshot_header
from .vocabulary.load import load_vocabulary
from .vocabulary.model import Vocabulary

__all__ = ["SNAPSHOT_NAME", "snapshot_bytes"]


class _SnapshotPickler(pickle.Pickler):
    def reducer_override(self, obj):
        # With its lookup by surface, which its own pickling rebuilds: rebuilding it would
        # cost the cold start a fifth of a second.
        if type(obj) is Vocabulary:
            return copyreg.__newobj__, (Vocabulary,), dict(obj.__dict__)
        return NotImplemented


def snapshot_bytes() -> bytes:
    """The built-in vocabulary compiled from its YAML files, as snapshot bytes: a header (what
    it was built from, and the digest of what follows), then the vocabulary with its tables
    (those later steps derive from them included)."""
    vocab = load_vocabulary()
    compiled = CompiledVocabulary(vocab)  # its own tables, not those of an equal vocabulary
    derived_tables(compiled)
    finder_tables(compiled)
    payload = io.BytesIO()
    _SnapshotPickler(payload, protocol=5).dump((vocab, compiled))
    header = {**snapshot_header(vocab.fingerprint), "payload": payload_digest(payload.getbuffer())}
    return pickle.dumps(header, protocol=5) + payload.getvalue()
