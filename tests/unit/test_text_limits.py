"""Bounded text (issue 20.6): long texts are cut into pieces the voice model can take, and
a routine's texts have documented limits."""

from __future__ import annotations

import pytest

from itbtimer.core.limits import CUE_CHARS, NAME_CHARS
from itbtimer.errors import RoutineError
from itbtimer.routine_files import parse_routine
from itbtimer.voice.engine import NoSound, bounded, pieces


def test_a_short_phrase_is_one_piece_as_it_always_was():
    assert pieces("Squat. Knees out, toes down.") == ["Squat. Knees out, toes down."]


def test_a_long_text_is_cut_after_its_marks_into_pieces_of_at_most_60():
    text = ("Lie on your side with your knees bent, and lift the top knee slowly. "
            "Hold it there. Then lower it without letting your hips roll back at all.")
    cut = pieces(text)
    assert all(len(piece) <= 60 for piece in cut)
    assert " ".join(cut) == text
    assert cut[0] == "Lie on your side with your knees bent,"


def test_one_word_longer_than_a_piece_is_cut_anywhere():
    assert pieces("a" * 130) == ["a" * 60, "a" * 60, "a" * 10]


def test_phonemes_of_ordinary_prose_go_to_the_model_as_they_are():
    chunks = ["skwˈɑt dˈWn slˈOli, kˈip jʊɹ bˈæk stɹˈAt"]
    assert bounded(chunks) == chunks


def test_a_number_read_out_in_full_goes_to_the_model_in_chunks_of_at_most_100():
    """60 characters of digits read out are ~500 phonemes at once: ~140 MB in the model."""
    said = " ".join(["wˈʌn bˈɪljən tˈu hˈʌndɹəd θˈɜɹdi fˈɔɹ mˈɪljən"] * 11)
    cut = bounded([said])
    assert len(said) > 500 and all(len(chunk) <= 100 for chunk in cut)
    assert " ".join(cut) == said


def test_a_chunk_without_spaces_is_cut_anywhere():
    assert bounded(["ə" * 250]) == ["ə" * 100, "ə" * 100, "ə" * 50]


def test_a_text_the_voice_makes_no_sound_for_is_named_in_at_most_60_characters():
    assert str(NoSound("日本語のテキスト " * 20)) == (
        "the voice made no sound for '日本語のテキスト 日本語のテキスト 日本語のテキスト "
        "日本語のテキスト 日本語のテキスト 日本語のテキスト 日本語のテ…' (it reads English)")
    assert str(NoSound("🙂")) == "the voice made no sound for '🙂' (it reads English)"


ROUTINE = """\
name: {name}
sections:
  - name: A
    exercises:
      - name: Squat
        work: 30s
        cue: {cue}
"""


@pytest.mark.parametrize("name, cue, message", [
    ("Knee", "a" * (CUE_CHARS + 1),
     f"is {CUE_CHARS + 1} characters long; a cue (it is said aloud) may have at most "
     f"{CUE_CHARS}"),
    ("K" * (NAME_CHARS + 1), "Knees out",
     f"is {NAME_CHARS + 1} characters long; a name may have at most {NAME_CHARS}"),
])
def test_a_text_over_its_limit_is_a_routine_mistake_on_its_line(name, cue, message):
    with pytest.raises(RoutineError) as caught:
        parse_routine(ROUTINE.format(name=name, cue=cue), "long.yaml")
    (problem,) = caught.value.problems
    assert problem.message == message
    assert problem.line == (7 if name == "Knee" else 1)


def test_texts_at_their_limits_are_fine():
    routine = parse_routine(ROUTINE.format(name="K" * NAME_CHARS, cue="a" * CUE_CHARS), "x")
    assert routine.name == "K" * NAME_CHARS
