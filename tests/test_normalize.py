import pytest

from skillterms.text.normalize import normalize, snap_end


@pytest.mark.parametrize("text", [
    "plain text", "<li>Python</li>", "R&amp;D", "C&#43;&#43;", "a&nbsp;b", "<!-- x --> y", "<script>1</script>",
    "Pyt\u200bhon", "NUL\x00here", "&#x1F600; emoji", "<a href='x'>link</a>", "unclosed <!-- comment",
])
def test_normalized_text_has_the_same_length(text):
    clean, _ = normalize(text)
    assert len(clean) == len(text)


@pytest.mark.parametrize("text", ["", "x", "<", "&", "@"])
def test_the_shortest_texts_are_cleaned_without_error(text):
    assert normalize(text) == (text, ())


def test_plain_text_is_returned_unchanged():
    text = "Python and SQL, 5+ years"
    assert normalize(text) == (text, ())


def test_block_tags_become_line_breaks_and_inline_tags_spaces():
    clean, _ = normalize("<li>Python</li><b>SQL</b>")
    assert clean.split() == ["Python", "SQL"]
    assert clean.startswith("\n") and "\n" in clean[10:15]
    assert "\n" not in clean[15:]


def test_entities_decode_in_place_and_are_listed():
    clean, entities = normalize("R&amp;D")
    assert clean == "R&    D"
    assert entities == ((1, 6),)


def test_comments_and_scripts_are_blanked():
    clean, _ = normalize("a<!-- Python -->b<script>Java</script>c<style>SQL</style>")
    assert "Python" not in clean and "Java" not in clean and "SQL" not in clean
    assert clean.replace(" ", "").replace("\n", "") == "abc"


def test_less_than_signs_that_are_not_tags_stay():
    assert normalize("< 5 years, a<b, 3 <= 4")[0] == "< 5 years, a<b, 3 <= 4"


def test_invisible_characters_become_spaces():
    assert normalize("Pyt\u200bhon\x00")[0] == "Pyt hon "


@pytest.mark.parametrize("end,expected", [(2, 6), (1, 1), (6, 6), (7, 7)])
def test_snap_end_moves_ends_out_of_entities(end, expected):
    assert snap_end(end, ((1, 6),)) == expected


def test_urls_and_email_addresses_become_spaces():
    text = "Apply: https://acme.io/jobs?q=python or www.acme.io/go, mail hr@acme.io. Thanks"
    clean, _ = normalize(text)
    assert clean.split() == ["Apply:", "or", ",", "mail", ".", "Thanks"]
    assert len(clean) == len(text)


@pytest.mark.parametrize("text,kept", [
    ("Acme (www.acme.ai) is a bank", "Acme ( ) is a bank"),  # the bracket around the address stays
    ("see https://en.wikipedia.org/wiki/Go_(language) now", "see now"),  # a bracket the URL opened is its own
    ("apply at www.acme.com.", "apply at ."),
])
def test_punctuation_around_a_url_stays(text, kept):
    clean, _ = normalize(text)
    assert " ".join(clean.split()) == kept


def test_an_entity_that_opens_a_word_puts_its_character_last():
    text = "Use &#67;++ or R&amp;D, C&#x23;, not &amp; "
    clean, entities = normalize(text)
    assert len(clean) == len(text)
    assert clean == "Use     C++ or R&    D, C#     , not &     "
    assert entities == ((4, 9), (16, 21), (25, 31), (37, 42))


def test_a_run_of_entities_decodes_as_one_word():
    clean, entities = normalize("&#67;&#43;&#43; rocks")
    assert clean == "C++" + " " * 12 + " rocks" and entities == ((0, 15),)


def test_a_start_inside_an_entity_snaps_to_its_start():
    from skillterms.text.normalize import snap_start

    assert snap_start(8, ((4, 9),)) == 4 and snap_start(4, ((4, 9),)) == 4 and snap_start(9, ((4, 9),)) == 9


URL_PARTS = ["http", "https", "ftp", "://", "www.", "shttp", "x", ".", ")", "(", " ", "\n", "<", "'", "\u00a0", "/", "ww",
             "\x1c", "\udcff", ","]
MAIL_PARTS = ["a", "jo.e+x", "-", "_", "@", "@@", ".", "..", "b.c", "example.com", " ", "\n", "é", "٣", "\udcff",
              "x" * 70, "(", ")", ",", "mailto:"]
MARKUP_PARTS = ["<", ">", "/", "</", "<!--", "-->", "--", "<script", "<SCRIPT", "<ſcript>", "</script>", "</Script \n>",
                "<style", "</style>", "</STYLE\t>", "<li>", "</li>", "<LI class='x'>", "<br/>", "<br />", "<a href=\"x\">",
                "<a <b>", "<x:y-z>", "<p\n>", "<div\u00a0id=1>", "<h1", "<1>", "&", "&amp;", "&AMP;", "&nbsp;", "&#67;",
                "&#x43;", "&#X2b;", "&#0;", "&#12345678", "&#xD800;", "&#;", "&#x;", "&a;", "&notanentity;", "&lt",
                "&" + "a" * 32 + ";", "&" + "b" * 31 + ";", "&#67&#43;&#43;", "R&D", "C", "++", "x", " ", "\n", "\t",
                "é", "١", "\udcff", "_", ";", "'", '"', "scripts", "İ"]
# entities that decode to what a later step blanks, and the characters those steps read
MIXED_PARTS = ["&#64;", "&#x200b;", "&#0;", "&shy;", "&#58;//", "http", "://", "www.", "@", "a.b", "<b>", "\u200b",
               "\x00", "\ufeff", "\u00ad", "x", " ", "\u3000", "(", ")", "."]


def differs_from_the_oracle(parts, seed, rounds, longest=14, max_run=None):
    """The first text made of ``parts`` that the core's cleaning and the Python oracle clean
    differently (None when they agree on all ``rounds``): random texts built to reach the
    corners of the patterns."""
    import random

    from reference.normalize import normalize as oracle
    from skillterms import _core
    from skillterms.text import normalize as module

    max_run = module.MAX_RUN if max_run is None else max_run
    cleaner = _core.Cleaner(sorted(module._BLOCK_TAGS), max_run)
    rng = random.Random(seed)
    for _ in range(rounds):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, longest)))
        if cleaner.normalize(text, module._decode_entity) != oracle(text, module._decode_entity, module._BLOCK_TAGS,
                                                                    max_run):
            return text
    return None


def test_urls_are_blanked_where_the_url_pattern_finds_them():
    assert differs_from_the_oracle(URL_PARTS, seed=7, rounds=4000) is None


def test_mail_addresses_are_blanked_where_the_python_oracle_blanked_them():
    assert differs_from_the_oracle(MAIL_PARTS, seed=11, rounds=4000) is None
    assert normalize("write to jo.e+x@example.com, now")[0] == "write to " + " " * 18 + ", now"


def test_markup_is_cleaned_where_the_python_oracle_cleaned_it():
    # openers without closers, tags cut by "<", entities of every form, lone surrogates
    assert differs_from_the_oracle(MARKUP_PARTS, seed=5, rounds=6000) is None


def test_what_entities_decode_to_is_cleaned_by_the_later_steps():
    # "&#64;" is an "@" and "&#x200b;" a zero-width space once decoded: the steps after the
    # markup read the decoded text
    assert differs_from_the_oracle(MIXED_PARTS, seed=3, rounds=4000) is None
    assert normalize("Py&#x200b;thon")[0] == "Py" + " " * 8 + "thon"


def test_long_runs_are_cut_where_the_python_oracle_cut_them():
    # a small limit, so that runs cross it often, beside spaces of every kind
    parts = ["ab", "C++", " ", "\n", "\u3000", "\x1c", "<b>", "&amp;", "http://x", "\u200b", "é"]
    assert differs_from_the_oracle(parts, seed=13, rounds=3000, longest=20, max_run=5) is None


@pytest.mark.parametrize("text", ["<ſcript>x</script> C++", "<scrİpt>x</script> C++", "<STYLE>x</style > C++"])
def test_script_and_style_are_named_in_ascii_in_any_case(text):
    # "<ſcript>" is no script tag in HTML (re.IGNORECASE read it as one, and the cleaning failed)
    clean, _ = normalize(text)
    assert len(clean) == len(text) and clean.endswith(" C++")
    assert ("x" in clean) == (not text.startswith("<STYLE>"))
