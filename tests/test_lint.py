import skillterms
from skillterms.lint import lint
from skillterms.text.wordlist import common_words


def _lint(tmp_path, body):
    path = tmp_path / "v.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n" + body)
    vocab = skillterms.load_vocabulary(path, builtin=False)
    return lint(vocab)


def test_duplicate_surface_is_a_warning_with_its_position(tmp_path):
    (w,) = _lint(tmp_path, "  - name: Node.js\n    aliases: [NodeJS, node]\n    ambiguous: [node]\n")
    assert (w.line, w.column, w.severity) == (5, 15, "warning")
    assert "'NodeJS' of 'Node.js' is the same surface as 'Node.js'" in w.message


def test_exact_case_forms_that_differ_in_case_are_not_duplicates(tmp_path):
    warnings = _lint(tmp_path, "  - name: Outlook tool\n    aliases: [Outlook, OUTLOOK]\n    exact_case: [Outlook, OUTLOOK]\n"
                               "    ambiguous: [Outlook, OUTLOOK]\n")
    assert not [w for w in warnings if "same surface" in w.message]


def test_common_english_word_without_a_rule_is_a_warning(tmp_path):
    assert "spark" in common_words()
    (w,) = _lint(tmp_path, "  - name: Sparkle Engine\n    aliases: [Spark]\n")
    assert "'Spark' of 'Sparkle Engine' is also a common English word" in w.message


def test_common_word_marked_ambiguous_is_fine(tmp_path):
    assert _lint(tmp_path, "  - name: Sparkle Engine\n    aliases: [Spark]\n    ambiguous: [Spark]\n") == []


def test_ambiguous_false_records_a_reviewed_name(tmp_path):
    assert _lint(tmp_path, "  - name: Angular\n    ambiguous: false\n") == []


def test_surface_hidden_by_a_not_terms_phrase_is_a_warning_with_the_reason(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n  - name: Qux\n    aliases: [Bxr]\nnot_terms: [with Bxr]\n")
    (w,) = lint(skillterms.load_vocabulary(path, builtin=False))
    assert (w.line, w.column) == (5, 15)
    assert "'Bxr' does not find 'Qux'" in w.message and "not_terms phrase 'with Bxr'" in w.message


def test_lint_limits_itself_to_the_files_asked_about(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n  - name: Node.js\n    aliases: [NodeJS]\n")
    vocab = skillterms.load_vocabulary(path, builtin=False)
    assert lint(vocab, files=["other.yaml"]) == []
    assert len(lint(vocab, files=[str(path)])) == 1


def test_builtin_vocabulary_has_no_duplicate_or_unreachable_surfaces():
    warnings = lint(skillterms.default_vocabulary())
    bad = [str(w) for w in warnings if "same surface" in w.message or "does not find" in w.message]
    assert bad == []


def test_a_term_with_thousands_of_aliases_reports_its_one_duplicate(tmp_path):
    # Speed is measured in benchmarks/large_vocabulary.py (--per-term 3000): each term's
    # surfaces are read once, where comparing every pair took 13 s here.
    path = tmp_path / "fat.yaml"
    aliases = ", ".join(f"Zorbtool v{k}" for k in range(3000))
    path.write_text(f"category: x\nkind: tool\nterms:\n  - name: Zorbtool\n    aliases: [{aliases}, zorbtool V7]\n")
    vocab = skillterms.load_vocabulary(path, builtin=False)
    problems = lint(vocab)
    assert [p.message for p in problems if "same surface" in p.message] == [
        "'zorbtool V7' of 'Zorbtool' is the same surface as 'Zorbtool v7' (case and separators do not matter); "
        "remove it"]
