"""The records the steps hand on: what extraction gives back for one text."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Mention"]


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """One mention of a term: ``text == original[start:end]`` holds for the text given."""

    start: int
    end: int
    term: str
    category: str
    kind: str
    text: str

    def __repr__(self) -> str:
        return f"Mention({self.term!r}, {self.text!r}, {self.start}:{self.end})"

    def to_dict(self) -> dict[str, str | int]:
        """The mention as plain JSON-ready values: term, category, kind, start, end, text."""
        return {"term": self.term, "category": self.category, "kind": self.kind, "start": self.start,
                "end": self.end, "text": self.text}
