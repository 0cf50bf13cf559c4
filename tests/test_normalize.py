import pytest

from skillterms.text.normalize import normalize, snap_end


@pytest.mark.parametrize("text", [
    "plain text", "<li>Python</li>", "R&amp;D", "C&#43;&#43;", "a&nbsp;b", "<!-- x --> y", "<script>1</script>",
    "Pyt\u200bhon", "NUL\x00here", "&#x1F600; emoji", "<a href='x'>link</a>", "unclosed <!-- comment",
])
def test_normalized_text_has_the_same_length(text):
    clean, _ = normalize(text)
    assert len(clean) == len(text)


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


URL_PARTS = ["http", "https", "ftp", "://", "www.", "shttp", "x", ".", ")", "(", " ", "\n", "<", "'", "\u00a0", "/", "ww"]


def test_urls_are_found_where_the_url_pattern_finds_them():
    # _blank_urls finds the openings with str.find; the pattern it stands for is the definition.
    import random
    import re

    from skillterms.text.normalize import _blank_url, _blank_urls

    url = re.compile(r"(?:https?|ftp)://[^\s<>\"']+|www\.[^\s<>\"']+")
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(URL_PARTS) for _ in range(rng.randint(0, 14)))
        assert _blank_urls(text) == url.sub(lambda m: _blank_url(m.group()), text), repr(text)


MAIL_PARTS = ["a", "jo.e+x", "-", "_", "@", "@@", ".", "..", "b.c", "example.com", " ", "\n", "é", "٣", "\udcff",
              "x" * 70, "(", ")", ",", "mailto:"]


def test_mail_addresses_are_blanked_where_the_python_oracle_blanked_them():
    import random

    from reference.normalize import blank_mail_addresses
    from skillterms.text.normalize import _blank_mail_addresses

    rng = random.Random(11)
    for _ in range(4000):
        text = "".join(rng.choice(MAIL_PARTS) for _ in range(rng.randint(0, 16)))
        assert _blank_mail_addresses(text) == blank_mail_addresses(text), repr(text)
    assert _blank_mail_addresses("write to jo.e+x@example.com, now") == "write to " + " " * 18 + ", now"


MARKUP_PARTS = ["<", ">", "/", "</", "<!--", "-->", "--", "<script", "<SCRIPT", "<ſcript>", "</script>", "</Script \n>",
                "<style", "</style>", "</STYLE\t>", "<li>", "</li>", "<LI class='x'>", "<br/>", "<br />", "<a href=\"x\">",
                "<a <b>", "<x:y-z>", "<p\n>", "<div\u00a0id=1>", "<h1", "<1>", "&", "&amp;", "&AMP;", "&nbsp;", "&#67;",
                "&#x43;", "&#X2b;", "&#0;", "&#12345678", "&#xD800;", "&#;", "&#x;", "&a;", "&notanentity;", "&lt",
                "&" + "a" * 32 + ";", "&" + "b" * 31 + ";", "&#67&#43;&#43;", "R&D", "C", "++", "x", " ", "\n", "\t",
                "é", "١", "\udcff", "_", ";", "'", '"', "scripts", "İ"]


def test_markup_is_cleaned_where_the_python_oracle_cleaned_it():
    # the compiled core's markup cleaner against the Python it replaced, on texts built to
    # reach the corners of its patterns: openers without closers, tags cut by "<", entities
    # of every form, lone surrogates
    import random

    from reference.normalize import clean_markup
    from skillterms.text.normalize import _BLOCK_TAGS, _decode_entity, _markup_cleaner

    rng = random.Random(5)
    cleaner = _markup_cleaner()
    for _ in range(6000):
        text = "".join(rng.choice(MARKUP_PARTS) for _ in range(rng.randint(0, 14)))
        assert cleaner.clean(text, _decode_entity) == clean_markup(text, _decode_entity, _BLOCK_TAGS), repr(text)


@pytest.mark.parametrize("text", ["<ſcript>x</script> C++", "<scrİpt>x</script> C++", "<STYLE>x</style > C++"])
def test_script_and_style_are_named_in_ascii_in_any_case(text):
    # "<ſcript>" is no script tag in HTML (re.IGNORECASE read it as one, and the cleaning failed)
    clean, _ = normalize(text)
    assert len(clean) == len(text) and clean.endswith(" C++")
    assert ("x" in clean) == (not text.startswith("<STYLE>"))
