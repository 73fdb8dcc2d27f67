"""The routine reader's two YAML readers read every text alike.

`loader.compose` reads with libyaml where it reads a text as PyYAML's Python reader does,
and with the Python reader otherwise (and for every mistake). These tests hold it to that:
on generated texts, made of YAML's pieces and of the bundled routines with a few
characters changed, it gives the Python reader's nodes (tag, value, line and column of
each start and end) or the Python reader's mistake, word for word. Before the texts
libyaml reads differently were set apart, this found tabs, `|#`, a lone `!`, `{a? b}`,
a byte-order mark and a missing last line break; a fault probe then found `{a: }`,
`%YAML 1.1#` and a character the Python reader refuses after 1000 levels of nesting.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itbtimer.routine_files import loader
from itbtimer.routine_files.bundled import bundled_routines
from tests.helpers import examples

pytestmark = pytest.mark.skipif(loader.LIBYAML_LOADER is None,
                                reason="PyYAML was built without libyaml here")

PIECES = [
    "a", "name", "x y", "1", "2.5", "-1", "0x1f", "1_000", "true", "no", "~", "null",
    "2020-01-01", "12:30:00", ".inf", ".NaN", "0o7", "+1", ":", ": ", ":x", "- ", "-", "? ",
    "?", "[", "]", "{", "}", ", ", ",", "#", " # c", "'", "''", '"', '"\\n"', '"\\x41"',
    '"\\u00e9"', '"\\/"', '"\\N"', '"\\q"', "\\", "&a ", "&a.b ", "*a", "*a ", "*a:", "<<: *a",
    "|", "|-", "|+", "|2", "|0", ">", ">-", "---", "---\n", "...\n", "%YAML 1.1\n",
    "%YAML 1.2\n", "%YAML 2.0\n", "%TAG !e! tag:e,2000:\n", "@", "`", "%", "é", "😀", "\u202e",
    "\ue000", "\ufffe", "  ", " ", "\n", "!!str ", "!!int ", "!e!x ", "! ", "!<x> ", "\t", "\r",
    "\u2028", "\x85", "\ufeff", "k" * 1030 + ": v", "- - ", "'a\n b'", '"a\n\n b"', "a:#",
    ": }", ":\n]", ": ,", "%YAML 1.1#", "%FOO x\n",
]


def tree(node: yaml.Node | None, seen: dict[int, int] | None = None) -> object:
    """The node and all below it as plain values (an alias seen before: its number)."""
    if node is None:
        return None
    seen = {} if seen is None else seen
    if id(node) in seen:
        return ("alias", seen[id(node)])
    seen[id(node)] = len(seen)
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line,
             node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, marks)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, marks, [tree(item, seen) for item in node.value])
    return (node.tag, marks, [(tree(k, seen), tree(v, seen)) for k, v in node.value])


def reading(read, text: str) -> object:
    try:
        return tree(read(text))
    except yaml.YAMLError as exc:
        return ("mistake", str(exc))


def python_reader(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def assert_read_alike(text: str) -> None:
    try:
        expected = reading(python_reader, text)
    except RecursionError:
        # The Python reader's recursion ends at about 450 levels, libyaml's nesting at
        # 1000: such a text is refused later, as nested too deeply (test_routine).
        return
    assert reading(loader.compose, text) == expected, repr(text)


@settings(max_examples=examples(1000), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from([0, 0, 1, 2, 2, 3, 4, 6]),
                          st.lists(st.sampled_from(PIECES), min_size=1, max_size=6)),
                min_size=1, max_size=8),
       st.booleans())
def test_texts_of_yaml_pieces_read_alike(lines, last_break):
    text = "\n".join(" " * indent + "".join(pieces) for indent, pieces in lines)
    assert_read_alike(text + "\n" if last_break else text)


ROUTINES = [path.read_text(encoding="utf-8") for path in bundled_routines()]
CHANGES = [*":-[]{}#&*!|>'\"%@` \n,?x1é", "\t", "\r", "\u2028", "\ufeff", "---\n", "&a ",
           "*a ", "!!str ", "! ", "? ", "<<: "]


@settings(max_examples=examples(500), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ROUTINES), st.integers(40, 1200),
       st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["put", "cut", "swap"]),
                          st.sampled_from(CHANGES)), min_size=1, max_size=6))
def test_bundled_routines_with_a_few_characters_changed_read_alike(routine, length, changes):
    text = list(routine[:length])
    for where, how, what in changes:
        at = min(int(where * len(text)), max(0, len(text) - 1))
        if how == "put" or not text:
            text.insert(at, what)
        elif how == "cut":
            del text[at]
        else:
            text[at] = what
    assert_read_alike("".join(text))


@pytest.mark.parametrize("text", [
    "a: b",  # no last line break: libyaml ends the mapping a line later
    "a:\n\t- b\n", "a: b\tc\n",  # tabs
    "a: |#c\n  x\n", "a: >-#\n  x\n",  # a comment stuck to a block scalar's indicator
    "a: !\n", "a: ! x\n",  # the non-specific tag
    "{a? b}\n", "[a? \"x\"]\n",  # ? in a flow collection
    "\ufeffa: b\n", "a: b\u2028c\n", "a: b\r\nc: d\r\n", "a: \ud800\n",
    # found by a fault probe after the first guards (1.5 million texts):
    "{a: }\n", "[a: ]\n", "{a:  }\n", '{"a": }\n', "{a: ,b: c}\n", "{a:\n}\n",
    "{a: #c\n}\n",  # an empty value in a flow collection: placed a column or a line apart
    "%YAML 1.1#\n---\n", "%YAML 1.2#c\n--- a\n",  # a comment stuck to a directive
    "[" * 1001 + " " * 16000 + "\uffff\n",  # too deep for libyaml, refused by the reader
    "a: b\n",  # and one that libyaml reads
])
def test_texts_the_readers_read_differently_read_as_the_python_reader_does(text):
    assert_read_alike(text)


def test_a_bundled_routine_is_read_by_libyaml(monkeypatch):
    """The point of it all: the routines people have are read fast."""
    calls = []
    real = yaml.compose

    def counted(text, Loader):
        calls.append(Loader)
        return real(text, Loader=Loader)

    monkeypatch.setattr(yaml, "compose", counted)
    paths = bundled_routines()
    for path in paths:
        loader.load_routine(path)
    assert calls == [loader.LIBYAML_LOADER] * len(paths)


@pytest.mark.parametrize(("version", "used"), [((0, 2, 5), False), ((0, 2, 6), True),
                                               ((0, 3, 0), True), (None, False)])
def test_libyaml_is_used_only_where_it_bounds_nesting(version, used):
    """libyaml 0.2.5 (PyYAML 6.0-6.0.2's wheels, some distributions) composes 100,000
    nested brackets by recursion and crashes the process; 0.2.6 refuses past 1000."""
    assert (loader.libyaml_loader(version) is yaml.CSafeLoader) is used

