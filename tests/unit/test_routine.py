"""The routine file: every mistake gets a precise error, every valid file loads."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itbtimer.core.routine import Rest
from itbtimer.errors import RoutineError
from itbtimer.routine_files import load_routine, parse_routine
from itbtimer.routine_files.bundled import bundled_routines
from tests.helpers import examples

GOOD = """\
name: Test
sections:
  - name: A
    exercises:
      - name: Squat
"""


def errors(text: str) -> list[str]:
    with pytest.raises(RoutineError) as info:
        parse_routine(text, "mine.yaml")
    return str(info.value).splitlines()


def one_error(text: str) -> str:
    found = errors(text)
    assert len(found) == 1, found
    return found[0]


def test_minimal_routine_gets_the_defaults():
    routine = parse_routine(GOOD)
    exercise = routine.sections[0].exercises[0]
    assert (exercise.mode, exercise.work, exercise.sets, exercise.sides) == ("timed", 30, 1, ())
    assert exercise.rest == Rest(0, 0)
    assert (routine.get_ready, routine.switch) == (10, 5)


def test_error_names_file_line_column_field_and_fix():
    text = GOOD + "        work: 3o s\n"
    assert one_error(text) == (
        "mine.yaml:6:15: work of exercise \"Squat\" (line 5) in section \"A\" (line 3): "
        "'3o s' is not a duration "
        "(write it like one of: 45, 45s, 45 sec, 45 secs, 45 seconds, 2m, 2 min, 2 mins, "
        "2 minutes, 1m30s, 1 min 30 s, 1.5m, 1.5 min, 0:45, 1:30)"
    )


@pytest.mark.parametrize("value,seconds", [
    ("45", 45), ("45s", 45), ("2m", 120), ("1m30s", 90), ("'90'", 90), ("1m 30s", 90),
])
def test_durations_a_person_writes(value, seconds):
    routine = parse_routine(GOOD + f"        work: {value}\n")
    assert routine.sections[0].exercises[0].work == seconds


@pytest.mark.parametrize("value,expect", [
    ("0", "must be longer than 0 seconds"),
    ("-5", "is negative"),
    ("2h", "longer than the 1 hour"),
    ("99999", "longer than the 1 hour"),
    ("1.5", "not whole seconds"),
    ("yes", "expected a duration"),
    ("[1, 2]", "expected a duration, not a list"),
    ("30-45s", "a range is allowed for rests only"),
    ("abc", "'abc' is not a duration"),
    ("", "expected a duration, not nothing"),
])
def test_bad_work_durations(value, expect):
    assert expect in one_error(GOOD + f"        work: {value}\n")


def test_flexible_rest_range():
    routine = parse_routine(GOOD.replace("    exercises:", "    rest: 30-45s\n    exercises:"))
    assert routine.sections[0].exercises[0].rest == Rest(30, 45)
    assert routine.sections[0].exercises[0].rest.flexible


@pytest.mark.parametrize("value", ["45-30s", "30-30s"])
def test_range_minimum_must_be_below_maximum(value):
    text = GOOD.replace("    exercises:", f"    rest: {value}\n    exercises:")
    assert "shorter time must come first" in one_error(text)


def test_rest_zero_is_allowed_and_means_no_rest():
    text = GOOD.replace("    exercises:", "    rest: 0\n    exercises:")
    assert parse_routine(text).sections[0].exercises[0].rest == Rest(0, 0)


@pytest.mark.parametrize("text,expect", [
    ("", "the file is empty"),
    ("# only a comment\n", "the file is empty"),
    ("- a\n- b\n", "a routine must be a group of `key: value` lines"),
    ("just words\n", "a routine must be a group of `key: value` lines"),
    ("42\n", "a routine must be a group of `key: value` lines"),
    ("name: X\n", "`sections` is required"),
    ("name: X\nsections: []\n", "must have at least one entry"),
    ("name: X\nsections: nope\n", "must be a list"),
    ("sections:\n  - name: A\n    exercises:\n      - name: B\n", "the routine needs a name"),
    ("name: ''\nsections:\n  - name: A\n    exercises:\n      - name: B\n", "must not be empty"),
    ("name: X\nsections:\n  - name: A\n", "`exercises` is required"),
    ("name: X\nsections:\n  - name: A\n    exercises: []\n", "must have at least one entry"),
    ("name: X\nsections:\n  - name: A\n    exercises:\n      - cue: hi\n",
     "every exercise needs a name"),
    ("name: X\nsections:\n  - just text\n", "a section must be a group of `key: value` lines"),
    ("name: X\nsections:\n  - name: A\n    exercises:\n      - squat\n",
     "an exercise must be a group of `key: value` lines"),
    ("name: [1, 2]\nsections:\n  - name: A\n    exercises:\n      - name: B\n",
     "must be text, not a list"),
])
def test_structural_mistakes(text, expect):
    assert any(expect in line for line in errors(text)), errors(text)


@pytest.mark.parametrize("extra,expect", [
    ("        sets: 0\n", "between 1 and 100, not 0"),
    ("        sets: two\n", "must be a whole number"),
    ("        sets: 2.5\n", "must be a whole number"),
    ("        sets: true\n", "must be a whole number"),
    ("        reps: 0\n", "between 1 and 1000 reps"),
    ("        reps: 12-8\n", "write the smaller count first"),
    ("        reps: lots\n", "is not a rep count"),
    ("        until: ''\n", "must not be empty"),
    ("        sides: left\n", "is not a side choice"),
    ("        sides: [left, left]\n", "must list both sides once"),
    ("        sides: {a: 1}\n", "must be `both` or a list"),
    ("        reps: 10\n        until: shaking\n", "give only one of work, reps and until"),
    ("        wrok: 30s\n", "did you mean `work`?"),
    ("        name: again\n", "`name` is given twice (first on line 5)"),
    ("        colour: red\n", "unknown key `colour`; allowed here:"),
])
def test_exercise_field_mistakes(extra, expect):
    assert expect in one_error(GOOD + extra)


def test_every_error_of_a_file_is_reported():
    text = GOOD + "        work: 0\n        sets: 0\n        wrok: 1\n"
    assert len(errors(text)) == 3


def test_reps_and_until_and_sides():
    text = """\
name: T
sections:
  - name: A
    sets: 2
    exercises:
      - {name: Dips, reps: 8-12, sides: both}
      - {name: Plank, until: shaking}
      - {name: Pigeon, sides: [right, left], sets: 1}
"""
    dips, plank, pigeon = parse_routine(text).sections[0].exercises
    assert (dips.mode, dips.reps, dips.sides, dips.sets) == ("reps", "8-12", ("left", "right"), 2)
    assert (plank.mode, plank.until, plank.work) == ("until", "shaking", None)
    assert (pigeon.sides, pigeon.sets) == (("right", "left"), 1)


def test_anchors_and_aliases_are_fine():
    text = """\
name: T
sections:
  - name: A
    exercises:
      - &squat {name: Squat, work: 20s}
      - *squat
"""
    assert [e.work for e in parse_routine(text).sections[0].exercises] == [20, 20]


def test_yaml_syntax_error_has_line_and_column():
    line = errors("name: X\nsections: [\n")[0]
    assert line.startswith("mine.yaml:2:11:") and "never closed" in line


def test_tabs_get_a_hint():
    line = errors("name: X\nsections:\n\t- name: A\n")[0]
    assert "mine.yaml:3:1:" in line and "indent with spaces only" in line


def test_python_tags_are_refused():
    text = "name: !!python/object/apply:os.system ['echo hi']\nsections: []\n"
    assert "tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed" in one_error(
        text)


def test_custom_tags_are_refused():
    assert "is not allowed" in one_error("name: !mine X\nsections: []\n")


def test_billion_laughs_is_rejected():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append("name: *a9")
    lines.append("sections: *a9")
    found = errors("\n".join(lines) + "\n")  # how quickly: make bench
    assert any("unknown key `a0`" in e for e in found)
    assert any("name: must be text, not a list" in e for e in found)


def test_alias_bomb_inside_exercises_is_bounded_by_the_step_limit():
    text = ("name: X\nsections:\n  - &s\n    name: A\n    rounds: 100\n    exercises:\n"
            + "".join(f"      - {{name: E{i}, sets: 100, sides: both}}\n" for i in range(10))
            + "  - *s\n" * 3)
    assert "over 50000 steps" in one_error(text)  # how quickly: make bench


@pytest.mark.parametrize("text", [
    "name: " + "[" * 5000 + "]" * 5000 + "\nsections: []\n",  # over libyaml's 1000 levels
    "# a tab:\t\nname: " + "[" * 600 + "]" * 600 + "\nsections: []\n",  # the Python reader's
])
def test_deep_nesting_is_an_error_not_a_crash(text):
    assert errors(text) == ["mine.yaml: the file is nested too deeply to be a routine"]


@pytest.mark.parametrize(("text", "place"), [
    ('name: "\\U00110000"\nsections: []\n', "1:8"),
    ('name: x\ncue: "a \\UFFFFFFFF b"\nsections: []\n', "2:9"),
])
def test_an_escape_that_names_no_character_is_a_mistake_not_a_crash(text, place):
    """PyYAML's reader raises a bare ValueError (OverflowError) for it: it was an
    internal error."""
    first = errors(text)[0]
    assert first.startswith(f"mine.yaml:{place}: a `\\` inside \"double quotes\" starts a "
                            "special character"), first


def test_nul_bytes_and_binary_junk(tmp_path: Path):
    path = tmp_path / "junk.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(RoutineError, match="not a text file"):
        load_routine(path)


def test_non_utf8_names_the_place(tmp_path: Path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.encode() + "        cue: genou \xe0 90\xb0\n".encode("latin-1"))
    with pytest.raises(RoutineError) as info:
        load_routine(path)
    assert str(info.value) == (
        f"{path}:6:20: byte 0xe0 is not UTF-8 text; save the file as UTF-8")


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(RoutineError, match="no such file"):
        load_routine(tmp_path / "nope.yaml")
    with pytest.raises(RoutineError, match="this is a folder"):
        load_routine(tmp_path)


def test_huge_file_is_refused_up_front(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (1024 * 1024 + 10) + b"\n")
    with pytest.raises(RoutineError, match="at most 1 MiB"):
        load_routine(path)


def test_utf8_bom_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_routine(path).name == "Test"


def test_bundled_routines_load():
    root = Path(__file__).parents[2] / "routines"
    for path in root.glob("*.yaml"):
        assert load_routine(path).sections


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def test_no_bundled_text_has_a_hyphenated_word_split_where_its_lines_were_folded():
    """`how: >-` joins its lines with a space: "upside-" at a line's end read "upside- down"."""
    for path in bundled_routines():
        split = [t for t in _texts(yaml.safe_load(path.read_text(encoding="utf-8")))
                 if re.search(r"[^\W\d_]- ", t)]
        assert split == [], path.name


# --- property-based: random documents give a routine or a RoutineError, nothing else ---

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["30s", "2m", "1m30s", "30-45s", "8-12", "both", "shaking", "0", "-1",
                     "1.5 min", "0:45", "30 to 45 seconds", "knee pain", "none", "3x15"]),
)
_keys = st.sampled_from([
    "name", "sections", "exercises", "work", "rest", "reps", "until", "sides", "sets",
    "rounds", "cue", "note", "defaults", "get_ready", "switch", "per_week", "description",
    "wrok", "round_rest", "rep_seconds", "expect", "ask", "all_sets_per_side",
])
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(_keys, inner, max_size=6)),
    max_leaves=30,
)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents)
def test_random_documents_load_or_give_a_routine_error(document):
    text = yaml.safe_dump(document)
    try:
        routine = parse_routine(text)
    except RoutineError as exc:
        assert exc.problems and str(exc)
    else:
        assert routine.name and routine.sections


@settings(max_examples=examples(200), deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_random_bytes_load_or_give_a_routine_error(data):
    """Any bytes at all, UTF-8 or not, through the same door as a file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.yaml"
        path.write_bytes(data)
        try:
            routine = load_routine(path)
        except RoutineError as exc:
            assert exc.problems and str(exc).startswith(str(path))
        else:
            assert routine.name and routine.sections


@pytest.mark.parametrize(("field", "said"), [
    ("reps: 10, rest: ¹", "'¹' is not a duration"),
    ("reps: 8-1²", "'8-1²' is not a rep count"),
    ("reps: 10, tempo: 3-1-¹", "'3-1-¹' is not a tempo")])
def test_a_superscript_digit_is_a_mistake_on_its_line_not_a_crash(field, said):
    text = ("name: R\nsections:\n  - name: S\n    exercises:\n"
            f"      - {{name: Dips, {field}}}\n")
    with pytest.raises(RoutineError) as caught:
        parse_routine(text)
    assert "(line 5)" in str(caught.value) and said in str(caught.value)
