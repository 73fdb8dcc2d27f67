"""A file with several mistakes lists them all in one run, each by name and line.

Syntax mistakes (a missing colon, a tab, a colon in a cue) used to stop the reading
at the first; now the broken line is mended (or set aside) and the rest of the file
is read, so one `itbtimer check` shows every mistake. Places are named as the
person wrote them ("exercise \"Clamshell\" (line 7)"), never `sections[0].exercises[1]`.
"""

from __future__ import annotations

import pytest

from itbtimer.editor.places import locate
from itbtimer.errors import RoutineError
from itbtimer.routine_files import parse_routine
from itbtimer.routine_files.loader import MAX_SYNTAX_MISTAKES

THREE = (
    "name: X\n"                       # 1
    "sections:\n"                     # 2
    "  - name: Warm up\n"             # 3
    "    exercises:\n"                # 4
    "      - name: Marching\n"        # 5
    "        work 30s\n"              # 6  a missing colon
    "      - name: Clamshell\n"       # 7
    "\t    reps: 10\n"                # 8  a tab
    "      - name: Bridge\n"          # 9
    "        cue: Tip: back flat\n"   # 10 a colon in a cue
    "        work: 3o s\n"            # 11 a value mistake after them
)


def problems(text: str) -> RoutineError:
    with pytest.raises(RoutineError) as info:
        parse_routine(text, "mine.yaml")
    return info.value


def test_three_syntax_mistakes_are_listed_in_one_run():
    found = problems(THREE)
    lines = [p.line for p in found.problems]
    assert lines == [6, 8, 10, 11]
    text = str(found)
    assert "line 6 has no colon after `work`: write `work: 30s`" in text
    assert "line 8 starts with a tab" in text
    assert 'a text containing `: ` must be in quotes: cue: "Tip: back flat"' in text
    assert "'3o s' is not a duration" in text


def test_a_mistake_after_a_broken_line_names_its_exercise_and_section():
    found = problems(THREE)
    last = str(found).splitlines()[-1]
    assert last.startswith('mine.yaml:11:15: work of exercise "Bridge" (line 9) in section '
                           '"Warm up" (line 3): ')


def test_messages_never_name_a_place_by_its_index():
    text = ("name: X\nsections:\n  - name: A\n    exercises:\n      - name: B\n"
            "  - name: Strength\n    rest: soon\n    exercises:\n      - name: Plank\n"
            "      - name: Clamshell\n        reps: 3x15\n      - name D\n")
    found = str(problems(text))
    assert "[" not in found.replace("`", "")
    assert 'rest of section "Strength" (line 6): ' in found
    assert 'reps of exercise "Clamshell" (line 10) in section "Strength" (line 6): ' in found
    assert ('the exercise on line 12 in section "Strength" (line 6): no colon after `name`'
            in found)


def test_the_editor_still_finds_the_field_of_each_problem():
    found = problems(THREE)
    places = [locate(p) for p in found.problems if p.field]
    assert ((0, 2), "work") in places


def test_a_line_set_aside_is_not_reported_again_as_a_missing_name():
    text = ("name: X\nsections:\n  - name: A\n    exercises:\n      - name: B\n"
            "        work: [30s\n")
    found = problems(text)
    assert len(found.problems) == 1
    assert "never closed" in str(found)


def test_a_file_that_cannot_be_mended_still_gets_one_message():
    found = problems("name: X\nsections: [\n")
    assert len(found.problems) == 1


def test_many_broken_lines_are_each_reported_once_up_to_a_limit():
    body = "".join(f"      - name: E{i}\n        work 30s\n" for i in range(40))
    found = problems("name: X\nsections:\n  - name: A\n    exercises:\n" + body)
    lines = [p.line for p in found.problems]
    assert len(lines) == len(set(lines))
    assert lines[:3] == [6, 8, 10]
    assert len(lines) == MAX_SYNTAX_MISTAKES + 1
    assert "check again" in found.problems[-1].message


def test_a_large_file_is_not_read_again_and_again(monkeypatch):
    from itbtimer.routine_files import loader

    monkeypatch.setattr(loader, "MAX_REREAD_CHARACTERS", 0)  # as if the file were 1 MiB
    found = problems(THREE)
    assert [p.line for p in found.problems] == [6, 8]
    assert found.problems[-1].message == ("there may be more mistakes from here on: mend "
                                          "the 1 above and check again")


def test_no_place_outside_the_sections_is_named_by_an_index_either():
    text = ("name: X\ncue: [a, !!binary b]\nsections:\n  - name: A\n    exercises:\n"
            "      - name: B\n")
    found = str(problems(text))
    assert found.startswith("mine.yaml:2:10: cue: the tag ")
    assert "[1]" not in found
