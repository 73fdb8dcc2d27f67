"""Shrink, wrap, ellipsise: a text always fits its width, never cut mid-letter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from itbtimer.gui.fit import ELLIPSIS, fit, wrap


def measure(text: str, size: int) -> int:
    """A monospaced fake: each character is half the size wide."""
    return len(text) * size // 2


SIZES = (40, 30, 20)


def test_a_short_text_keeps_the_largest_size():
    assert fit("Plank", 200, SIZES, measure).size == 40


def test_a_longer_text_shrinks_before_it_wraps():
    fitted = fit("Single leg dips", 240, SIZES, measure, max_lines=3)  # 15 chars: 300 at 40
    assert (fitted.size, fitted.lines) == (30, 1)


def test_then_it_wraps_at_the_largest_size_that_fits_the_lines():
    fitted = fit("Knees out and back straight please", 200, SIZES, measure, max_lines=3)
    assert fitted.lines > 1 and fitted.lines <= 3
    assert fitted.size == 30
    assert all(measure(line, fitted.size) <= 200 for line in fitted.text.split("\n"))


def test_then_it_is_ellipsised_at_the_smallest_size():
    fitted = fit("word " * 400, 200, SIZES, measure, max_lines=3)
    lines = fitted.text.split("\n")
    assert fitted.shortened and fitted.size == 20 and len(lines) == 3
    assert lines[-1].endswith(ELLIPSIS)
    assert all(measure(line, 20) <= 200 for line in lines)


def test_one_line_only_is_ellipsised_not_wrapped():
    fitted = fit("A sixty character exercise name that goes on and on and on", 300, SIZES,
                 measure)
    assert fitted.lines == 1 and fitted.text.endswith(ELLIPSIS)


def test_a_word_wider_than_the_line_breaks_between_letters():
    assert wrap("Supercalifragilistic", 100, 20, measure) == ["Supercalif", "ragilistic"]


@given(st.text(min_size=1, max_size=300), st.integers(min_value=20, max_value=900),
       st.integers(min_value=1, max_value=3))
def test_every_line_fits_and_keeps_whole_letters(text, width, max_lines):
    fitted = fit(text, width, SIZES, measure, max_lines)
    lines = fitted.text.split("\n") if fitted.text else []
    assert len(lines) <= max_lines
    for line in lines:
        assert measure(line, fitted.size) <= width or len(line) == 1 or line.endswith(ELLIPSIS)
    if not fitted.shortened:  # every letter is there, in order
        assert "".join(fitted.text.split()) == "".join(text.split())


@given(st.text(min_size=1, max_size=300), st.integers(min_value=20, max_value=900),
       st.integers(min_value=1, max_value=4))
def test_wrapping_up_to_a_limit_gives_the_first_lines_of_the_whole_wrap(text, width, limit):
    assert wrap(text, width, 20, measure, limit=limit) == wrap(text, width, 20, measure)[:limit]


def test_a_very_long_text_is_measured_only_as_far_as_its_lines_reach():
    """A cue pasted 45 times over froze the window for a second at each redraw: every size
    wrapped all of it to learn that it needs more than two lines."""
    calls = []

    def counting(text: str, size: int) -> int:
        calls.append(text)
        return measure(text, size)

    text = "Keep the knee over the second toe and breathe " * 45
    fitted = fit(text, 300, SIZES, counting, max_lines=2)
    assert fitted.lines == 2 and fitted.shortened
    assert len(calls) < 3 * len(text.split())  # one whole wrap, not one a size and two more
