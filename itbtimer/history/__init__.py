"""The history: typed records (records.py, pure) and their SQLite store (store.py)."""

from .records import RECORD_VERSION, RecordError, SessionRecord, StepResult
from .store import HistoryError, HistoryStore, ImportReport, Listed

__all__ = ["RECORD_VERSION", "HistoryError", "HistoryStore", "ImportReport", "Listed",
           "RecordError", "SessionRecord", "StepResult"]
