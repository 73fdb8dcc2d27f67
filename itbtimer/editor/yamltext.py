"""The routine file as ruamel.yaml round-trip data: load, dump, and the blank lines between items.

ruamel.yaml keeps comments, key order and quoting, but it hangs the blank lines
and comment lines that follow an item on the item's last value. When items are
moved, added or deleted, those lines belong to the place (the gap between two
items, or the gap before the next section), not to the item: `take_gap` and
`put_gap` lift them off and put them back by position.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.tokens import CommentToken

WIDTH = 4096  # never re-wrap a long cue


def _indents(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indents as the person wrote them (2, 4, 2 if unsure)."""
    mapping, sequence, offset = 2, 4, 2
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for prev, line in zip(lines, lines[1:], strict=False):
        if not prev.rstrip().endswith(":"):
            continue
        base = len(prev) - len(prev.lstrip())
        inner = len(line) - len(line.lstrip())
        if inner <= base and not line.lstrip().startswith("- "):
            continue
        stripped = line.lstrip()
        if stripped.startswith("- "):
            offset = inner - base
            rest = stripped[2:]
            sequence = offset + 2 + (len(rest) - len(rest.lstrip()))
            break
    for prev, line in zip(lines, lines[1:], strict=False):
        if prev.rstrip().endswith(":") and not prev.lstrip().startswith("- "):
            base = len(prev) - len(prev.lstrip())
            inner = len(line) - len(line.lstrip())
            if inner > base and not line.lstrip().startswith("- "):
                mapping = inner - base
                break
    if sequence < offset + 2:
        sequence = offset + 2
    return mapping, sequence, offset


def make_yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    mapping, sequence, offset = _indents(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    # Keep an explicit `---` or `...` as the person wrote it.
    yaml.explicit_start = bool(re.match(r"(?:\s*#.*\n)*---", text))
    return yaml


def load(yaml: YAML, text: str) -> Any:
    """The round-trip tree; raises ruamel's YAMLError for text that is not YAML."""
    return yaml.load(text)


def dump(yaml: YAML, tree: Any) -> str:
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


__all__ = ["YAMLError", "CommentedMap", "CommentedSeq", "load", "dump", "make_yaml",
           "take_gap", "put_gap"]


# --- the lines after an item --------------------------------------------------


def _last_slot(node: Any) -> tuple[Any, Any] | None:
    """(container, key) of the value printed last inside node: its comment token follows it."""
    if isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        inner = _last_slot(node[key]) if _is_block(node[key]) else None
        return inner or (node, key)
    if isinstance(node, CommentedSeq) and node:
        index = len(node) - 1
        inner = _last_slot(node[index]) if _is_block(node[index]) else None
        return inner or (node, index)
    return None


def _is_block(node: Any) -> bool:
    if not isinstance(node, CommentedMap | CommentedSeq) or not node:
        return False
    return not node.fa.flow_style()


def _token_index(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _token(container: Any, key: Any) -> CommentToken | None:
    entry = container.ca.items.get(key)
    if not entry:
        return None
    token = entry[_token_index(container)]
    return token if isinstance(token, CommentToken) else None


def take_gap(node: Any) -> str:
    """Lift off the lines that follow node (blank lines, comment lines); its own
    end-of-line comment stays."""
    slot = _last_slot(node)
    if slot is None:
        return ""
    token = _token(*slot)
    if token is None:
        return ""
    eol, newline, gap = token.value.partition("\n")
    token.value = eol + newline
    if token.value in ("", "\n"):
        _drop_token(*slot)
    return gap


def put_gap(node: Any, gap: str) -> None:
    """Put lines back after node (after its end-of-line comment, if any)."""
    if not gap:
        return
    slot = _last_slot(node)
    if slot is None:
        return
    container, key = slot
    token = _token(container, key)
    if token is not None:
        eol = token.value if token.value.endswith("\n") else token.value + "\n"
        token.value = eol + gap
        return
    token = CommentToken("\n" + gap, CommentMark(0), None)
    entry = container.ca.items.setdefault(key, [None, None, None, None]
                                          if isinstance(container, CommentedMap) else [None, None])
    entry[_token_index(container)] = token


def _drop_token(container: Any, key: Any) -> None:
    entry = container.ca.items.get(key)
    if entry is None:
        return
    entry[_token_index(container)] = None
    if not any(entry):
        del container.ca.items[key]


def typical_gap(gaps: list[str]) -> str:
    """The separator to give a new item: what its siblings have between them, if only blank."""
    for gap in gaps[:-1]:
        return gap if not gap.strip() else ""
    return ""
