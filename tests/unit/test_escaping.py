"""One escaping rule for every text that leaves the program (terminal, window title, MPRIS,
notifications, the desktop file): control, format and line/paragraph separators escaped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from itbtimer.core.escaping import escaped, spreadsheet_cell

HIDDEN = ("Cc", "Cf", "Zl", "Zp")


def test_terminal_escapes_and_bidi_overrides_are_shown_not_obeyed():
    assert escaped("Squat\x1b[31mRED") == "Squat\\x1b[31mRED"
    assert escaped("a\nb\tc\u202e") == "a\\x0ab\\x09c\\u202e"
    assert escaped("Knee\u2066x\u2069 \u2028\u2029\u200f\x85") == (
        "Knee\\u2066x\\u2069 \\u2028\\u2029\\u200f\\x85")


def test_ordinary_text_passes_unchanged():
    assert escaped("Knee — ok, Kniebeuge ½ · 膝") == "Knee — ok, Kniebeuge ½ · 膝"


@given(st.text(st.characters(whitelist_categories=HIDDEN), min_size=1))
def test_no_hidden_character_gets_through(text):
    import unicodedata

    shown = escaped(text)
    assert shown.isascii()
    assert not any(unicodedata.category(c) in HIDDEN for c in shown)


@given(st.text(st.characters(blacklist_categories=(*HIDDEN, "Cs"))))
def test_text_without_hidden_characters_is_left_alone(text):
    assert escaped(text) == text


def test_a_spreadsheet_cell_never_starts_a_formula():
    assert spreadsheet_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [spreadsheet_cell(t) for t in ("+1", "-Squat", "@Plank", "\tx", "\rx")] == [
        "'+1", "'-Squat", "'@Plank", "'\\x09x", "'\\x0dx"]
    assert spreadsheet_cell("Side plank\x1b[2J") == "Side plank\\x1b[2J"
    assert spreadsheet_cell("8-12") == "8-12"


@given(st.text())
def test_no_spreadsheet_cell_starts_with_a_formula_sign_or_hides_a_character(text):
    cell = spreadsheet_cell(text)
    assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert cell == escaped(cell)
