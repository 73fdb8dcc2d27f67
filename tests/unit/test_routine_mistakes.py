"""The mistakes people make writing a routine, and the exact message each one gets.

Each message names the line to change and how; syntax errors show the line with a
caret; no parser words ("mapping", "sequence", "scalar", "block", "flow").
"""

from __future__ import annotations

import pytest

from itbtimer.errors import RoutineError
from itbtimer.routine_files import parse_routine

HEAD = "name: X\nsections:\n  - name: A\n    exercises:\n      - name: B\n"
JARGON = ("mapping", "sequence", "scalar", "block", "flow", "token", "<")


def message(text: str) -> str:
    with pytest.raises(RoutineError) as info:
        parse_routine(text, "mine.yaml")
    return str(info.value)


MISTAKES = {
    "list entry indented one space less": (
        HEAD + "     - name: C\n",
        "mine.yaml:6:6: line 6 is indented 5 spaces, its neighbours 6: line the `- name:` "
        "entries up\n"
        "         - name: C\n"
        "         ^"),
    "list entry indented one space more": (
        HEAD + "       - name: C\n",
        "mine.yaml:6:8: line 6 is indented 7 spaces, its neighbours 6: line the `- name:` "
        "entries up\n"
        "           - name: C\n"
        "           ^"),
    "key indented one space more": (
        HEAD + "         work: 30s\n",
        "mine.yaml:6:10: line 6 is indented 9 spaces, its neighbours 8: line `work:` up under "
        "`name:` (line 5)\n"
        "             work: 30s\n"
        "             ^"),
    "key indented one space less": (
        HEAD + "       work: 30s\n      - name: C\n",
        "mine.yaml:6:8: line 6 is indented 7 spaces, its neighbours 8: line `work:` up under "
        "`name:` (line 5)\n"
        "           work: 30s\n"
        "           ^"),
    "a colon inside a text": (
        HEAD + "        cue: Tip: back flat\n",
        "mine.yaml:6:17: a text containing `: ` must be in quotes: cue: \"Tip: back flat\"\n"
        "            cue: Tip: back flat\n"
        "                    ^"),
    "a missing colon on the last line": (
        HEAD + "        work 30s\n",
        "mine.yaml:6:9: line 6 has no colon after `work`: write `work: 30s`\n"
        "            work 30s\n"
        "            ^"),
    "a missing colon in the middle": (
        HEAD + "        work 30s\n        sets: 2\n",
        "mine.yaml:6:9: line 6 has no colon after `work`: write `work: 30s`\n"
        "            work 30s\n"
        "            ^"),
    "a missing colon on the first line": (
        "name X\nsections:\n  - name: A\n    exercises:\n      - name: B\n",
        "mine.yaml:1:1: line 1 has no colon after `name`: write `name: X`\n"
        "    name X\n"
        "    ^"),
    "a missing colon in a list entry": (
        HEAD + "      - name C\n",
        "mine.yaml:6:9: the exercise on line 6 in section \"A\" (line 3): "
        "no colon after `name`: write `name: C`"),
    "a tab for indentation": (
        "name: X\nsections:\n\t- name: A\n    exercises:\n      - name: B\n",
        "mine.yaml:3:1: line 3 starts with a tab: indent with spaces only (an editor can be "
        "set to insert spaces for the Tab key)\n"
        "    →- name: A\n"
        "    ^"),
    "an unclosed double quote": (
        HEAD + '        cue: "Tip back flat\n',
        'mine.yaml:6:14: the quote " on line 6 is never closed: put a " at the end of the '
        "text too\n"
        '            cue: "Tip back flat\n'
        "                 ^"),
    "an unclosed single quote": (
        "name: X\nsections:\n  - name: 'A\n    exercises:\n      - name: B\n",
        "mine.yaml:3:11: the quote ' on line 3 is never closed: put a ' at the end of the "
        "text too\n"
        "      - name: 'A\n"
        "              ^"),
    "an unclosed bracket": (
        "name: X\nsections: [\n",
        "mine.yaml:2:11: the `[` on line 2 is never closed: end the list with `]` on the "
        "same line\n"
        "    sections: [\n"
        "              ^"),
    "an unclosed brace": (
        "name: X\nsections:\n  - name: A\n    exercises:\n      - {name: B, work: 30s\n"
        "      - {name: C}\n",
        "mine.yaml:5:9: the `{` on line 5 is never closed: end the group with `}` on the "
        "same line\n"
        "          - {name: B, work: 30s\n"
        "            ^"),
    "a stray dash": (
        "name: X\nsections:\n  - name: A\n    exercises:\n      -name: B\n",
        "mine.yaml:5:7: `-name` needs a space after the `-`: write `- name: B`\n"
        "          -name: B\n"
        "          ^"),
    "text after a closing quote": (
        HEAD + '        cue: "a" b\n',
        "mine.yaml:6:18: line 6 has more text after a closing quote: put the whole text "
        "inside the quotes\n"
        '            cue: "a" b\n'
        "                     ^"),
    "a text starting with @": (
        HEAD + "        cue: @home\n",
        'mine.yaml:6:14: a text cannot start with `@`: put the text in quotes, like cue: '
        '"@home"\n'
        "            cue: @home\n"
        "                 ^"),
    "a list where key: value lines belong": (
        "name: X\ndefaults:\n  - work: 30s\nsections:\n  - name: A\n    exercises:\n"
        "      - name: B\n",
        "mine.yaml:3:3: defaults: defaults must be a group of `key: value` lines (like "
        "`name: ...`), not a list (lines starting with `- `)"),
    "sets at the top": (
        "name: X\nsets: 3\nsections:\n  - name: A\n    exercises:\n      - name: B\n",
        "mine.yaml:2:1: sets: `sets` goes in a section or an exercise, not at the top"),
    "reps in defaults": (
        "name: X\ndefaults:\n  reps: 10\nsections:\n  - name: A\n    exercises:\n"
        "      - name: B\n",
        "mine.yaml:3:3: defaults.reps: `reps` goes in an exercise, not in `defaults`"),
    "rounds on an exercise": (
        HEAD + "        rounds: 2\n",
        "mine.yaml:6:9: rounds of exercise \"B\" (line 5) in section \"A\" (line 3): "
        "`rounds` goes in a section, not in "
        "an exercise"),
    "reps each side": (
        HEAD + "        reps: 10 each side\n",
        "mine.yaml:6:15: reps of exercise \"B\" (line 5) in section \"A\" (line 3): "
        "'10 each side' is not a rep count; "
        "write `reps: 10` and `sides: both`"),
    "3x15": (
        HEAD + "        reps: 3x15\n",
        "mine.yaml:6:15: reps of exercise \"B\" (line 5) in section \"A\" (line 3): "
        "'3x15' is not a rep count; "
        "write `sets: 3` and `reps: 15`"),
    "3x30s as a time": (
        HEAD + "        work: 3x30s\n",
        "mine.yaml:6:15: work of exercise \"B\" (line 5) in section \"A\" (line 3): "
        "'3x30s' is not a duration; "
        "write `sets: 3` and `work: 30s`"),
    "an escape sequence in a cue": (
        HEAD + '        cue: "red \\e[31m text"\n',
        "mine.yaml:6:14: cue of exercise \"B\" (line 5) in section \"A\" (line 3): "
        "contains a control character \\x1b; "
        "remove it (it is invisible, and could change what a terminal shows)"),
    "a raw control character in a name": (
        "name: bell \x07 X\nsections:\n  - name: A\n    exercises:\n      - name: B\n",
        "mine.yaml:1:7: name: contains a control character \\x07; remove it (it is "
        "invisible, and could change what a terminal shows)"),
    "a nonsense duration": (
        HEAD + "        work: a while\n",
        "mine.yaml:6:15: work of exercise \"B\" (line 5) in section \"A\" (line 3): "
        "'a while' is not a duration (write "
        "it like one of: 45, 45s, 45 sec, 45 secs, 45 seconds, 2m, 2 min, 2 mins, 2 minutes, "
        "1m30s, 1 min 30 s, 1.5m, 1.5 min, 0:45, 1:30)"),
    "a nonsense rest": (
        "name: X\nsections:\n  - name: A\n    rest: soon\n    exercises:\n      - name: B\n",
        "mine.yaml:4:11: rest of section \"A\" (line 3): "
        "'soon' is not a duration (write it like one of: "
        "45, 45s, 45 sec, 45 secs, 45 seconds, 2m, 2 min, 2 mins, 2 minutes, 1m30s, "
        "1 min 30 s, 1.5m, 1.5 min, 0:45, 1:30; or a range: 30-45s, 30–45 s, "
        "30 to 45 seconds)"),
    "expect without until": (
        HEAD + "        expect: 45s\n",
        "mine.yaml:6:17: expect of exercise \"B\" (line 5) in section \"A\" (line 3): "
        "`expect` is the time you expect "
        "to hold an `until` exercise; this exercise has no `until`"),
    "all sets per side without sides": (
        HEAD + "        all_sets_per_side: true\n",
        "mine.yaml:6:28: all_sets_per_side of exercise \"B\" (line 5) in section \"A\" (line 3): "
        "only an exercise with "
        "`sides` can do all its sets on one side first"),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_gets_its_message(name):
    text, expected = MISTAKES[name]
    assert message(text) == expected


@pytest.mark.parametrize("name", list(MISTAKES))
def test_no_parser_words_reach_the_person(name):
    found = message(MISTAKES[name][0]).lower()
    assert not [w for w in JARGON if w in found]


def test_control_characters_never_reach_the_terminal_raw():
    text = HEAD.replace("name: B", "name: \x1b[2J B") + "        colour\x1b: red\n"
    found = message(text)
    assert "\x1b" not in found and "\\x1b" in found



def test_a_hidden_character_in_the_shown_line_is_one_question_mark_under_the_caret():
    found = message(HEAD + "     - name: \u202eC\n")
    assert "         - name: ?C\n         ^" in found
    assert "\u202e" not in found

def test_a_newline_in_a_folded_text_is_fine():
    routine = parse_routine(HEAD + "        cue: |\n          one\n          two\n")
    assert routine.sections[0].exercises[0].cue == "one\ntwo"


def test_a_dash_inside_a_folded_text_is_not_a_stray_dash():
    routine = parse_routine("name: X\ndescription: |\n  -not a list\nsections:\n"
                            "  - name: A\n    exercises:\n      - name: B\n")
    assert routine.description == "-not a list"


def test_a_doubled_dash_is_explained_not_looped_on_for_ever():
    """`- - name:` made the explainer's key column loop for ever (`itbtimer check` hung);
    found by comparing the explainer before and after a refactor on mutated routines."""
    found = message(HEAD + "      - - name: C\n        work: 30s\n")
    assert "mine.yaml:7:9: line 7 is indented 8 spaces" in found


def test_an_alias_bomb_where_a_count_belongs_is_bounded():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    text = "\n".join(lines) + "\nname: X\nsections:\n  - {name: A, sets: *a8, rounds: *a8,"
    found = message(text + " exercises: [{name: *a8, reps: *a8, work: *a8}]}\n")
    assert 'sets of section "A" (line 12): must be a whole number like 2, not a list' in found


DOCUMENTED = ("key indented one space more", "list entry indented one space less",
              "a colon inside a text", "a missing colon in the middle", "a tab for indentation",
              "an unclosed double quote", "an unclosed bracket", "a stray dash",
              "sets at the top", "reps each side", "3x15", "a nonsense duration",
              "an escape sequence in a cue")


@pytest.mark.parametrize("name", DOCUMENTED)
def test_the_format_reference_shows_each_message_as_the_person_sees_it(name):
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "routine-format.md").read_text()
    assert f"```text\n{MISTAKES[name][1]}\n```" in doc


@pytest.mark.parametrize("name", list(MISTAKES))
def test_check_exits_2_with_the_message_and_no_traceback(name, tmp_path, capsys):
    from itbtimer.cli.main import main

    path = tmp_path / "mine.yaml"
    path.write_text(MISTAKES[name][0], encoding="utf-8")
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == MISTAKES[name][1].replace("mine.yaml", str(path), 1) + "\n"
