"""Runs and notes through the real window, with real key events: "Log a run (L)" on the
start screen, the finished screen's note (N), and the History screen's line of the
distance run before the pain."""

from __future__ import annotations

from datetime import datetime, timedelta

from itbtimer.core.runs import DistanceUnit, RunText
from itbtimer.history.from_run import run_record
from itbtimer.present.history_words import pain_free_titles
from tests.helpers import wait_until
from tests.integration.gui_helpers import texts_in

KEYSYMS = {" ": "space", ".": "period", ":": "colon", ",": "comma", "-": "minus",
           "'": "apostrophe"}
SHIFTED = frozenset(":")


def type_text(ui, text: str) -> None:
    for char in text:
        ui.key(KEYSYMS.get(char, char), 0x1 if char.isupper() or char in SHIFTED else 0)


def test_a_run_is_logged_from_the_start_screen_with_the_keys_alone(ui):
    ui.key("L")
    assert ui.window.screen == "run"
    form = ui.window.screens.run_form
    assert ui.root.focus_get() is form.boxes["distance"]
    type_text(ui, "5.2km")
    ui.key("Tab")
    type_text(ui, "31:20")
    ui.key("Tab")
    type_text(ui, "3")  # typed in the box: not a pain score, not a move
    ui.key("Tab")
    type_text(ui, "4km")
    ui.key("Tab")
    ui.key("Tab")
    type_text(ui, "hills, left knee")
    assert ui.window.screen == "run"  # "h" and "s" were typing, not History or Stop
    ui.key("Return")
    assert ui.window.screen == "start"
    (run,) = ui.history.runs()
    assert (run.distance_m, run.seconds, run.pain, run.pain_from_m, run.note) == (
        5200.0, 1880.0, 3, 4000.0, "hills, left knee")
    said = " ".join(texts_in(ui.window.start.frame))
    assert "Logged a run on" in said and "4.0 km before the pain" in said
    assert ui.history.sessions() is not None and list(ui.history.sessions()) == []


def test_a_mistake_in_the_form_is_said_on_it_and_esc_keeps_nothing(ui):
    ui.key("l")
    type_text(ui, "5x")
    ui.key("Return")
    form = ui.window.screens.run_form
    assert ui.window.screen == "run"
    assert form.problem.cget("text") == ("the distance must be a distance such as 5.2km or "
                                         "3.1mi, not '5x'")
    assert ui.root.focus_get() is form.boxes["distance"]
    assert form.boxes["distance"].selection_present()  # typing replaces it
    type_text(ui, "5km")  # in place of the mistake, selected
    assert form.boxes["distance"].get() == "5km"
    ui.key("Tab")
    ui.key("Tab")
    type_text(ui, "11")
    ui.key("Return")
    assert "the pain must be a whole number from 0 to 10" in form.problem.cget("text")
    assert ui.root.focus_get() is form.boxes["pain"]  # the cursor where the mistake is
    ui.key("Escape")
    assert ui.window.screen == "start"
    assert ui.history.runs() == []
    ui.key("l")  # opened again: empty boxes, no old problem
    assert form.boxes["distance"].get() == "" and form.problem.cget("text") == ""
    assert form.boxes["day"].get() == "today"


def test_the_buttons_log_a_run_too(ui):
    (log,) = [b for b in ui.window.start.choices if b.cget("text") == "Log a run  (L)"]
    log.invoke()
    ui.root.update()
    assert ui.window.screen == "run"
    form = ui.window.screens.run_form
    form.boxes["distance"].insert(0, "3.1mi")
    form.boxes["day"].delete(0, "end")
    form.boxes["day"].insert(0, "yesterday")
    (save,) = [b for b in form.frame.winfo_children()[-1].winfo_children()
               if b.cget("text") == "Save  (Enter)"]
    save.invoke()
    ui.root.update()
    assert ui.window.screen == "start"
    (run,) = ui.history.runs()
    assert run.unit == "mi" and run.local_date == datetime.now().date() - timedelta(days=1)


def test_a_note_is_typed_on_the_finished_screen_and_kept_with_the_session(ui):
    ui.key("space")
    ui.key("s")  # stop early: the finished screen
    assert ui.window.screen == "finished"
    ui.key("N")
    finished = ui.window.finished
    assert finished.note.typing and ui.root.focus_get() is finished.note.box
    type_text(ui, "twinge on the lunges, left 3")
    assert finished.pain.score is None  # the 3 was the note's
    ui.key("Return")
    assert not finished.note.typing and ui.window.screen == "finished"
    assert finished.note.said.cget("text").startswith("Note: twinge on the lunges, left 3")
    ui.key("5")  # the score again, now the note is closed
    ui.key("space")
    assert ui.window.screen == "start"
    (record,) = ui.history.sessions()
    assert record.note == "twinge on the lunges, left 3" and record.pain == 5


def test_esc_leaves_the_note_as_it_was_and_a_long_one_is_refused(ui):
    ui.key("space")
    ui.key("s")
    ui.key("n")
    type_text(ui, "first")
    ui.key("Return")
    ui.key("n")
    finished = ui.window.finished
    assert finished.note.box.get() == "first"
    type_text(ui, " and more")
    ui.key("Escape")  # closes the box only: still on the finished screen, the score open
    assert ui.window.screen == "finished" and not finished.note.typing
    ui.key("n")
    finished.note.box.insert("end", "x" * 600)
    ui.key("Return")
    assert finished.note.typing  # stays open and says why
    assert "a note is at most 500" in finished.note.help.cget("text")
    ui.key("Escape")
    ui.key("Escape")  # no score
    ui.key("space")
    (record,) = ui.history.sessions()
    assert record.note == "first"


def test_a_note_changed_after_the_session_was_saved_is_changed_in_it(ui):
    ui.key("space")
    ui.key("s")
    ui.key("h")  # History saves the session; the finished screen stays open behind it
    ui.key("Escape")
    assert ui.window.screen == "finished"
    ui.key("n")
    type_text(ui, "late note")
    ui.key("Return")
    (record,) = ui.history.sessions()
    assert record.note == "late note"


def test_the_history_screen_draws_the_distance_before_the_pain_beside_the_pain(ui):
    now = datetime.now().astimezone()
    for days, text in ((20, RunText("5km", pain="4", pain_from="2km")),
                       (10, RunText("6km", pain="2", pain_from="4km")),
                       (2, RunText("7km", pain="0"))):
        ui.history.log_run(run_record(text.read(now.date() - timedelta(days=days)),
                                      now - timedelta(days=days)))
    ui.key("h")
    view = ui.window.history_view
    assert wait_until(lambda: view.loaded, ui.root.update)
    canvas = view.canvas
    (line,) = canvas.find_withtag("pain_free")
    ys = canvas.coords(line)[1::2]
    assert ys[0] > ys[1] > ys[2]  # 2, 4, then 7 km: higher each time
    texts = [canvas.itemcget(i, "text") for i in canvas.find_all()
             if canvas.type(i) == "text"]
    assert set(pain_free_titles(DistanceUnit.KM)) & set(texts)  # long or short, as fits
    assert "7.0" in texts  # the newest run's whole distance, labelled
    (pain_chart,) = [i for i in canvas.find_all() if canvas.type(i) == "text"
                     and canvas.itemcget(i, "text").startswith("No pain scores")]
    assert canvas.coords(pain_chart)[0] < canvas.coords(line)[0]  # the pain chart, left


def test_a_run_is_listed_among_the_sessions_and_deleted_from_the_history_screen(ui):
    ui.key("space")
    ui.key("s")
    ui.key("space")  # one session, kept
    now = datetime.now().astimezone()
    ui.history.log_run(run_record(RunText("5.2km", pain="3", pain_from="4km", note="hills")
                                  .read(now.date()), now + timedelta(minutes=1)))
    ui.key("h")
    view = ui.window.history_view
    assert wait_until(lambda: view.loaded, ui.root.update)
    rows = list(view.listbox.get(0, "end"))
    assert len(rows) == 2 and " run 5.2 km, pain 3 from 4.0 km “hills”" in rows[0]
    asked: list[str] = []
    view.ask_pain = lambda text: asked.append(text)  # type: ignore[assignment]
    ui.key("p")  # a run's pain is not a session's score: nothing asked
    assert asked == []
    confirmed: list[str] = []
    view.confirm = lambda title, text: confirmed.append(text) or True  # type: ignore[assignment]
    ui.key("Delete")
    assert confirmed and confirmed[0].startswith("Delete the run of ")
    assert ui.history.runs() == []
    assert wait_until(lambda: view.loaded, ui.root.update)
    assert len(view.listbox.get(0, "end")) == 1 and len(list(ui.history.sessions())) == 1


def test_a_score_then_enter_then_n_writes_the_note_not_start_screen_commands(ui):
    """Issue 24: Enter on the score left at once, so N and the note's letters ran the start
    screen's keys (e: the editor, w: the remembered "read how-tos"). Enter keeps the score
    and stays, offering the note; Enter again leaves."""
    ui.key("space")
    ui.key("s")
    finished = ui.window.finished
    ui.key("2")
    assert finished.pain_state.cget("text") == "Knee pain 2/10 — Enter to save"
    ui.key("Return")
    assert ui.window.screen == "finished"
    assert [r["pain"] for r in ui.history.load()[0]] == [2]  # kept on the first Enter
    assert "N add a note" in finished.pain_state.cget("text")
    assert "Enter done" in finished.pain_state.cget("text")
    ui.key("N")
    assert finished.note.typing and ui.root.focus_get() is finished.note.box
    type_text(ui, "twinge on the step-downs, left")
    ui.key("Return")  # the note kept; still here
    assert ui.window.screen == "finished" and not finished.note.typing
    ui.key("Return")
    assert ui.window.screen == "start"
    (record,) = ui.history.sessions()
    assert record.note == "twinge on the step-downs, left" and record.pain == 2


def test_notes_show_in_the_history_list_at_1366x768(ui):
    """Issue 24: at 1366x768 the list showed no note at all (a new user's run: a session
    note and two runs' notes). They show, shortened with … when long; only a window too
    narrow for them (800x600) may leave them out."""
    ui.root.geometry("1366x768")
    ui.root.update()
    ui.key("space")
    ui.key("s")
    ui.key("2")
    ui.key("Return")
    ui.key("N")
    type_text(ui, "twinge on the step-downs, left")
    ui.key("Return")
    ui.key("Return")  # back to start, the session kept with its note
    now = datetime.now().astimezone()
    for minutes, text in ((1, RunText("5.2km", pain="3", pain_from="4km", note="hills")),
                          (2, RunText("8km", time="48:10", pain="4", pain_from="6.5km",
                                      note="knee twinge on downhill"))):
        ui.history.log_run(run_record(text.read(now.date()), now + timedelta(minutes=minutes)))
    ui.key("h")
    view = ui.window.history_view
    assert wait_until(lambda: view.loaded, ui.root.update)
    ui.root.update()
    rows = list(view.listbox.get(0, "end"))
    assert len(rows) == 3
    for row, note in zip(rows, ("knee twinge on downhill", "hills",
                                "twinge on the step-downs, left"), strict=True):
        assert "“" in row and row.endswith("”"), rows
        shown = row[row.index("“") + 1:-1]
        assert shown == note or (shown.endswith("…") and note.startswith(shown[:-1])
                                 and len(shown) >= 6), rows
    assert rows[1].endswith("“hills”")  # a short one whole
    font = view.fonts["small"]
    assert max(font.measure(row) for row in rows) <= 0.4 * ui.root.winfo_width()  # none cut


def test_esc_after_the_score_is_saved_leaves_as_a_second_enter_does(ui):
    ui.key("space")
    ui.key("s")
    ui.key("3")
    ui.key("Return")  # saved: the screen stays
    assert ui.window.screen == "finished"
    ui.key("Escape")  # nothing left to skip: back to start, the score as saved
    assert ui.window.screen == "start"
    (record,) = ui.history.sessions()
    assert record.pain == 3


def test_letters_typed_as_the_note_opens_before_its_box_has_the_focus_are_kept(ui):
    """Tk gives the box the keyboard focus once it is mapped; keys typed fast after N can
    reach the window first (seen under load in the real-keys test: the note lost letters)."""
    ui.key("space")
    ui.key("s")
    ui.key("N")
    finished = ui.window.finished
    ui.root.focus_set()  # as when the focus has not moved to the box yet
    ui.root.update()
    assert ui.root.focus_get() is not finished.note.box
    for char in "ok 2":  # delivered to the window
        ui.root.event_generate("<KeyPress>", keysym="space" if char == " " else char,
                               when="now")
    ui.root.update()
    assert finished.note.typed() == "ok 2" and finished.pain.score is None
    ui.key("Return")
    assert finished.note.said.cget("text").startswith("Note: ok 2")
