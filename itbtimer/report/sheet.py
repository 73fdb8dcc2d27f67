"""A PDF as the report and the routine card write it (fpdf2): A4 or Letter, one Unicode
font, text that flows down the page onto the next, and every text the person's words
may be in escaped (core/escaping.py), including what the font cannot show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from itbtimer import __version__
from itbtimer.core.escaping import escaped_for
from itbtimer.report.fonts import find_fonts
from itbtimer.report.ink import INK, QUIET, RULE, Rgb
from itbtimer.report.paper import Paper
from itbtimer.report.pdf_library import (
    FPDF,
    Align,
    FontFace,
    TableBordersLayout,
    TTFFont,
    XPos,
    YPos,
)

FAMILY = "DejaVu"
MARGIN = 15.0  # mm, all round
CELL_PADDING = 1.0  # mm left and right of a table's text
LINE = 0.45  # a line of text is this many mm per point of its size


class Sheet:
    """One PDF being written: a cursor (`y`, in mm from the top) that texts, tables and
    charts move down; a page is added when the next one does not fit."""

    def __init__(self, paper: Paper, title: str, made: datetime):
        pdf = FPDF(orientation="portrait", unit="mm", format=paper.value)
        fonts = find_fonts()
        pdf.add_font(FAMILY, "", str(fonts.regular))
        pdf.add_font(FAMILY, "B", str(fonts.bold))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, MARGIN)
        pdf.set_font(FAMILY, "", 10)
        self.pdf = pdf
        regular, bold = pdf.fonts[FAMILY.lower()], pdf.fonts[FAMILY.lower() + "B"]
        assert isinstance(regular, TTFFont) and isinstance(bold, TTFFont)
        self._glyphs = frozenset(chr(c) for c in regular.cmap)
        self._widths = {False: regular.cw, True: bold.cw}  # per mille of the size
        pdf.set_title(self.clean(title))
        pdf.set_creator(f"itbtimer {__version__}")
        pdf.set_creation_date(made)
        pdf.add_page()

    # --- texts ------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        """The person's text as the PDF shows it: escaped (core/escaping.py), and what the
        font has no glyph for written as its escape too ("日" -> "\\u65e5")."""
        return escaped_for(text, self._glyphs.__contains__)

    @property
    def y(self) -> float:
        return self.pdf.get_y()

    @property
    def left(self) -> float:
        return self.pdf.l_margin

    @property
    def width(self) -> float:
        return self.pdf.epw

    @property
    def room(self) -> float:
        """How much of this page is left below the cursor, in mm."""
        return self.pdf.h - self.pdf.b_margin - self.y

    def need(self, height: float) -> None:
        """A new page unless `height` mm fit below the cursor."""
        if height > self.room:
            self.pdf.add_page()

    def gap(self, height: float) -> None:
        self.pdf.set_y(self.y + height)

    def font(self, size: float, bold: bool = False, colour: Rgb = INK) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)

    def text_width(self, text: str) -> float:
        return float(self.pdf.get_string_width(text))

    def heading(self, text: str, size: float = 12, keep: float = 0.0) -> None:
        """A bold heading, on the page of what follows it (`keep` mm of it at least)."""
        self.need(self.paragraph_height(text, size, bold=True) + 1 + keep)
        self.paragraph(text, size, bold=True)
        self.gap(1.0)

    def paragraph(self, text: str, size: float = 9, indent: float = 0.0,
                  colour: Rgb = INK, bold: bool = False) -> None:
        """Text wrapped at spaces (a word wider than the line, at its letters), each line
        escaped, the line breaks kept; onto the next page when the page is full."""
        self.font(size, bold=bold, colour=colour)
        for line in self.lines(text, size, indent, bold):
            self.pdf.set_x(self.left + indent)
            self.pdf.cell(self.width - indent, size * LINE, line, align=Align.L,
                          new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph_height(self, text: str, size: float = 9, indent: float = 0.0,
                         bold: bool = False) -> float:
        """How tall `paragraph` writes it, in mm."""
        return len(self.lines(text, size, indent, bold)) * size * LINE

    def lines(self, text: str, size: float, indent: float = 0.0,
              bold: bool = False) -> list[str]:
        """`text`'s lines as `paragraph` writes them: wrapped here, from the font's widths,
        not by fpdf2's multi_cell, which measures a line again at every letter (half a
        second for a routine card) and would not say beforehand where it breaks (a card
        tries several sizes)."""
        widths = self._widths[bold]
        room = (self.width - indent - 2 * self.pdf.c_margin) * 1000 * 72 / 25.4 / size
        space = widths[32]
        out: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in self.clean(paragraph).split(" "):
                width = float(sum(widths[ord(c)] for c in word))
                if line and used + space + width > room:
                    out.append(line)
                    line, used = "", 0.0
                while width > room:  # a word wider than a line: broken at its letters
                    cut, taken = 0, 0.0
                    while cut < len(word) - 1 and taken + widths[ord(word[cut])] <= room:
                        taken += widths[ord(word[cut])]
                        cut += 1
                    out.append(word[:max(1, cut)])
                    word = word[max(1, cut):]
                    width = float(sum(widths[ord(c)] for c in word))
                line, used = (f"{line} {word}", used + space + width) if line else (word, width)
            out.append(line)
        return out

    def table(self, headings: Sequence[str], rows: Sequence[Sequence[str]],
              shares: Sequence[float], size: float = 9) -> None:
        """A table across the page, each column its share of the width (`fitted`), with a
        bold heading row (repeated on a new page); its cells white whatever a chart filled
        with last (fpdf2 fills them with the current fill colour when it is not black)."""
        self.need(3 * size * 0.5)
        widths = self.fitted(headings, rows, shares, size)
        self.font(size)
        self.pdf.set_draw_color(*QUIET)
        self.pdf.set_fill_color(0)  # fpdf2's own default: no fill
        self.pdf.set_line_width(0.15)
        with self.pdf.table(col_widths=widths, width=self.width, align=Align.L,
                            text_align=Align.L, line_height=size * 0.5,
                            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
                            headings_style=FontFace(emphasis="BOLD"),
                            padding=(0.6, CELL_PADDING), first_row_as_headings=True) as table:
            for cells in (headings, *rows):
                row = table.row()
                for cell in cells:
                    row.cell(self.clean(cell))
        self.gap(2.0)

    def fitted(self, headings: Sequence[str], rows: Sequence[Sequence[str]],
               shares: Sequence[float], size: float) -> tuple[float, ...]:
        """The columns' widths in mm: each its share of the page's width, but a column of
        short texts (a date, a side, a time) as wide as its widest so none wraps, the
        other columns giving way."""
        widths = [self.width * share / sum(shares) for share in shares]
        natural = []
        for n, heading in enumerate(headings):
            self.font(size, bold=True)
            widest = self.text_width(self.clean(heading))
            self.font(size)
            widest = max([widest, *(self.text_width(self.clean(row[n])) for row in rows)])
            natural.append(widest + 2 * CELL_PADDING + 1.0)
        short = {n for n, width in enumerate(natural)
                 if widths[n] < width <= self.width / 4}
        rest = sum(width for n, width in enumerate(widths) if n not in short)
        if not short or not rest:
            return tuple(widths)
        scale = (self.width - sum(natural[n] for n in short)) / rest
        return tuple(natural[n] if n in short else width * scale
                     for n, width in enumerate(widths))

    def columns(self, count: int, gutter: float) -> list[tuple[float, float]]:
        """(left, width) of `count` columns across the page, `gutter` mm apart."""
        width = (self.width - gutter * (count - 1)) / count
        return [(self.pdf.l_margin + n * (width + gutter), width) for n in range(count)]

    def column(self, left: float, width: float, y: float) -> None:
        """Text from here on goes in the column at `left`, `width` wide, from `y` down."""
        self.pdf.set_left_margin(left)
        self.pdf.set_right_margin(self.pdf.w - left - width)
        self.pdf.set_xy(left, y)

    def whole_width(self) -> None:
        """Text goes across the page again (after `column`)."""
        self.pdf.set_left_margin(MARGIN)
        self.pdf.set_right_margin(MARGIN)

    def rule(self) -> None:
        self.pdf.set_draw_color(*RULE)
        self.pdf.set_line_width(0.2)
        self.pdf.line(self.left, self.y, self.left + self.width, self.y)

    def output(self) -> bytes:
        return bytes(self.pdf.output())
