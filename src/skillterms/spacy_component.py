"""spaCy pipeline component: skillterms mentions as spans in ``doc.spans``.

    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms")      # found through the ``spacy_factories`` entry point
    doc = nlp("5+ yrs Python3, C++/C# and k8s")
    [(s.text, s.kb_id_, s.label_) for s in doc.spans["skillterms"]]
    # [('Python3', 'Python', 'languages'), ('C++', 'C++', 'languages'),
    #  ('C#', 'C#', 'languages'), ('k8s', 'Kubernetes', 'devops')]

Each mention becomes a :class:`~spacy.tokens.Span` in ``doc.spans[spans_key]`` with
``label_`` = the term's category, ``kb_id_`` = its canonical name and ``id_`` = its kind
(``tool`` or ``concept``). The spans are exactly
the mentions of :meth:`skillterms.Extractor.extract` on ``doc.text`` with the same options,
in the same order: same character offsets, nothing added, nothing dropped.

Config (``nlp.add_pipe("skillterms", config={...})``; every value is JSON-serialisable):

``vocab_files`` (list of str, default ``[]``)
    user vocabulary YAML files or folders, applied in order over the built-in files;
``builtin`` (bool, default true)
    load the built-in vocabulary under them;
``overlaps`` (``"longest"`` or ``"all"``), ``fuzzy`` (bool), ``context`` (bool), ``broad`` (bool)
    as for :class:`skillterms.Extractor`;
``spans_key`` (str, default ``"skillterms"``)
    the ``doc.spans`` key the spans go to (replacing any group already there);
``ents`` (bool, default false)
    also write the mentions to ``doc.ents`` (label: category, ``kb_id_``: term, ``id_``: kind);
``overwrite_ents`` (bool, default false)
    with ``ents``, a mention replaces an entity it overlaps (spaCy's ``overwrite_ents``
    convention); without it, entities already there are kept and overlapping mentions are
    left out of ``doc.ents`` (they stay in ``doc.spans``).

Alignment. skillterms reads glued scraped text that spaCy's tokenizer leaves whole:
"ExperienceKubernetes", "C++/C#", "PostgreSQLWe", "Python3". When a mention starts or ends
inside a token, that token is split at the mention boundaries with ``doc.retokenize()``
(one pass for the whole doc), so every span covers whole tokens with exact offsets.
Splitting never changes ``doc.text``: the pieces concatenate to the token's text and only
the last piece keeps its trailing whitespace. Pieces inherit the token's tag, POS,
morphology and entity type; the first piece keeps the token's head and dependency label,
and the others attach to it (as "subtok" in a parsed doc). Put the component first (``add_pipe(..., first=True)``) in a trained pipeline so the
tagger and parser see the split tokens. A spaCy token's trailing whitespace is at most one
space, so a boundary can always be made a token boundary; should a custom tokenizer ever
make that impossible, the span falls back to ``doc.char_span(..., alignment_mode="expand")``
(the smallest span of whole tokens covering the mention).

Serialisation. ``nlp.to_disk()`` copies the contents of the user vocabulary files into the
component's folder (``vocab_files/``), and ``from_disk()`` rebuilds the extractor from those
copies, so a saved pipeline does not depend on where the original files were. Because
``spacy.load()`` first builds the component from the saved config, whose ``vocab_files``
still name the original paths, a missing vocabulary file is not an error when the component
is built: it is raised when the component is first used (or saved) unless ``from_disk()`` /
``from_bytes()`` has supplied the saved copies by then.
"""

import json
from bisect import bisect_right
from pathlib import Path
from typing import Dict, Iterable, List, Literal, Optional, Sequence, Tuple, Union

import srsly
from spacy import util
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .errors import Problem, VocabularyError
from .extract import Extractor, _default_extractor
from .types import Mention
from .vocabulary.model import Vocabulary
from .vocabulary.builtin import default_vocabulary
from .vocabulary.load import check_files, read_vocabulary_files

__all__ = ["SkilltermsComponent", "make_skillterms", "DEFAULT_CONFIG"]

# Named (label, bytes) contents of the user vocabulary files, in load order.
Files = List[Tuple[str, bytes]]

DEFAULT_CONFIG = {
    "vocab_files": [],
    "builtin": True,
    "overlaps": "longest",
    "fuzzy": True,
    "context": True,
    "broad": False,
    "spans_key": "skillterms",
    "ents": False,
    "overwrite_ents": False,
}
_FOLDER = "vocab_files"  # not "vocab": spaCy passes exclude=["vocab"] to components for its own Vocab


# No `from __future__ import annotations` here: spaCy validates the config against these
# annotations at runtime, and Literal gives a clear config error for a bad `overlaps`.
@Language.factory("skillterms", default_config=DEFAULT_CONFIG, assigns=["doc.spans"])
def make_skillterms(nlp: Language, name: str, vocab_files: List[str], builtin: bool,
                    overlaps: Literal["longest", "all"], fuzzy: bool, context: bool, broad: bool,
                    spans_key: str, ents: bool, overwrite_ents: bool) -> "SkilltermsComponent":
    """Build the ``skillterms`` component (see the module docstring for the options)."""
    return SkilltermsComponent(nlp, name, vocab_files=vocab_files, builtin=builtin, overlaps=overlaps,
                               fuzzy=fuzzy, context=context, broad=broad, spans_key=spans_key, ents=ents,
                               overwrite_ents=overwrite_ents)


class SkilltermsComponent:
    """Finds skillterms mentions in a Doc and stores them as spans in ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Optional[Language] = None, name: str = "skillterms", *,
                 vocab_files: Sequence[Union[str, Path]] = (), builtin: bool = True,
                 overlaps: Literal["longest", "all"] = "longest", fuzzy: bool = True,
                 context: bool = True, broad: bool = False, spans_key: str = "skillterms", ents: bool = False,
                 overwrite_ents: bool = False):
        self.name = name
        self.spans_key = spans_key
        self.ents = ents
        self.overwrite_ents = overwrite_ents
        self.builtin = builtin
        self.options = {"overlaps": overlaps, "fuzzy": fuzzy, "context": context, "broad": broad}
        self.extractor: Optional[Extractor] = None
        self._files: Files = []
        # Deferred until first use: spacy.load() builds us from a config naming files that may be
        # gone, then from_disk() brings the saved copies (see the module docstring).
        self._missing: Optional[VocabularyError] = None
        try:
            files = read_vocabulary_files(vocab_files)
        except VocabularyError as err:
            self._missing = err
        else:
            self._build(files)

    def _build(self, files: Files) -> None:
        """Build the extractor once from file contents (kept, so to_disk can save them)."""
        if not files and self.builtin:
            defaults = {k: DEFAULT_CONFIG[k] for k in self.options}
            # The default options are exactly skillterms.extract(): share its extractor, which
            # saves building a second copy of the compiled built-in vocabulary.
            extractor = _default_extractor() if self.options == defaults else \
                Extractor(default_vocabulary(), **self.options)  # type: ignore[arg-type]
        else:
            extractor = Extractor(_load(files, self.builtin), **self.options)  # type: ignore[arg-type]
        self.extractor, self._files, self._missing = extractor, list(files), None

    def _ready(self) -> Extractor:
        if self.extractor is None:
            assert self._missing is not None
            raise self._missing
        return self.extractor

    # ------------------------------------------------------------------ processing

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._ready().extract(doc.text)
        _split_at_boundaries(doc, mentions)
        spans = [_span(doc, m) for m in mentions]
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=spans)
        if self.ents:
            _set_ents(doc, spans, overwrite=self.overwrite_ents)
        return doc

    # ------------------------------------------------------------------ serialisation

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = util.SimpleFrozenList()) -> None:
        """Write the user vocabulary files' contents under ``path/vocab_files/``."""
        self._ready()
        util.to_disk(path, {_FOLDER: self._write_files}, exclude)

    def _write_files(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        index = []
        for i, (label, data) in enumerate(self._files):
            saved = f"{i:02d}_{Path(label).name}"  # the number keeps order and same-named files apart
            (folder / saved).write_bytes(data)
            index.append([saved, label])
        # The original labels keep file:line messages and the vocabulary fingerprint unchanged.
        (folder / "index.json").write_text(json.dumps(index, indent=1), encoding="utf-8")

    def from_disk(self, path: Union[str, Path], *,
                  exclude: Iterable[str] = util.SimpleFrozenList()) -> "SkilltermsComponent":
        """Rebuild the extractor from the vocabulary files saved by :meth:`to_disk`."""
        util.from_disk(path, {_FOLDER: self._read_files}, exclude)
        return self

    def _read_files(self, folder: Path) -> None:
        index_path = folder / "index.json"
        if not index_path.exists():  # nothing saved (excluded when writing): keep what we have
            return
        index = json.loads(index_path.read_text(encoding="utf-8"))
        entries = [_saved_entry(index_path, entry) for entry in index] if isinstance(index, list) else [
            _saved_entry(index_path, index)]
        self._restore([(label, (folder / saved).read_bytes()) for saved, label in entries])

    def to_bytes(self, *, exclude: Iterable[str] = util.SimpleFrozenList()) -> bytes:
        self._ready()
        return util.to_bytes({_FOLDER: lambda: srsly.msgpack_dumps([list(f) for f in self._files])}, exclude)

    def from_bytes(self, bytes_data: bytes, *,
                   exclude: Iterable[str] = util.SimpleFrozenList()) -> "SkilltermsComponent":
        def read(data: bytes) -> None:
            self._restore([(label, content) for label, content in srsly.msgpack_loads(data)])

        util.from_bytes(bytes_data, {_FOLDER: read}, exclude)
        return self

    def _restore(self, files: Files) -> None:
        # spacy.load() usually finds the original files unchanged; then the extractor built from
        # them in __init__ is already right and rebuilding would only cost time.
        if self.extractor is None or files != self._files:
            self._build(files)


def _saved_entry(index_path: Path, entry: object) -> tuple[str, str]:
    """``(saved, label)`` of one entry of ``index.json``, if ``saved`` names a file of the
    folder itself: a crafted index must not read ``../../x`` or ``/etc/passwd``."""
    saved = entry[0] if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], str) else None
    if not isinstance(saved, str) or saved in ("", ".", "..") or Path(saved).name != saved or "\\" in saved:
        raise VocabularyError([Problem(str(index_path), 1, 1, f"entry {entry!r} does not name a vocabulary file "
                                       "of this folder; save the pipeline again with nlp.to_disk()")])
    return saved, entry[1]  # type: ignore[index]


def _load(files: Files, builtin: bool) -> Vocabulary:
    """load_vocabulary() on contents already read (so the saved copies need no paths)."""
    vocab, problems = check_files(files, builtin=builtin)
    if vocab is None:
        raise VocabularyError(problems)
    return vocab


# ---------------------------------------------------------------------- alignment

def _split_at_boundaries(doc: Doc, mentions: Sequence[Mention]) -> None:
    """Split the tokens that a mention starts or ends inside, so that every boundary is a token boundary."""
    starts = [t.idx for t in doc]
    cuts: Dict[int, List[int]] = {}  # token index -> offsets inside its text, ascending
    for b in sorted({b for m in mentions for b in (m.start, m.end)}):
        i = bisect_right(starts, b) - 1
        if i >= 0 and starts[i] < b < starts[i] + len(doc[i]):  # strictly inside the token's text
            cuts.setdefault(i, []).append(b - starts[i])
    if not cuts:
        return
    parsed = doc.has_annotation("DEP")
    subtok = doc.vocab.strings.add("subtok")  # spaCy's label for a piece of a split word
    with doc.retokenize() as retokenizer:
        for i, offsets in cuts.items():
            token = doc[i]
            edges = [0, *offsets, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(edges, edges[1:])]
            n = len(orths)
            # The first piece keeps the token's head (its own piece when it was a root, as in an
            # unparsed doc); the others hang from the first piece.
            first = (token, 0) if token.head.i == token.i else token.head
            heads = [first] + [(token, 0)] * (n - 1)
            # spaCy leaves the annotation of the tokens it shifted right in the new pieces;
            # give every piece the split token's own values instead.
            attrs = {"TAG": [token.tag] * n, "POS": [token.pos] * n, "MORPH": [str(token.morph)] * n,
                     "ENT_TYPE": [token.ent_type] * n,
                     "DEP": [token.dep] + [subtok if parsed else 0] * (n - 1)}
            retokenizer.split(token, orths, heads=heads, attrs=attrs)
    if doc.has_annotation("SENT_START") and not parsed:
        # ...and the same for sentence starts (a parse sets them from the heads instead): a
        # piece after the first never starts a sentence.
        shift = 0  # tokens added by earlier splits
        for i in sorted(cuts):
            for k in range(1, len(cuts[i]) + 1):
                doc[i + shift + k].is_sent_start = False
            shift += len(cuts[i])


def _span(doc: Doc, m: Mention) -> Span:
    span = doc.char_span(m.start, m.end, label=m.category, kb_id=m.term, span_id=m.kind)
    if span is None:  # cannot happen with spaCy's tokenizers (see the module docstring)
        span = doc.char_span(m.start, m.end, label=m.category, kb_id=m.term, span_id=m.kind, alignment_mode="expand")
    return span


def _set_ents(doc: Doc, spans: Sequence[Span], *, overwrite: bool) -> None:
    """Add the mentions to ``doc.ents``: entities are disjoint, so of nested mentions the
    longest is kept, and an existing entity wins over an overlapping mention unless
    ``overwrite``."""
    mentions = util.filter_spans(spans)
    existing = list(doc.ents)
    if overwrite:
        taken = {i for s in mentions for i in range(s.start, s.end)}
        kept = [e for e in existing if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted(kept + mentions, key=lambda s: s.start)
    else:
        taken = {i for e in existing for i in range(e.start, e.end)}
        added = [s for s in mentions if not any(i in taken for i in range(s.start, s.end))]
        doc.ents = sorted(existing + added, key=lambda s: s.start)
