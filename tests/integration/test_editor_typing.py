"""Typing in the routine editor with real key presses (xdotool through the X server, Tk's own
main loop handling them): no letter is lost, at a person's speed or a machine's, and Tab goes
where the fields were when the person started tabbing."""

from __future__ import annotations

import time

import pytest

from itbtimer.editor.document import Document
from tests.integration.editor_helpers import EditorHarness
from tests.integration.gui_helpers import SHORT

pytestmark = pytest.mark.gui

# Two new exercises typed into SHORT after "Lunge", every field reached by Tab: text, a
# duration, a tick that brings a new field (both sides -> all sets on one side first),
# that new field, a count, a range, reps (which bring "one rep takes about", left empty),
# and a colon the file must quote.
SIDE_STEPS = "Side steps\tHeels together, knees apart\t40s\t\t\t \t \t3\t20-30s"
CLAMSHELLS = "Clamshells\tKnees together: slow, 2 s up\t\t12\t\t\t2\t15s"
SAVED = """\
name: Short
cue: Back straight
per_week: 3
ask: knee pain
defaults: {get_ready: 3, switch: 2}
sections:
  - name: Main
    rest: 5-8s
    exercises:
      - {name: Squat, work: 6s, cue: Knees out}
      - {name: Lunge, work: 5s, sides: both}
      - name: Side steps
        cue: Heels together, knees apart
        work: 40s
        sides: both
        all_sets_per_side: true
        sets: 3
        rest: 20-30s
      - name: Clamshells
        cue: 'Knees together: slow, 2 s up'
        reps: 12
        sets: 2
        rest: 15s
      - {name: Plank, until: shaking}
      - {name: Dips, reps: 8-12}
"""


@pytest.fixture
def short(xdisplay, tmp_path):
    path = tmp_path / "short.yaml"
    path.write_text(SHORT)
    ui = EditorHarness(path)
    yield ui, path
    ui.close()


@pytest.mark.parametrize("delay_ms", ["0", "12"])
def test_two_new_exercises_typed_at_machine_and_human_speed_are_saved_letter_for_letter(
        short, delay_ms):
    """Seen by a new user: "Heels together" typed straight after Tab was saved as "eels
    together"; typed at machine speed, most of a cue was lost."""
    ui, path = short
    ui.down_to("Lunge")
    for typed in (SIDE_STEPS, CLAMSHELLS):  # xdotool's type takes the rest of its line
        ui.real_keys("key", "ctrl+n", "type", "--delay", delay_ms, typed)
    ui.real_keys("key", "ctrl+s")
    assert path.read_text() == SAVED
    assert not ui.document.dirty and ui.errors == []


@pytest.mark.parametrize("delay_ms", ["0", "12"])
def test_tab_tab_space_after_typing_reps_ticks_both_sides(short, delay_ms):
    """Reps bring a new field ("One rep takes about"); it comes behind the focus, so the
    fields ahead are where they were when the person started tabbing."""
    ui, _ = short
    ui.down_to("Squat")
    ui.key("Return")
    ui.tab_to("reps")
    ui.real_keys("type", "--delay", delay_ms, "12\t\t ")
    assert ui.focused_field == "sides"
    squat = ui.screen.selected
    assert ui.document.value(squat, "reps") == "12"
    assert ui.document.value(squat, "sides") is True
    assert ui.document.value(squat, "rep_seconds") == ""  # no space typed into it
    keys = [e.field.key for e in ui.screen.entries]
    assert keys.index("rep_seconds") == keys.index("reps") + 1  # shown behind the focus
    assert ui.errors == []


def test_tab_visits_the_fields_in_the_order_shown_after_fields_appear(short):
    ui, _ = short
    ui.down_to("Squat")
    ui.key("Return")
    ui.tab_to("reps")
    ui.real_keys("type", "--delay", "0", "12\t\t \t")  # reps, then both sides
    entries = ui.screen.entries
    assert {"rep_seconds", "all_sets_per_side"} <= {e.field.key for e in entries}
    visited = [entries[0].widget]
    while len(visited) < len(entries):
        visited.append(visited[-1].tk_focusNext())
    assert visited == [e.widget for e in entries]
    rows = [(e.widget.winfo_rooty(), e.widget.winfo_rootx()) for e in entries]
    assert rows == sorted(rows)  # the order shown: top to bottom, left to right


def test_typing_straight_after_choosing_a_row_and_enter_goes_into_its_first_field(short):
    """The form of a row just chosen is made when the key arrives: the keys typed at once
    after Enter still reach its first field, not the outline."""
    ui, _ = short
    ui.down_to("Squat")
    ui.real_keys("key", "--delay", "0", "Down", "Return", "type", "--delay", "0",
                 "Reverse lunge\t")
    lunge = ui.screen.selected
    assert ui.document.value(lunge, "name") == "Reverse lunge"
    assert ui.focused_field == "cue" and ui.errors == []


def test_keys_that_wait_while_the_editor_is_busy_reach_the_field_reps_brought(
        short, monkeypatch):
    """A big routine takes a while to check after each field: the keys typed meanwhile
    wait, then come all at once. Each field left is given at once, in the keys' order, so
    the field that reps bring is there for the Shift+Tab that follows (it went to the reps
    and "3s" replaced "10" when fields were given only once Tk was idle)."""
    ui, _ = short
    slow = Document.set_field

    def checking_a_big_routine(self, *args):
        time.sleep(0.2)  # real time: the keys typed meanwhile must queue up in X and Tk
        slow(self, *args)

    monkeypatch.setattr(Document, "set_field", checking_a_big_routine)
    ui.down_to("Squat")
    ui.key("Return")
    ui.tab_to("cue")
    ui.real_keys("key", "--delay", "0", "k", "Tab", "Tab", "1", "0", "Tab", "shift+Tab",
                 "3", "s", "Tab")
    squat = ui.screen.selected
    assert [ui.document.value(squat, key) for key in ("cue", "reps", "rep_seconds")] == [
        "k", "10", "3s"]
    assert ui.focused_field == "until" and ui.errors == []
