"""skillterms.discover: terms the vocabulary does not know, found from the listings alone."""

import json
import subprocess
import sys

import pytest
import yaml

import skillterms
from skillterms.discover import Discovery, discover, to_yaml, variant_key

from conftest import vocabulary_from

# Invented product names, so no vocabulary holds them.
LISTINGS = [
    "Experience with Python, Zorbex Stream Studio, Kubernetes and QuillonDB.",
    "Stack: Go, QuillonDB, Zorbex Stream Studio.",
    "We use Docker, Quillondb and Zorbex Stream Studio.",
    "Nice to have: Terraform, quillon-db, Kafka.",
    "Acme is a Brightforge company. Brightforge is a leader in logistics. Skills: SQL, Python.",
    "Brightforge is hiring. You will write SQL and Python in a happy team.",
    "Brightforge is an equal opportunity employer. Strong SQL; Python a plus.",
    "Happy to talk! Our benefits include PTO, a 401k and an MBA stipend.",
    "We offer PTO and great benefits. Happy hour on Fridays. Python required.",
    "PTO, health insurance. Python, SQL.",
]


def test_list_names_beside_known_terms_are_found_with_their_variants():
    found = {d.name: d for d in discover(LISTINGS, min_listings=3)}
    assert "Zorbex Stream Studio" in found  # several words, as a list item
    quillon = next(d for d in found.values() if variant_key(d.name) == "quillondb")
    assert quillon.listings == 4 and set(quillon.variants) | {quillon.name} == {"QuillonDB", "Quillondb", "quillon-db"}
    assert quillon.evidence == 4 and quillon.category == "devops"  # beside Kubernetes, Docker, Terraform...
    assert len(quillon.examples) == 3 and all("uillon" in e for e in quillon.examples)


def test_english_words_benefits_and_employers_are_held_back():
    names = {variant_key(d.name) for d in discover(LISTINGS, min_listings=3)}
    assert not names & {"happy", "pto", "brightforge", "mba", "401k"}


def test_known_terms_are_never_proposed():
    names = {d.name for d in discover(LISTINGS, min_listings=1, top=None)}
    assert not names & {"Python", "SQL", "Go", "Kafka", "Terraform", "Docker", "Kubernetes"}


def test_a_term_the_vocabulary_lacks_comes_back(tmp_path):
    small = tmp_path / "small.yaml"
    small.write_text("category: languages\nkind: tool\nterms:\n  - name: Python\n  - name: SQL\n  - name: Go\n"
                     "  - name: Kafka\n  - name: Docker\n  - name: Terraform\n")
    without = tmp_path / "without.yaml"
    without.write_text(small.read_text().replace("  - name: Terraform\n", ""))
    texts = ["Terraform, Python and SQL.", "Skills: Go, Terraform.", "Kafka / Terraform / Docker"]
    found = discover(texts, vocab=skillterms.load_vocabulary(without, builtin=False), min_listings=3)
    assert [(d.name, d.listings, d.evidence) for d in found] == [("Terraform", 3, 3)]
    assert discover(texts, vocab=skillterms.load_vocabulary(small, builtin=False), min_listings=3) == []


def test_results_are_frozen_ranked_and_deterministic():
    first = discover(LISTINGS, min_listings=2, top=None)
    assert first == discover(list(LISTINGS), min_listings=2, top=None)
    assert [d.score for d in first] == sorted((d.score for d in first), reverse=True)
    with pytest.raises(AttributeError):
        first[0].name = "other"  # type: ignore[misc]
    assert isinstance(first[0], Discovery) and json.dumps(first[0].to_dict())


def test_draft_yaml_loads_as_a_vocabulary_that_counts_the_new_terms(tmp_path):
    drafts = tmp_path / "drafts.yaml"
    drafts.write_text(to_yaml(discover(LISTINGS, min_listings=3)), encoding="utf-8")
    entries = yaml.safe_load(drafts.read_text(encoding="utf-8"))
    assert {e["name"] for e in entries["terms"]} >= {"Zorbex Stream Studio"}
    vocab = skillterms.load_vocabulary(drafts)
    counts = skillterms.Extractor(vocab).count(LISTINGS)
    assert counts.count("Zorbex Stream Studio") == 3


@pytest.mark.parametrize("bad", [{"min_listings": 0}, {"top": 0}, {"min_listings": "3"}])
def test_wrong_arguments_are_refused_before_reading(bad):
    def never():
        raise AssertionError("the texts were read")
        yield ""

    with pytest.raises(ValueError):
        discover(never(), **bad)


def _cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "skillterms", "discover", *args], capture_output=True,
                          text=True, input=stdin)


def test_cli_table_json_and_yaml(tmp_path):
    path = tmp_path / "listings.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in LISTINGS), encoding="utf-8")
    table = _cli(str(path))
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0] == "10 listings; terms the vocabulary does not know, best first"
    data = json.loads(_cli(str(path), "--format", "json").stdout)
    assert data["documents"] == 10 and "Zorbex Stream Studio" in {t["name"] for t in data["terms"]}
    drafts = yaml.safe_load(_cli(str(path), "--format", "yaml").stdout)
    assert drafts["kind"] == "tool" and drafts["terms"]


def test_cli_refuses_what_it_cannot_do(tmp_path):
    missing = _cli(str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and missing.stdout == ""
    path = tmp_path / "a.txt"
    path.write_text("Python")
    procs = _cli(str(path), "--n-process", "2")
    assert procs.returncode == 2 and "one process" in procs.stderr


def test_a_known_vendor_may_open_a_new_name_and_ordinary_words_make_a_concept():
    texts = ["Skills: Python, AWS Zorbgate, Docker.", "Stack: AWS Zorbgate, Go, SQL.", "Kafka, AWS Zorbgate and Terraform",
             "Python, Signal Path Design, SQL", "Go, Signal Path Design, Docker", "SQL / Signal Path Design"]
    found = {d.name: d for d in discover(texts, min_listings=3)}
    assert found["AWS Zorbgate"].kind == "tool"
    assert found["Signal Path Design"].kind == "concept"
    assert "Zorbgate" not in found  # read whole, not word by word


def test_a_known_vendors_name_and_the_bare_name_are_one_candidate():
    texts = ["Skills: Python, AWS Zorbgate, Docker.", "Experience with Zorbgate, Kafka and Go.",
             "Kafka, AWS Zorbgate and Terraform"]
    zorbgate = next(d for d in discover(texts, min_listings=3) if variant_key(d.name) in ("zorbgate", "awszorbgate"))
    assert zorbgate.listings == 3 and {zorbgate.name, *zorbgate.variants} == {"AWS Zorbgate", "Zorbgate"}


def test_a_repost_counts_once():
    posted = "Stack: Python, Vexalon, Docker. Apply today."
    assert not discover([posted] * 3, min_listings=2)
    # another listing with the same sentence around the term is a template, not a new employer's ask
    templated = [f"Job {n} at Acme. We are a small team that builds routing tools for shipping firms. "
                 "Stack: Python, Vexalon, Docker. Apply today and tell us what you would build." for n in range(3)]
    assert not discover(templated, min_listings=2)
    asked = ["Stack: Python, Vexalon, Docker.", "Experience with Vexalon and SQL.", "Kafka / Vexalon / Go"]
    assert [d.name for d in discover(asked, min_listings=3)] == ["Vexalon"]


@pytest.mark.parametrize("text, glued", [
    ("Location: Springfield, ORDuration: 12 months. Skills: Python, SQL, Docker.", "ORDuration"),
    ("Minimum QualificationsA degree in physics. Skills: Python, SQL, Docker.", "QualificationsA"),
    ("What You WillDesign data flows. Skills: Python, SQL, Docker.", "WillDesign"),
    ("Top reasons to work with Team1. Growth. Skills: Python, SQL, Docker.", "Team1"),
])
def test_headings_and_numbers_glued_to_a_word_are_not_names(text, glued):
    texts = [text.replace("Python", other) for other in ("Python", "Go", "Rust")]
    assert glued not in {d.name for d in discover(texts, min_listings=1, top=None)}


def test_a_word_that_holds_a_known_name_glued_inside_is_a_new_name():
    texts = ["Experience with ZentoGPT, Python and SQL.", "Tools: ZentoGPT, Docker.", "We use ZentoGPT and Kafka."]
    assert "ZentoGPT" in {d.name for d in discover(texts, min_listings=3)}


def _tools(tmp_path, *names):
    """A vocabulary of these tool names alone, without the built-in one."""
    return vocabulary_from(tmp_path, "category: languages\nkind: tool\nterms:\n" + "".join(f"  - name: {n}\n" for n in names))


def test_a_name_may_open_with_its_dot(tmp_path):
    texts = ["Skills: C#, .NET and SQL.", "Experience with .NET, Go.", "We use SQL / .NET daily."]
    found = discover(texts, vocab=_tools(tmp_path, "C#", "SQL", "Go"), min_listings=3)
    assert [d.name for d in found] == [".NET"]


def test_human_languages_are_not_proposed():
    texts = ["Fluent in Portuguese; Python, SQL.", "Portuguese, Go and Docker.", "Skills: Kafka, Portuguese."]
    assert "Portuguese" not in {d.name for d in discover(texts, min_listings=1, top=None)}


def test_a_known_tool_opens_a_name_outside_lists_too():
    texts = ["Experience with SAP Zentrix is a plus.", "Knowledge of SAP Zentrix helps.",
             "You will configure SAP Zentrix for finance teams."]
    found = {d.name: d for d in discover(texts, min_listings=3)}
    assert found["SAP Zentrix"].listings == 3 and found["SAP Zentrix"].evidence == 2  # two follow a cue
    programming = ["Strong Python Programming.", "Python Programming required.", "Python Programming is a plus."]
    assert not discover(programming, min_listings=1, top=None)  # what follows a technology is no name


def test_a_word_built_on_a_known_name_with_a_dot_is_a_new_name(tmp_path):
    texts = ["Experience with QRB.NEX and SQL.", "Tools: QRB.NEX, Go.", "We use SQL / QRB.NEX daily."]
    found = discover(texts, vocab=_tools(tmp_path, "QRB", "SQL", "Go"), min_listings=3)
    assert [d.name for d in found] == ["QRB.NEX"]


def test_a_slash_joins_names_but_not_the_parts_of_an_address():
    texts = ["AWS (ECS/Zorbgate) and Docker.", "Kafka, Go/Zorbgate.", "Experience with Zorbgate/Kubernetes."]
    assert [d.name for d in discover(texts, min_listings=3)] == ["Zorbgate"]
    addresses = ["Apply at acme.com/Zorbgate today; Python, SQL.", "See https://x.io/Zorbgate for Go and SQL.",
                 "Files live in /opt/Zorbgate/bin with Python."]
    assert "Zorbgate" not in {d.name for d in discover(addresses, min_listings=1, top=None)}


def test_a_capitalised_part_after_a_known_name_is_a_new_name_only_where_it_ends_an_item(tmp_path):
    vocab = _tools(tmp_path, "Qorb", "SQL", "Go", "Docker")
    named = ["Experience with QorbIndex, Go and SQL.", "Tools: QorbIndex or Docker.", "We use QorbIndex/SQL daily."]
    assert [d.name for d in discover(named, vocab=vocab, min_listings=3)] == ["QorbIndex"]
    glued = ["Skills: Go, QorbStrong communication.", "Requirements: SQL, QorbStrong writing.",
             "Docker, QorbStrong analytical skills."]
    assert "QorbStrong" not in {d.name for d in discover(glued, vocab=vocab, min_listings=1, top=None)}


def _names(texts, **kw):
    return {d.name for d in discover(texts, min_listings=kw.pop("min_listings", 3), top=None, **kw)}


def test_a_name_listed_only_beside_known_concepts_is_held_back_and_beside_tools_it_is_found():
    # "QVXR" stands in lists of fields and methods only, as metrics and regulators do
    fields = ["Experience with statistics, QVXR and machine learning.", "Skills: QVXR, deep learning, statistics.",
              "Knowledge of machine learning / QVXR required.", "Background in QVXR, statistics or NLP."]
    assert "QVXR" not in _names(fields)
    tools = [t.replace("statistics", "Python").replace("machine learning", "Docker").replace("deep learning", "Kafka")
             .replace("NLP", "SQL") for t in fields]
    assert "QVXR" in _names(tools)


ASKED = ["Tools: Python, Zorblex, Docker.", "Skills: Go, Zorblex, Kafka.", "Experience with SQL, Zorblex and Terraform.",
         "Docker / Zorblex / Go required."]


def test_a_name_written_as_organisations_are_is_held_back():
    assert "Zorblex" in _names(ASKED)
    org = [ASKED[0] + " Engineers at Zorblex ship weekly.", ASKED[1] + " Send your CV to Zorblex Ltd in Leeds.",
           *ASKED[2:]]
    assert "Zorblex" not in _names(org)  # two of its four listings write it as an employer
    possessive = [ASKED[0] + " Zorblex's customers love us.", ASKED[1] + " We follow Zorblex guidelines.", *ASKED[2:]]
    assert "Zorblex" not in _names(possessive)


def test_good_at_a_name_asks_for_a_skill_and_one_listing_is_not_enough():
    skill = [ASKED[0] + " You are good at Zorblex.", ASKED[1] + " Proficient at Zorblex.", *ASKED[2:]]
    assert "Zorblex" in _names(skill)
    once = [ASKED[0] + " Engineers at Zorblex ship weekly.", *ASKED[1:]]
    assert "Zorblex" in _names(once)  # written as an employer in one listing only


def test_a_list_holding_an_organisations_name_is_a_list_of_organisations():
    investors = ["We are proud to count Quillon Ventures, Brightmoor, Docker and Zentor Capital as friends.",
                 "Friends of the team: Brightmoor, Python and Arlo Partners.",
                 "Stack: Brightmoor, Kafka, Go.", "Experience with Brightmoor and SQL."]
    assert "Brightmoor" not in _names(investors)
    assert "Brightmoor" in _names([investors[0].replace("Quillon Ventures", "Quillon").replace("Zentor Capital", "Zentor"),
                                   investors[1].replace("Arlo Partners", "Arlo"), *investors[2:]])


def test_an_english_phrase_capitalised_as_a_list_item_is_held_back_where_it_is_written_lowercase_too():
    listed = ["Skills: Python, Field Service, SQL.", "Docker, Field Service, Terraform.", "Stack: Kafka, Field Service and Python."]
    assert "Field Service" in _names(listed)
    prose = ["We value field service above all.", "Our field service staff travel.", "You will join field service."]
    assert "Field Service" not in _names(listed + prose)


def test_an_inflected_english_word_needs_list_evidence_in_two_thirds_of_its_listings():
    texts = ["Skills: Python, Reviewers, Docker.", "Terraform, Reviewers and Kafka.", "Stack: SQL, Reviewers, Python.",
             "Ask our Reviewers first.", "Meet the Reviewers on Friday."]
    assert "Reviewers" not in _names(texts)  # "review" is an English word
    assert "Zeviewers" in _names([t.replace("Reviewers", "Zeviewers") for t in texts])


def test_a_generic_noun_is_never_proposed_alone_but_may_stand_in_a_longer_name():
    texts = ["Skills: Python, Quillon API, Docker, API.", "Terraform, Quillon API, Kafka, API.", "SQL / Quillon API / API / Python"]
    found = _names(texts)
    assert "Quillon API" in found and "API" not in found


def test_a_short_name_with_a_digit_is_found_but_not_the_end_of_a_version():
    texts = ["Skills: Python, Z9, Docker.", "Experience with Z9 and Kafka.", "Terraform / Z9 / SQL"]
    assert "Z9" in _names(texts)
    versions = ["Skills: Python, Windows Server 2012 Z9, Docker.", "Windows 2008 Z9 and Kafka.", "Terraform / Server 2016 Z9 / SQL"]
    assert "Z9" not in _names(versions)


def test_a_name_written_lowercase_in_lists_of_tools_is_no_english_word_but_lowercase_in_prose_it_is():
    listed = ["Skills: Python, Zorbplot, Docker.", "Terraform, Zorbplot and Kafka.", "Stack: SQL, Zorbplot, Python."]
    assert "Zorbplot" in _names(listed + ["Tools: Python, zorbplot, Docker.", "Docker and zorbplot daily."])
    assert "Zorbplot" not in _names(listed + ["We zorbplot every day.", "You will zorbplot the data."])


def test_the_words_that_ask_for_a_skill_are_never_proposed():
    texts = ["Python and Familiarity with Docker.", "SQL, Familiarity with Kafka.", "Terraform and Familiarity with Go."]
    assert "Familiarity" not in _names(texts, min_listings=1)


def test_a_known_tool_and_a_known_field_before_what_follows_technologies_are_no_new_name():
    named = ["Experience with Python ML, Docker.", "Stack: Python ML and SQL.", "Tools: Python ML, Kafka."]
    assert "Python ML" in _names(named)  # a name a known tool opens, as "GitLab CI" is
    described = ["Experience with Python ML frameworks and Docker.", "Strong Python ML ecosystem skills, SQL.",
                 "Tools: Python ML libraries, Kafka."]
    assert "Python ML" not in _names(described, min_listings=1)


def test_a_cue_noun_glued_before_its_preposition_opens_a_new_sentence(tmp_path):
    vocab = _tools(tmp_path, "SQL", "Go", "Docker", "Kafka")
    glued = ["Skills: Go, SQLFamiliarity with Docker.", "Kafka and SQLFamiliarity with Go.", "Docker, SQLFamiliarity with Kafka."]
    assert not {n for n in _names(glued, vocab=vocab, min_listings=1) if "Familiarity" in n}
    named = ["Skills: Go, ZorbFamiliarity, Docker.", "Kafka and ZorbFamiliarity or Go.", "Docker, ZorbFamiliarity, Kafka."]
    assert "ZorbFamiliarity" in _names(named, vocab=vocab)  # no preposition after it: one name


def test_two_english_words_glued_by_a_dot_are_two_words_but_a_dotted_name_is_one(tmp_path):
    vocab = _tools(tmp_path, "SQL", "Go", "Docker", "Kafka")
    glued = ["Skills: Go, team.has, Docker.", "Kafka and team.has or Go.", "Docker, team.has, Kafka."]
    assert not {n for n in _names(glued, vocab=vocab, min_listings=1) if "." in n}
    dotted = ["Skills: Go, zorb.js, Docker.", "Kafka and zorb.js or Go.", "Docker, zorb.js, Kafka."]
    assert "zorb.js" in _names(dotted, vocab=vocab)


def test_a_code_or_a_range_of_years_glued_to_a_word_is_not_a_name(tmp_path):
    vocab = _tools(tmp_path, "SQL", "Go", "Docker", "Kafka")
    glued = ["Job Code/TitleE1072: Engineer. Skills: Go, Docker.", "Job Code/TitleE1073: Engineer. Kafka, SQL.",
             "Experience with graph data5-8 years of Go, Docker.", "Know SQL, Kafka, spatial data5-8 years of work."]
    found = _names(glued, vocab=vocab, min_listings=1)
    assert not {n for n in found if n.startswith("Title") or n.startswith("data")}
    named = ["Skills: Go, ZorbE1072, Docker.", "Kafka and ZorbE1072 or Go.", "Docker, ZorbE1072, Kafka."]
    assert "ZorbE1072" in _names(named, vocab=vocab)  # "Zorb" is no English word: one name


def test_a_heading_word_glued_to_the_next_sentence_is_read_apart(tmp_path):
    vocab = _tools(tmp_path, "SQL", "Go", "Docker", "Kafka")
    glued = ["Product DevelopmentIf you know Go, Docker.", "What We ValueMission first. Kafka, SQL.",
             "Product DevelopmentIf you like SQL, Kafka.", "What We ValueMission first. Go, Docker."]
    assert not {"DevelopmentIf", "ValueMission"} & _names(glued, vocab=vocab, min_listings=1)


def test_a_single_letter_is_a_name_only_in_a_list_beside_known_tools(tmp_path):
    vocab = _tools(tmp_path, "Python", "SQL", "Go", "Docker")
    listed = ["Skills: Python, R, SQL.", "Go, R and Docker.", "Stack: SQL / R / Python."]
    assert "R" in _names(listed, vocab=vocab)
    prose = ["Grade R applicants are welcome here, as we use Python.", "Plan R is ready. Go and SQL.", "Building R opens soon. Docker."]
    assert "R" not in _names(prose, vocab=vocab, min_listings=1)
    letters = ["Skills: Python, A, SQL.", "Go, A and Docker.", "Stack: SQL / A / Python."]
    assert "A" not in _names(letters, vocab=vocab, min_listings=1)  # an English word


def test_by_default_two_listings_are_enough_and_one_is_not():
    two = ["Stack: Python, Vexalon, Docker.", "Experience with Vexalon and SQL."]
    assert [d.name for d in discover(two)] == ["Vexalon"]
    assert not discover(two[:1])


def test_an_english_word_written_lowercase_as_an_item_of_a_list_of_tools_is_not_prose(tmp_path):
    vocab = _tools(tmp_path, "Python", "SQL", "Docker", "Kafka", "Terraform")
    listed = ["Skills: Python, Candle, Docker.", "Terraform, Candle and Kafka.", "Stack: SQL, Candle, Python."]
    assert "Candle" in _names(listed + ["Tools: Python, candle, Docker.", "Kafka, candle and SQL.", "Terraform, candle, Python."],
                              vocab=vocab)
    assert "Candle" not in _names(listed + ["We carry a candle at night.", "Bring a candle to the camp."], vocab=vocab)
