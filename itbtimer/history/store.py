"""The history on disk: one SQLite file, `history.sqlite3` in the data folder.

- WAL mode with synchronous=FULL: a session and its steps are written in one
  transaction, so a crash, a kill -9 or a full disk leaves the history exactly
  as it was before the write, or with the whole record.
- Each window's session in progress is its own row (`in_progress = 1`), updated
  in place every few seconds. The window owns it through an exclusive
  `fcntl.flock` on `locks/<id>.lock` in the state folder; a start recovers only
  rows whose lock nobody holds (their window is gone), once.
- A record that cannot be written stays in memory (`unsaved`) and is retried at
  every write and on `retry()`; `keep_pending()` writes it to
  `pending/<id>.json` in the state folder (or $XDG_RUNTIME_DIR), and the next
  start imports it.
- The old `history.jsonl` is imported once at the first start (idempotent by
  record id) and kept as `history.jsonl.imported`.
- Schema changes are migrations numbered by `PRAGMA user_version`.

Every operation opens its own short connection: nothing is held open between
writes, so a folder that goes away or comes back is seen as it is.
"""

from __future__ import annotations

from itbtimer.history.pending import ImportReport, Pending
from itbtimer.history.queries import Queries
from itbtimer.history.tables import HistoryError

__all__ = ["HistoryError", "HistoryStore", "ImportReport"]


class HistoryStore(Pending, Queries):
    """The person's history. Every method is safe to call when the disk misbehaves:
    writes return False and set `notice`; reads raise HistoryError.

    Its parts: connection.py (opening, schema, errors), writing.py (writes and
    owning sessions in progress), pending.py (recovery, pending files, imports),
    queries.py (reading and figures); schema.py holds the tables and helpers.
    """
