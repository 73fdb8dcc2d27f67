"""Which paper a report is printed on: A4, or Letter where the person's locale says so.

The C library keeps the paper size in the locale's LC_PAPER category, which Python cannot
read; the territory of the locale's name can be. glibc gives US Letter to the locales of
these territories (every other one has A4): their list is LETTER_TERRITORIES, read from
glibc 2.36's locale sources (LC_PAPER `height 279`, followed through `copy`). The
variables are read as the C library reads them: LC_ALL, then LC_PAPER, then LANG.
"""

from __future__ import annotations

from collections.abc import Mapping

from itbtimer.core.enums import StrEnum


class Paper(StrEnum):
    """A sheet's size, named as fpdf2 names it."""

    A4 = "A4"  # 210 x 297 mm
    LETTER = "Letter"  # 8.5 x 11 in, 216 x 279 mm


LETTER_TERRITORIES = frozenset(("US", "CA", "MX", "PH", "PR", "BO", "CL", "CO", "CR", "GT",
                                "NI", "PA", "SV", "VE"))


def locale_name(environ: Mapping[str, str]) -> str:
    """The locale that decides the paper: the first of LC_ALL, LC_PAPER, LANG that is set."""
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        if environ.get(name):
            return environ[name]
    return "C"


def paper_for(environ: Mapping[str, str]) -> Paper:
    """Letter for "en_US.UTF-8", "fr_CA", "es_MX@euro"; A4 for "de_DE", "en_GB", "C"."""
    name = locale_name(environ).split(".")[0].split("@")[0]
    territory = name.partition("_")[2].upper()
    return Paper.LETTER if territory in LETTER_TERRITORIES else Paper.A4
