"""A `str` Enum that prints as its value (Python 3.11's StrEnum, also on 3.10).

States, statuses and kinds are Enums that mypy checks; being `str` as well, they
compare equal to the words written in history files and event logs.
"""

from __future__ import annotations

from enum import Enum


class StrEnum(str, Enum):
    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)
