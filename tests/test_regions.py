"""Regions of a listing where terms do not name skills (skillterms.resolve.regions)."""

import pytest

from skillterms.resolve.regions import Region, Regions, find_regions
from skillterms.text.rulewords import rule_words

WORDS = rule_words()


def kinds(text, **kw):
    return [(r.kind, text[r.start:r.end]) for r in find_regions(text, WORDS, **kw)]


def test_header_line_splits_into_employer_field_and_the_rest():
    text = "Acme AI (YC W21) | Staff ML Engineer | Remote | Full-timeWe build tools."
    found = kinds(text)
    assert ("the employer field of a header line", "Acme AI (YC W21) ") in found
    assert ("a header line (role, place, terms)", "| Staff ML Engineer | Remote | Full-time") in found


def test_a_list_of_tools_with_bars_is_no_header():
    assert not any("header" in k for k, _ in kinds("Python | SQL | Docker | Kubernetes"))


def test_header_ends_at_a_blanked_address():
    text = "Acme | Engineer | Remote |" + " " * 20 + "We're hiring engineers."
    header = [r for r in find_regions(text, WORDS) if "header line (" in r.kind][0]
    assert text[header.end:].startswith("We're")


def test_about_section_runs_to_the_next_heading():
    text = "About us:\nWe build AI for banks.\n\nRequirements:\nPython"
    found = kinds(text)
    assert ("text about the company", "About us:\nWe build AI for banks.\n\n") in found


def test_about_section_ends_at_a_sentence_about_the_job():
    text = "About Acme: Acme makes robots. You will write Python and tune SLAM."
    block = [r for r in find_regions(text, WORDS) if r.kind == "text about the company"][0]
    assert "You will" not in text[block.start:block.end]


def test_benefits_and_legal_sections_block_every_term():
    text = "Benefits:\n401k, Python books\n\nEqual Opportunity:\nWe do not discriminate."
    found = find_regions(text, WORDS)
    assert {r.kind for r in found if not r.concepts_only} >= {"benefits and pay", "legal or privacy text"}


def test_legal_sentence_is_found_without_a_heading():
    text = "Python is required. We are an equal opportunity employer."
    assert ("legal or privacy text", " We are an equal opportunity employer.") in kinds(text)


@pytest.mark.parametrize("sentence", [
    "Acme is the leading platform for data.",
    "Acme (acme.example) is a fintech startup.",
    "We are a small team building AI.",
    "Our mission is to make AI safe.",
])
def test_company_description_sentences(sentence):
    assert ("text about the company", sentence) in kinds(sentence)


@pytest.mark.parametrize("sentence", [
    "Python is a must.",
    "Experience with NLP is a plus.",
    "This role is a great fit for ML engineers.",
])
def test_requirements_are_not_company_descriptions(sentence):
    starts = frozenset({0}) if sentence.startswith("Python") else frozenset()
    assert not any(k == "text about the company" for k, _ in kinds(sentence, term_starts=starts))


def test_company_run_continues_while_it_refers_to_the_company():
    text = "Notes.\n\nAcme is a bank. Our clients are large. Interview process: two calls."
    runs = [text[r.start:r.end] for r in find_regions(text, WORDS) if r.kind == "text about the company"]
    assert runs == ["Acme is a bank.", " Our clients are large."]


def test_employer_mentions_cover_the_list_of_names():
    text = "Our customers include Okta, Salesforce and Atlassian. You will use Okta."
    mention = [r for r in find_regions(text, WORDS) if r.kind.startswith("an employer")][0]
    assert text[mention.start:mention.end] == "customers include Okta, Salesforce and Atlassian"


def test_weak_mention_cue_counts_only_in_text_about_the_company():
    assert not any(k.startswith("an employer") for k, _ in kinds("Our codebase uses a service backed by Postgres."))
    assert any(k.startswith("an employer") for k, _ in kinds("We are backed by Sequoia and Accel."))


def test_title_label_covers_its_line():
    assert ("a job title or team name, not a skill", " AI/ML Engineer") in kinds("Role: AI/ML Engineer\nPython")


def test_glued_title_label_ends_at_the_next_glue_point():
    found = kinds("Job ClassSoftware EngineeringJob CategoryExperienced")
    assert ("a job title or team name, not a skill", "Software Engineering") in found


def test_at_name_we_marks_the_employer():
    assert ("the employer's name", "GitLab") in kinds("At GitLab, we value Python.")


def test_regions_prefer_a_block_of_every_term_over_a_concepts_only_one():
    regions = Regions([Region(0, 10, "company", True), Region(2, 5, "mention", False)])
    assert regions.covering(3, "tool").kind == "mention"
    assert regions.covering(3, "concept").kind == "mention"
    assert regions.covering(7, "tool") is None
    assert regions.covering(7, "concept").kind == "company"


def test_regions_never_pass_the_end_of_the_text():
    text = "About us:\nWe build."
    assert all(0 <= r.start <= r.end <= len(text) for r in find_regions(text, WORDS))


def test_name_that_is_seeking_someone_is_the_employer():
    assert ("the employer's name", "Acme Robotics") in kinds("Acme Robotics is seeking a research engineer.")
    assert not any(k == "the employer's name" for k, _ in kinds("Engineers are seeking answers."))


def test_list_after_teams_names_teams():
    found = kinds("Work with teams including perception, control and software engineering.")
    assert ("a list of team names", "perception, control and software engineering") in found
    assert ("a list of team names", "data engineering, pricing") in kinds("other teams (data engineering, pricing)")
    assert not any(k == "a list of team names" for k, _ in kinds("groups such as those who handle PII"))
