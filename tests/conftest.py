from pathlib import Path

import pytest

import skillterms

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def mini_vocab():
    """A small vocabulary written for the tests, so rules are tested apart from the built-in data."""
    return skillterms.load_vocabulary(DATA / "mini_vocab.yaml", builtin=False)


@pytest.fixture(scope="session")
def mini(mini_vocab):
    return skillterms.Extractor(mini_vocab)


def vocabulary_from(directory: Path, text: str, name: str = "vocabulary.yaml") -> skillterms.Vocabulary:
    """A vocabulary of the YAML ``text`` alone (without the built-in one), written to ``directory``."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return skillterms.load_vocabulary(path, builtin=False)


def pairs(mentions):
    return [(m.term, m.text) for m in mentions]
