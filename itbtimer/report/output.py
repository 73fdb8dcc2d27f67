"""Writing a report or a card where the person asked: the rule for any -o file is
`atomic.write_asked` (whole or not at all, never over a folder, a named pipe or a device,
never into a folder that is not there); here, its words for a PDF."""

from __future__ import annotations

from pathlib import Path

from itbtimer.atomic import write_asked


def save_pdf(target: Path, pdf: bytes) -> Path:
    """Write `pdf` to `target`, in a folder that is there (none is made); the path written,
    absolute. WriteError, in words, when it cannot be (`atomic.write_asked`)."""
    return write_asked(target, pdf, "the PDF", "report.pdf")


def not_pdf_note(target: Path) -> str | None:
    """A word when the file named does not end in .pdf: it is written as named (the person
    chose the name, and another would be a file they did not name, maybe over one of
    theirs), but a viewer may not open it as a PDF."""
    if target.suffix.lower() == ".pdf":
        return None
    return (f"Note: {target.name} holds a PDF; a PDF viewer may want its name to end "
            "in .pdf")
