"""Vocabulary files: schema, loading with file:line:column errors, merging into a Vocabulary.

The schema is documented in docs/vocabulary.md. Built-in files ship inside the package
(``skillterms/vocab/*.yaml``) and are read once, lazily, through ``importlib.resources``.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.resources
import os
import stat
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import Problem, VocabularyError, VocabularyWarning
from ..gcpause import gc_paused
from ..text.tokenize import surface_key
from .model import KINDS, Blocker, PathLike, Term, Vocabulary
from .yamlnodes import MAX_FILE_BYTES, KeyValue, Located, read_yaml, too_large

__all__ = ["load_vocabulary", "check_files", "read_vocabulary_files", "builtin_files", "builtin_fingerprint",
           "fingerprint_of"]

OVERRIDES = ("extend", "replace", "disable")
_FILE_KEYS = {"category", "kind", "terms", "not_terms"}
# Matching stores every prefix of a surface, so its memory grows with the square of the
# longest one; the longest built-in surface has 55 characters.
MAX_TEXT = 200
_TERM_KEYS = {"name", "aliases", "parent", "kind", "category", "exact_case", "ambiguous", "broad", "context",
              "fuzzy", "override"}

# ----------------------------------------------------------------------------- loading

@dataclass
class _Spec:
    """One term entry as read from a file, before merging."""

    name: str
    where: Located
    path: str
    category: str
    kind: str
    aliases: list[tuple[str, Located]]
    parent: tuple[str, Located] | None
    exact_case: list[tuple[str, Located]] | bool
    ambiguous: list[tuple[str, Located]] | bool
    broad: list[tuple[str, Located]] | bool
    context: list[str]
    fuzzy: bool
    override: str | None
    given: set[str]
    alias_paths: dict[int, str] = field(default_factory=dict)  # aliases added by `extend` from other files


@dataclass
class _FileContent:
    path: str
    specs: list[_Spec]
    blockers: list[tuple[str, Located]]


class _Reader:
    """Turns located YAML into term specs, collecting every problem."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def error(self, at: Located, message: str) -> None:
        self.problems.append(Problem(self.path, at.line, at.column, message))

    def text(self, at: Located, what: str) -> str | None:
        if at.type_name != "text":
            quote = " (quote it)" if at.type_name in ("a number", "true/false", "a date", "nothing (null)") else ""
            self.error(at, f"{what} must be text, not {at.type_name}{quote}")
            return None
        value = at.value.strip()  # type: ignore[union-attr]
        if not value:
            self.error(at, f"{what} is empty; write a name or remove the entry")
            return None
        if len(value) > MAX_TEXT:
            self.error(at, f"{what} is {len(value):,} characters long, more than the {MAX_TEXT} a value of a "
                       "vocabulary file may have; shorten it (a name or alias is a few words)")
            return None
        return value

    def text_list(self, at: Located, what: str) -> list[tuple[str, Located]]:
        if at.type_name == "text":  # a single alias written without brackets
            value = self.text(at, what)
            return [(value, at)] if value else []
        if at.type_name != "a list":
            self.error(at, f"{what} must be a list of text like [a, b], not {at.type_name}")
            return []
        out = []
        for item in at.value:  # type: ignore[union-attr]
            value = self.text(item, f"each entry of {what}")
            if value:
                out.append((value, item))
        return out

    def mapping(self, at: Located, what: str, allowed: set[str]) -> dict[str, KeyValue] | None:
        if at.type_name != "a mapping":
            self.error(at, f"{what} must be a mapping of keys, not {at.type_name}")
            return None
        for key, kv in at.value.items():  # type: ignore[union-attr]
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                self.error(kv.key, f"unknown key {key!r} in {what}; {hint}allowed: {', '.join(sorted(allowed))}")
        return at.value  # type: ignore[return-value]

    def choice(self, at: Located, what: str, options: tuple[str, ...]) -> str | None:
        value = self.text(at, what)
        if value is not None and value not in options:
            self.error(at, f"{what} must be one of {', '.join(options)}, not {value!r}")
            return None
        return value

    def flag_or_list(self, at: Located, what: str) -> list[tuple[str, Located]] | bool:
        if at.type_name == "true/false":
            return at.value.lower() == "true"  # type: ignore[union-attr]
        return self.text_list(at, what)

    def file(self, root: Located) -> _FileContent:
        content = _FileContent(self.path, [], [])
        top = self.mapping(root, "the file", _FILE_KEYS)
        if top is None:
            return content
        category = kind = None
        if "category" in top:
            category = self.text(top["category"].value, "category")
        else:
            self.error(root, "missing `category:` (the default category of this file's terms)")
        if "kind" in top:
            kind = self.choice(top["kind"].value, "kind", KINDS)
        else:
            self.error(root, "missing `kind:` (tool or concept, the default kind of this file's terms)")
        if "not_terms" in top:
            content.blockers = self.text_list(top["not_terms"].value, "not_terms")
        if "terms" not in top:
            if "not_terms" not in top:
                self.error(root, "missing `terms:` (the list of terms this file defines)")
            return content
        terms = top["terms"].value
        if terms.type_name != "a list":
            self.error(terms, f"terms must be a list of entries starting with `- name:`, not {terms.type_name}")
            return content
        for entry in terms.value:  # type: ignore[union-attr]
            spec = self.term(entry, category or "", kind or "tool")
            if spec is not None:
                content.specs.append(spec)
        return content

    def term(self, entry: Located, category: str, kind: str) -> _Spec | None:
        fields = self.mapping(entry, "a term", _TERM_KEYS)
        if fields is None:
            return None
        if "name" not in fields:
            self.error(entry, "a term needs `name:` (its canonical name)")
            return None
        name = self.text(fields["name"].value, "name")
        if name is None:
            return None
        spec = _Spec(name=name, where=fields["name"].value, path=self.path, category=category, kind=kind,
                     aliases=[], parent=None, exact_case=[], ambiguous=[], broad=[], context=[], fuzzy=True,
                     override=None, given=set(fields))
        if "aliases" in fields:
            spec.aliases = self.text_list(fields["aliases"].value, "aliases")
        if "parent" in fields:
            parent = self.text(fields["parent"].value, "parent")
            spec.parent = (parent, fields["parent"].value) if parent else None
        if "kind" in fields:
            spec.kind = self.choice(fields["kind"].value, "kind", KINDS) or kind
        if "category" in fields:
            spec.category = self.text(fields["category"].value, "category") or category
        if "exact_case" in fields:
            spec.exact_case = self.flag_or_list(fields["exact_case"].value, "exact_case")
        if "ambiguous" in fields:
            spec.ambiguous = self.flag_or_list(fields["ambiguous"].value, "ambiguous")
        if "broad" in fields:
            spec.broad = self.flag_or_list(fields["broad"].value, "broad")
        if "context" in fields:
            spec.context = [w for w, _ in self.text_list(fields["context"].value, "context")]
        if "fuzzy" in fields:
            at = fields["fuzzy"].value
            if at.type_name != "true/false":
                shown = repr(at.value) if isinstance(at.value, str) else at.type_name
                self.error(at, f"fuzzy must be true or false, not {shown}")
            else:
                spec.fuzzy = at.value.lower() == "true"  # type: ignore[union-attr]
        if "override" in fields:
            spec.override = self.choice(fields["override"].value, "override", OVERRIDES)
        return spec


def _read_file(path: str, data: bytes) -> tuple[_FileContent | None, list[Problem]]:
    root, problems = read_yaml(path, data)
    if root is None:
        return None, problems
    reader = _Reader(path)
    content = reader.file(root)
    return content, reader.problems


# ----------------------------------------------------------------------------- merging

def _where(spec_path: str, at: Located) -> str:
    return f"{spec_path}:{at.line}"


class _Builder:
    """Merges specs from files in order (built-in first) and checks the whole."""

    def __init__(self) -> None:
        self.specs: dict[str, _Spec] = {}
        self.order: list[str] = []
        self.blockers: dict[str, tuple[str, str, Located]] = {}
        self.problems: list[Problem] = []
        self.disabled: dict[str, tuple[str, Located]] = {}  # name -> where `override: disable` stands

    def error(self, path: str, at: Located, message: str) -> None:
        self.problems.append(Problem(path, at.line, at.column, message))

    def add(self, content: _FileContent) -> None:
        for spec in content.specs:
            self.add_spec(spec)
        for phrase, at in content.blockers:
            key = surface_key(phrase)
            if key is None:
                self.error(content.path, at, f"not_terms phrase {phrase!r} holds punctuation that "
                           "splits it; write it as it appears in one run of text")
                continue
            self.blockers.setdefault(key, (phrase, content.path, at))

    def add_spec(self, spec: _Spec) -> None:
        existing = self.specs.get(spec.name)
        if spec.override is None:
            if existing is not None:
                self.error(spec.path, spec.where, f"term {spec.name!r} is already defined at "
                           f"{_where(existing.path, existing.where)}; add `override: extend` to add "
                           "aliases to it, `override: replace` to redefine it, or `override: disable`")
                return
            self.specs[spec.name] = spec
            self.order.append(spec.name)
            return
        if existing is None:
            self.error(spec.path, spec.where, f"`override: {spec.override}` names {spec.name!r}, but no "
                       "earlier file defines that term; remove `override:` to add it as a new term")
            return
        if spec.override == "disable":
            extra = spec.given - {"name", "override"}
            if extra:
                self.error(spec.path, spec.where, f"`override: disable` takes no other keys; remove "
                           f"{', '.join(sorted(extra))}")
            del self.specs[spec.name]
            self.order.remove(spec.name)
            self.disabled[spec.name] = (spec.path, spec.where)
        elif spec.override == "replace":
            if "category" not in spec.given:
                spec.category = existing.category
            if "kind" not in spec.given:
                spec.kind = existing.kind
            self.specs[spec.name] = spec
        else:  # extend
            existing.aliases = existing.aliases + spec.aliases
            existing.alias_paths.update((id(at), spec.path) for _alias, at in spec.aliases)
            existing.context = existing.context + spec.context
            for attr in ("exact_case", "ambiguous", "broad"):
                mine, theirs = getattr(existing, attr), getattr(spec, attr)
                if attr in spec.given:
                    existing.given.add(attr)
                if isinstance(theirs, bool) or isinstance(mine, bool):
                    setattr(existing, attr, theirs if attr in spec.given else mine)
                else:
                    setattr(existing, attr, mine + theirs)
            for attr in ("parent", "kind", "category", "fuzzy"):
                if attr in spec.given:
                    setattr(existing, attr, getattr(spec, attr))

    def drop_disabled_parents(self) -> None:
        """A disabled term leaves its children standing, without a parent: one warning per
        disabled term says so (rather than one error per child)."""
        orphans: dict[str, list[str]] = {}
        for name in self.order:
            spec = self.specs[name]
            if spec.parent is not None and spec.parent[0] in self.disabled and spec.parent[0] not in self.specs:
                orphans.setdefault(spec.parent[0], []).append(name)
                spec.parent = None
        for parent, children in orphans.items():
            path, at = self.disabled[parent]
            shown = ", ".join(children[:3]) + (f" and {len(children) - 3} more" if len(children) > 3 else "")
            self.problems.append(Problem(path, at.line, at.column,
                                         f"disabling {parent!r} also drops it as the parent of {len(children)} "
                                         f"term{'s' if len(children) != 1 else ''} ({shown}); they stay, without a "
                                         "parent (disable them too to drop them)", severity="warning"))

    def build(self, sources: tuple[str, ...], fingerprint: str) -> Vocabulary:
        self.drop_disabled_parents()
        claims: dict[str, list[tuple[str, str, bool, str, Located]]] = {}
        terms: list[Term] = []
        for name in self.order:
            spec = self.specs[name]
            term = self.freeze(spec, claims)
            if term is not None:
                terms.append(term)
        self.check_claims(claims)
        names = {t.name for t in terms}
        for name in self.order:
            spec = self.specs[name]
            if spec.parent is not None:
                parent, at = spec.parent
                if parent == name:
                    self.error(spec.path, at, f"term {name!r} names itself as parent; remove `parent:`")
                elif parent not in names:
                    self.error(spec.path, at, f"parent {parent!r} of {name!r} is not a term of the "
                               "vocabulary; define it or fix the spelling")
        self.check_cycles()
        blockers = []
        for key, (phrase, path, at) in self.blockers.items():
            if key in claims:
                owner = claims[key][0][0]
                self.error(path, at, f"not_terms phrase {phrase!r} is also a surface of {owner!r}; "
                           "remove one of them")
            else:
                blockers.append(Blocker(phrase, f"{path}:{at.line}"))
        if any(p.severity == "error" for p in self.problems):
            raise VocabularyError(self.problems)
        return Vocabulary(tuple(terms), tuple(blockers), sources, fingerprint)

    def freeze(self, spec: _Spec, claims: dict) -> Term | None:
        surfaces: list[str] = []
        keys: dict[str, str] = {}  # surface -> key
        where = {spec.name: spec.where}
        paths = {spec.name: spec.path}
        for surface, at in [(spec.name, spec.where), *spec.aliases]:
            where.setdefault(surface, at)
            paths.setdefault(surface, spec.alias_paths.get(id(at), spec.path))
            key = surface_key(surface)
            if key is None:
                self.error(spec.path, at, f"surface {surface!r} of {spec.name!r} holds punctuation that "
                           "splits it into separate runs (comma, parenthesis, line break, ...); it could "
                           "never match: write each form as its own alias")
                continue
            if surface in keys:
                continue
            surfaces.append(surface)
            keys[surface] = key
        exact = self.surface_set(spec, spec.exact_case, surfaces, "exact_case", where)
        ambiguous = self.surface_set(spec, spec.ambiguous, surfaces, "ambiguous", where)
        broad = self.surface_set(spec, spec.broad, surfaces, "broad", where)
        for surface in surfaces:
            claims.setdefault(keys[surface], []).append((spec.name, surface, surface in exact, spec.path, where[surface]))
        if not surfaces or surfaces[0] != spec.name:
            return None
        return Term(
            name=spec.name,
            category=spec.category,
            kind=spec.kind,
            aliases=tuple(surfaces[1:]),
            parent=spec.parent[0] if spec.parent else None,
            exact_case=frozenset(exact),
            ambiguous=frozenset(ambiguous),
            ambiguity_reviewed="ambiguous" in spec.given,
            broad=frozenset(broad),
            context=tuple(dict.fromkeys(spec.context)),
            fuzzy=spec.fuzzy,
            source=_where(spec.path, spec.where),
            locations=tuple((sf, paths.get(sf, spec.path), where[sf].line, where[sf].column) for sf in surfaces),
        )

    def surface_set(self, spec: _Spec, value, surfaces: list[str], what: str, where: dict) -> set[str]:
        if value is True:
            return set(surfaces)
        if value is False:
            return set()
        out = set()
        for surface, at in value:
            if surface not in surfaces:
                self.error(spec.path, at, f"{what} lists {surface!r}, which is not the name or an alias "
                           f"of {spec.name!r}; add it to aliases or fix the spelling")
            else:
                out.add(surface)
        return out

    def check_claims(self, claims: dict) -> None:
        for key, owners in claims.items():
            if len({o[0] for o in owners}) < 2:
                continue
            # Two terms may share a key only when every claim is exact-case and the cases differ.
            if all(o[2] for o in owners) and len({o[1] for o in owners}) == len(owners):
                continue
            first = owners[0]
            for name, surface, _exact, path, at in owners[1:]:
                if name == first[0]:
                    continue
                self.error(path, at, f"surface {surface!r} of {name!r} is already claimed by "
                           f"{first[0]!r} ({first[3]}:{first[4].line}) as {first[1]!r}; one surface "
                           "may name one term: remove it from one of them (or mark both exact_case "
                           "with different capitalisation)")

    def check_cycles(self) -> None:
        for name in self.order:
            if self.specs[name].parent is not None and self.specs[name].parent[0] == name:
                continue  # reported as a self-parent already
            seen = [name]
            parent = self.specs[name].parent
            while parent is not None and parent[0] in self.specs:
                if parent[0] in seen:
                    if parent[0] == name:
                        spec = self.specs[name]
                        cycle = " -> ".join(seen + [name])
                        self.error(spec.path, spec.parent[1], f"parent cycle {cycle}; a term cannot be "
                                   "its own ancestor: remove one `parent:`")
                    break
                seen.append(parent[0])
                parent = self.specs[parent[0]].parent


# ----------------------------------------------------------------------------- public loaders

def builtin_files() -> list[tuple[str, bytes]]:
    root = importlib.resources.files("skillterms") / "vocab"
    files = sorted((f for f in root.iterdir() if f.name.endswith((".yaml", ".yml"))), key=lambda f: f.name)
    return [(f"vocab/{f.name}", f.read_bytes()) for f in files]


def read_vocabulary_files(paths: Iterable[PathLike]) -> list[tuple[str, bytes]]:
    """The (path, bytes) of vocabulary files named directly or found in folders."""
    out: list[tuple[str, bytes]] = []
    problems: list[Problem] = []

    def add(path: Path) -> None:
        data = _read_bounded(path)
        if isinstance(data, Problem):
            problems.append(data)
        else:
            out.append((str(path), data))

    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file())
            if not found:
                problems.append(Problem(str(path), 1, 1, "directory holds no .yaml or .yml files"))
            for f in found:
                add(f)
        elif path.exists():  # a file, or a pipe or device that reads like one
            add(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or directory"))
    if problems:
        raise VocabularyError(problems)
    return out


def _read_bounded(path: Path) -> bytes | Problem:
    """The bytes of one vocabulary file, never more than one past the size limit: a larger
    file is refused by its size before a byte is read, a pipe once it has given that many."""
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
                return too_large(str(path), info.st_size)
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Problem(str(path), 1, 1, f"cannot read the file ({exc.strerror or exc}); check that it exists "
                       "and that you may read it")
    return too_large(str(path), None) if len(data) > MAX_FILE_BYTES else data


@gc_paused()
def check_files(files: list[tuple[str, bytes]], *, builtin: bool,
                replace_builtin: bool = False) -> tuple[Vocabulary | None, list[Problem]]:
    """Load named file contents over (optionally) the built-in ones; return the result and all problems.

    With ``replace_builtin``, a given file stands in for the built-in file of the same name
    (how ``skillterms vocab check vocab/ml.yaml`` checks an edited built-in file in place).
    """
    builder = _Builder()
    problems: list[Problem] = []
    base = builtin_files() if builtin else []
    if replace_builtin:
        given = {Path(path).name for path, _ in files}
        base = [(path, data) for path, data in base if Path(path).name not in given]
    for path, data in base + files:
        content, file_problems = _read_file(path, data)
        problems.extend(file_problems)
        if content is not None:
            builder.add(content)
    builder.problems[:0] = problems
    sources = tuple(path for path, _ in base + files)
    try:
        vocab = builder.build(sources, fingerprint_of(base + files))
    except VocabularyError:
        return None, builder.problems
    return vocab, builder.problems


def load_vocabulary(*paths: PathLike, builtin: bool = True) -> Vocabulary:
    """Load vocabulary files (or directories of them) over the built-in vocabulary.

    Files are applied in the order given, after the built-in files (``builtin=False`` skips
    those). Raises :class:`~skillterms.errors.VocabularyError` listing every problem with
    its file, line and column; warnings (file:line:col too) come as
    :class:`~skillterms.errors.VocabularyWarning`.
    """
    vocab, problems = check_files(read_vocabulary_files(paths), builtin=builtin)
    if vocab is None:
        raise VocabularyError(problems)
    for problem in problems:
        warnings.warn(str(problem), VocabularyWarning, stacklevel=2)
    return vocab


def fingerprint_of(files: list[tuple[str, bytes]]) -> str:
    """What identifies a vocabulary: the names and bytes of the files it was loaded from."""
    digest = hashlib.sha256()
    for path, data in files:
        digest.update(path.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def builtin_fingerprint() -> str:
    return fingerprint_of(builtin_files())
