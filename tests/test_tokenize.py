import pytest

from skillterms.text.tokenize import is_soft_gap, split, surface_key, tokens


@pytest.mark.parametrize("text", ["", "C++/C#", "PostgreSQLWe", "a  b\n\nc", "Ünïcödé İstanbul", "k8s.io/x_y"])
def test_split_keeps_every_character(text):
    assert "".join(split(text)) == text


@pytest.mark.parametrize("text,pieces", [
    ("C++/C#", ["C", "+", "+", "/", "C", "#"]),
    ("PostgreSQLWe", ["Postgre", "SQL", "We"]),
    ("ExperienceKubernetes", ["Experience", "Kubernetes"]),
    ("k8s", ["k", "8", "s"]),
    (".NET and ASP.NET", [".", "NET", "and", "ASP", "NET"]),
    ("in R.", ["in", "R"]),
    ("JavaScript(ES6)", ["Java", "Script", "ES", "6"]),
])
def test_pieces_split_at_case_digit_and_symbol_changes(text, pieces):
    assert [t.text for t in tokens(text)] == pieces


def test_token_offsets_point_into_the_text():
    text = "Use Node.js, C# and k8s"
    for t in tokens(text):
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("gap,soft", [
    ("", True), (" ", True), ("-", True), (".", True), ("_", True), ("   ", True), ("\xa0", True),
    (", ", False), (". ", False), ("\n", False), (" \n ", False), ("(", False), ("--", False),
])
def test_soft_gaps_are_separators_inside_one_term(gap, soft):
    assert is_soft_gap(gap) is soft


@pytest.mark.parametrize("surfaces,key", [
    (["Node.js", "NodeJS", "node js", "Node-JS", "node_js"], "nodejs"),
    (["Power BI", "PowerBI", "power-bi"], "powerbi"),
    (["C++", "c++"], "c++"),
    (["CI/CD", "ci/cd"], "ci/cd"),
])
def test_surface_key_squashes_soft_separators_only(surfaces, key):
    assert {surface_key(s) for s in surfaces} == {key}


@pytest.mark.parametrize("surface", ["extract, transform, load", "Foo (Bar)", "a\nb", "", "   "])
def test_surface_key_refuses_surfaces_with_hard_separators(surface):
    assert surface_key(surface) is None
