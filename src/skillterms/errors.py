"""Exceptions raised by skillterms. Every message says where the problem is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "SkilltermsError",
    "Problem",
    "VocabularyError",
    "UnknownTermError",
    "CorpusError",
    "VocabularyWarning",
    "UsageError",
]


class SkilltermsError(Exception):
    """Base class of every error skillterms raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a vocabulary file, with its place (1-based line and column)."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


class VocabularyError(SkilltermsError, ValueError):
    """A vocabulary file (or set of files) cannot be loaded. Holds every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        head = f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in vocabulary"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in errors))


class VocabularyWarning(UserWarning):
    """A vocabulary loaded, but something in it may not be what its author meant (a disabled
    term that others named as their parent); the message says where and what to do."""


class UnknownTermError(SkilltermsError, KeyError):
    """A term name that the vocabulary does not know was asked for."""

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()):
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else (
            "; list the known terms with `skillterms vocab list`"
        )
        super().__init__(f"unknown term {name!r}{hint}")

    def __str__(self) -> str:  # KeyError would otherwise print the repr of the message
        return self.args[0]


class CorpusError(SkilltermsError, ValueError):
    """A record of an input corpus cannot be read. ``field`` names the field it lacks, when
    that is why (so that a field no record has can be told from one bad record)."""

    def __init__(self, path: str, line: int, message: str, *, field: str | None = None, found: str = ""):
        self.path = path
        self.line = line
        self.message = message
        self.field = field
        self.found = found  # the fields (or columns) the record does have, for the message
        super().__init__(f"{path}:{line}: {message}")


class UsageError(SkilltermsError, ValueError):
    """An argument or option that cannot work: caught before the corpus is read where it can
    be (exit code 2 on the command line)."""
