"""The spaCy component: entry point, spans equal to skillterms.extract, alignment, config, saving."""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

import skillterms
from skillterms.errors import VocabularyError

DEV_POSTINGS = Path("/work/shared/eval/dev_postings.jsonl")

# A term the built-in vocabulary does not hold, for the vocab_files tests.
USER_VOCAB = """\
category: internal
kind: tool
terms:
  - name: Quillmesh
    aliases: [QMesh, Quill Mesh]
"""


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms")
    return nlp


def span_tuples(doc, key="skillterms"):
    return [(s.start_char, s.end_char, s.kb_id_, s.label_) for s in doc.spans[key]]


def mention_tuples(mentions):
    return [(m.start, m.end, m.term, m.category) for m in mentions]


def user_vocab_file(folder: Path) -> Path:
    path = folder / "acme_terms.yaml"
    path.write_text(USER_VOCAB, encoding="utf-8")
    return path


def test_factory_is_found_through_the_entry_point_without_importing_skillterms():
    # The user's code never imports skillterms; spaCy itself imports the entry point's module
    # (Language() loads every spacy_factories entry point), so only `import spacy` comes before.
    code = (
        "import json, sys, spacy\n"
        "before = 'skillterms' in sys.modules\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('skillterms')\n"
        "doc = nlp('We ship Rust and Terraform daily')\n"
        "print(json.dumps({'before': before, 'spans': [(s.text, s.kb_id_) for s in doc.spans['skillterms']]}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["before"] is False
    assert ["Terraform", "Terraform"] in result["spans"]


def test_spans_carry_category_as_label_and_canonical_name_as_kb_id(nlp):
    doc = nlp("Wanted: k8s, Postgres and scikit-learn skills.")
    spans = doc.spans["skillterms"]
    assert [(s.text, s.kb_id_, s.label_) for s in spans] == [
        (m.text, m.term, m.category) for m in skillterms.extract(doc.text)]
    assert ("k8s", "Kubernetes") in [(s.text, s.kb_id_) for s in spans]
    assert ("Postgres", "PostgreSQL") in [(s.text, s.kb_id_) for s in spans]


@pytest.mark.parametrize("text", [
    "Hands-on ExperienceKubernetes required",
    "Languages: C++/C# preferred",
    "Strong PostgreSQLWe value curiosity",
    "Fluent in Python3.x and Java8+",
    "needs:Python3,SQL",
    "<p>C&#43;&#43;/C&#35; and Rust&amp;Go</p>",
    "JavaScript(ES6),TypeScript",
])
def test_mentions_inside_tokens_become_spans_with_exact_offsets(nlp, text):
    mentions = skillterms.extract(text)
    plain = spacy.blank("en")(text)
    # the case is worth testing only if spaCy's tokenizer misses a mention boundary
    assert any(plain.char_span(m.start, m.end) is None for m in mentions)
    doc = nlp(text)
    assert doc.text == text  # splitting keeps the text byte for byte
    assert span_tuples(doc) == mention_tuples(mentions)
    assert [s.text for s in doc.spans["skillterms"]] == [m.text for m in mentions]


def test_glued_words_are_split_at_the_mention_boundary(nlp):
    text = "Solid ExperienceKubernetes and PostgreSQLWe love"
    assert "ExperienceKubernetes" in [t.text for t in spacy.blank("en")(text)]
    doc = nlp(text)
    words = [t.text for t in doc]
    assert words[1:3] == ["Experience", "Kubernetes"]
    assert "PostgreSQL" in words and "We" in words
    # only the last piece keeps the whitespace after the original token
    assert [t.whitespace_ for t in doc[1:3]] == ["", " "]


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    surfaces = sorted({s for term in skillterms.default_vocabulary() for s in term.surfaces})
    fillers = ["we need", "strong", "years of", "team", "and", "plus", "Experience", "go to market",
               "R&D", "spark joy", "Senior Engineer", "data"]
    glue = ["", " ", ", ", "/", "(", ") ", "\n", "&amp;", "<li>", "</li>", "; ", " and ", "-"]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 8)):
            parts.append(rng.choice(surfaces) if rng.random() < 0.7 else rng.choice(fillers))
            parts.append(rng.choice(glue))
        texts.append("".join(parts[:-1] if rng.random() < 0.5 else parts))
    return texts


@pytest.mark.parametrize("overlaps", ["longest", "all"])
def test_spans_equal_extract_on_random_combinations_of_surfaces(overlaps):
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config={"overlaps": overlaps})
    extract = skillterms.extract if overlaps == "longest" else skillterms.Extractor(overlaps="all").extract
    texts = random_texts(2000, seed=20240611)
    total = 0
    for text, doc in zip(texts, nlp.pipe(texts)):
        expected = mention_tuples(extract(text))
        assert doc.text == text
        assert span_tuples(doc) == expected, text
        total += len(expected)
    assert total > 2000  # the texts really are full of mentions


def test_spans_equal_extract_on_dev_postings(nlp):
    if not DEV_POSTINGS.exists():
        pytest.skip(f"{DEV_POSTINGS} not present")
    texts = []
    with DEV_POSTINGS.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                texts.append(record.get("text") or record.get("description") or "")
    for text, doc in zip(texts, nlp.pipe(texts)):
        assert span_tuples(doc) == mention_tuples(skillterms.extract(text))


def test_overlaps_all_gives_nested_spans():
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config={"overlaps": "all"})
    text = "Tuning Spark SQL jobs on AWS Lambda"
    doc = nlp(text)
    expected = skillterms.Extractor(overlaps="all").extract(text)
    assert span_tuples(doc) == mention_tuples(expected)
    spans = list(doc.spans["skillterms"])
    nested = [(a.kb_id_, b.kb_id_) for a in spans for b in spans
              if a is not b and a.start_char <= b.start_char and b.end_char <= a.end_char]
    assert ("Spark SQL", "SQL") in nested


@pytest.mark.parametrize("options", [{"fuzzy": False}, {"context": False}, {"fuzzy": False, "context": False}])
def test_fuzzy_and_context_options_reach_the_extractor(options):
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config=options)
    extractor = skillterms.Extractor(**options)
    for text in ["Pyhton and Kubernetse", "Go, Rust; go to market", "Spark and Excel daily"]:
        assert span_tuples(nlp(text)) == mention_tuples(extractor.extract(text))


def test_a_user_vocabulary_file_adds_a_term(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config={"vocab_files": [str(user_vocab_file(tmp_path))]})
    doc = nlp("Our stack: QMesh, Python and Quill Mesh")
    got = [(s.text, s.kb_id_, s.label_) for s in doc.spans["skillterms"]]
    assert ("QMesh", "Quillmesh", "internal") in got
    assert ("Quill Mesh", "Quillmesh", "internal") in got
    assert ("Python", "Python", "languages") in got  # built-in terms stay


def test_builtin_false_matches_only_the_user_terms(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config={"vocab_files": [str(user_vocab_file(tmp_path))], "builtin": False})
    doc = nlp("QMesh and Python")
    assert [s.kb_id_ for s in doc.spans["skillterms"]] == ["Quillmesh"]


def test_spans_key_changes_the_doc_spans_key():
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config={"spans_key": "tech"})
    doc = nlp("Terraform and Ansible")
    assert "skillterms" not in doc.spans
    assert [s.kb_id_ for s in doc.spans["tech"]] == ["Terraform", "Ansible"]


def test_a_bad_overlaps_value_is_a_config_error():
    nlp = spacy.blank("en")
    with pytest.raises(Exception, match="overlaps"):
        nlp.add_pipe("skillterms", config={"overlaps": "most"})


def test_a_missing_vocab_file_is_reported_on_first_use(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config={"vocab_files": [str(tmp_path / "nowhere.yaml")]})
    with pytest.raises(VocabularyError, match="no such file"):
        nlp("Python")


def test_saved_pipeline_loads_without_the_original_vocab_file(tmp_path):
    vocab_file = user_vocab_file(tmp_path)
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config={"vocab_files": [str(vocab_file)], "overlaps": "all"})
    texts = ["QMesh/Python3 and Spark SQL", "ExperienceQuillmesh, C++/C#"]
    before = [span_tuples(nlp(t)) for t in texts]
    nlp.to_disk(tmp_path / "pipeline")
    vocab_file.unlink()  # the saved pipeline must carry its own copy

    loaded = spacy.load(tmp_path / "pipeline")
    assert [span_tuples(loaded(t)) for t in texts] == before
    assert "Quillmesh" in {s[2] for s in before[0]}
    component = loaded.get_pipe("skillterms")
    assert component.extractor.overlaps == "all"
    assert component.extractor.vocab.fingerprint == nlp.get_pipe("skillterms").extractor.vocab.fingerprint


def test_saved_pipeline_without_user_files_loads(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms")
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = "Python3, C++/C# and k8s"
    assert span_tuples(loaded(text)) == mention_tuples(skillterms.extract(text))


def test_bytes_round_trip_keeps_the_user_terms(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config={"vocab_files": [str(user_vocab_file(tmp_path))]})
    data = nlp.to_bytes()
    (tmp_path / "acme_terms.yaml").unlink()
    fresh = spacy.blank("en")
    fresh.add_pipe("skillterms", config={"vocab_files": [str(tmp_path / "acme_terms.yaml")]})
    fresh.from_bytes(data)
    doc = fresh("QMesh and Rust")
    assert [s.kb_id_ for s in doc.spans["skillterms"]] == ["Quillmesh", "Rust"]


def test_pipe_gives_the_same_spans_as_one_call_per_text(nlp):
    texts = ["ExperienceKubernetes", "", "C&#43;&#43;/Python3", "nothing here", "Node JS + PowerBI\n\nk8s"]
    one_by_one = [span_tuples(nlp(t)) for t in texts]
    assert [span_tuples(d) for d in nlp.pipe(texts, batch_size=2)] == one_by_one


def test_split_pieces_keep_the_tokens_annotation(nlp):
    words = ["Needs", "ExperienceKubernetes", "now", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, False, False], tags=["VBZ", "NN", "RB", "."],
              sent_starts=[True, False, True, False], ents=["O", "B-SKILL", "O", "O"])
    doc = nlp.get_pipe("skillterms")(doc)
    assert [t.text for t in doc] == ["Needs", "Experience", "Kubernetes", "now", "."]
    assert [t.tag_ for t in doc] == ["VBZ", "NN", "NN", "RB", "."]
    assert [t.is_sent_start for t in doc] == [True, False, False, True, False]
    assert [(e.text, e.label_) for e in doc.ents] == [("ExperienceKubernetes", "SKILL")]


def test_split_pieces_keep_the_parse_attached(nlp):
    words = ["Needs", "ExperienceKubernetes", "now"]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, False], heads=[0, 0, 0],
              deps=["ROOT", "dobj", "advmod"])
    doc = nlp.get_pipe("skillterms")(doc)
    assert [(t.text, t.head.text, t.dep_) for t in doc] == [
        ("Needs", "Needs", "ROOT"), ("Experience", "Needs", "dobj"),
        ("Kubernetes", "Experience", "subtok"), ("now", "Needs", "advmod")]
    assert len(list(doc.sents)) == 1


def test_spans_carry_the_kind_as_id():
    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms")
    doc = nlp("Experience with Python and machine learning.")
    assert [(s.kb_id_, s.id_) for s in doc.spans["skillterms"]] == [("Python", "tool"), ("Machine learning", "concept")]


def test_ents_option_writes_entities_and_keeps_existing_ones():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Python Software Foundation"}])
    nlp.add_pipe("skillterms", config={"ents": True})
    doc = nlp("The Python Software Foundation uses Python and SQL.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Python Software Foundation", "ORG"), ("Python", "languages"),
                                                      ("SQL", "languages")]
    assert doc.ents[1].kb_id_ == "Python" and doc.ents[1].id_ == "tool"


def test_overwrite_ents_replaces_overlapping_entities():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PRODUCT", "pattern": "Python"}])
    nlp.add_pipe("skillterms", config={"ents": True, "overwrite_ents": True})
    doc = nlp("We use Python daily.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Python", "languages")]


@pytest.mark.parametrize("saved", ["../outside.yaml", "../../outside.yaml", "ABSOLUTE", "sub/../../outside.yaml",
                                   "..", "", 5])
def test_from_disk_reads_only_files_inside_the_pipeline_folder(tmp_path, saved):
    import json

    nlp = spacy.blank("en")
    nlp.add_pipe("skillterms", config={"vocab_files": [str(user_vocab_file(tmp_path))]})
    nlp.to_disk(tmp_path / "pipeline")
    outside = tmp_path / "outside.yaml"
    outside.write_text("category: x\nkind: tool\nterms:\n  - name: Outsidertool\n")
    index = tmp_path / "pipeline" / "skillterms" / "vocab_files" / "index.json"
    saved = str(outside) if saved == "ABSOLUTE" else saved
    index.write_text(json.dumps([[saved, "user.yaml"]]))
    with pytest.raises(VocabularyError, match="does not name a vocabulary file of this folder"):
        spacy.load(tmp_path / "pipeline")
