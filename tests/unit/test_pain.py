"""The knee-pain score from keys: digits, 1-0 within 1.5 s for 10, T for 10, then fixed."""

from __future__ import annotations

from itbtimer.core.pain import PainEntry


def typed(*keys: tuple[str, float]) -> int | None:
    entry = PainEntry()
    for key, at in keys:
        entry.key(key, at)
    return entry.score


def test_a_digit_is_the_score_and_the_last_one_wins():
    assert typed(("4", 0.0)) == 4
    assert typed(("4", 0.0), ("6", 5.0)) == 6


def test_one_then_zero_quickly_is_ten_slowly_is_zero():
    assert typed(("1", 10.0), ("0", 11.4)) == 10
    assert typed(("1", 10.0), ("0", 11.5)) == 0
    assert typed(("2", 10.0), ("0", 10.1)) == 0


def test_t_is_ten_and_other_keys_are_not_scores():
    entry = PainEntry()
    assert entry.key("T", 0.0) and entry.score == 10
    assert not entry.key("x", 0.1) and not entry.key("Return", 0.2) and entry.score == 10


def test_a_click_replaces_what_was_typed_and_starts_the_typing_afresh():
    entry = PainEntry()
    entry.key("1", 0.0)
    entry.choose(3)
    entry.key("0", 0.5)
    assert entry.score == 0


def test_once_saved_nothing_changes_it():
    entry = PainEntry()
    entry.key("7", 0.0)
    entry.closed = True
    assert entry.key("2", 1.0)  # still a score key: it is taken, and ignored
    entry.choose(None)
    assert entry.score == 7
