"""The history: typed records (records.py) and figures (figures.py, charts.py), all pure,
and their SQLite store (store.py)."""

from itbtimer.history.figures import Hold, Listed, Progress, Recorded
from itbtimer.history.records import RECORD_VERSION, RecordError, SessionRecord, StepResult
from itbtimer.history.store import HistoryError, HistoryStore, ImportReport

__all__ = ["RECORD_VERSION", "HistoryError", "HistoryStore", "Hold", "ImportReport", "Listed",
           "Progress", "RecordError", "Recorded", "SessionRecord", "StepResult"]
