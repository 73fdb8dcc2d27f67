"""The morning-after question's words on the start screen (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from itbtimer.core.escaping import escaped
from itbtimer.history.figures import pain_label


@dataclass(frozen=True)
class MorningQuestion:
    """The routine's own question (`ask: knee pain`) about this morning, of one session."""

    session_id: str
    label: str  # the session's question: "knee pain"
    session_day: date  # the session's local date

    def heading(self) -> str:
        """"Knee pain this morning, 0–10? (after Tuesday's session)"."""
        return escaped(f"{pain_label(self.label)} this morning, 0–10? "
                       f"(after {self.session_day:%A}'s session)")

    def help(self) -> str:
        return ("0 none, 10 worst: type it (1 then 0 is 10) or click it. Esc skips; "
                "it is not asked again.")

    def state(self, score: int | None, error: str | None = None) -> str:
        """Under the buttons: nothing before an answer; then the answer, saved or not."""
        if score is None:
            return ""
        saved = f"not saved: {error}" if error else "saved"
        return escaped(f"{pain_label(self.label)} this morning {score}/10 — {saved}")
