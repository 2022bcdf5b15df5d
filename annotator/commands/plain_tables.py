"""Printing simple Rich tables to a console without colour, as Rich prints them, fast.

``annotator agreement`` prints about a hundred small tables (10 annotators: a confusion matrix
per pair and field); Rich lays each out through its general machinery, a seventh of the
command's time. When the console writes no colour nor style codes (output to a file or a pipe)
and a table is of the plain shape the agreement tables have (the default heavy-headed box,
padding 1, a header, a left-justified title, one line per cell, no footer, caption or fixed
widths) and fits the console's width, its lines are simple: :func:`print_plain` writes them
itself. Anything else (colour, a terminal that styles, a cell or title that would need Rich's
wrapping beyond plain words, wide or combining characters, markup in a string) is printed by
Rich itself, whole. Tests compare both on every table agreement prints and on generated ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text


def print_plain(console: Console, renderable: Group | Table | Text) -> None:
    """``console.print(renderable)``: the items of a group one after the other (the same
    bytes), each plain one written directly, any other printed by Rich."""
    items: Sequence[Any] = renderable.renderables if isinstance(renderable, Group) else [renderable]
    if not _plain_console(console):
        console.print(renderable)
        return
    for item in items:
        lines = item_lines(item, console.width)
        if lines is None:
            console.print(item)
        else:
            console.file.write("".join(f"{line}\n" for line in lines))


def _plain_console(console: Console) -> bool:
    """The console writes text as it is: no colour or style codes, no recording, no
    substituted box characters, no soft wrapping."""
    return not (
        console.color_system is not None
        or console.record
        or console.legacy_windows
        or console.soft_wrap
        or console.options.ascii_only
        or console.is_dumb_terminal
    )


def plain_lines(console: Console, renderable: Group | Table | Text) -> list[str] | None:
    """The lines ``console.print(renderable)`` writes if every part is plain, else ``None``."""
    if not _plain_console(console):
        return None
    items: Sequence[Any] = renderable.renderables if isinstance(renderable, Group) else [renderable]
    lines: list[str] = []
    for item in items:
        rendered = item_lines(item, console.width)
        if rendered is None:
            return None
        lines.extend(rendered)
    return lines


def item_lines(item: Any, width: int) -> list[str] | None:
    """The lines of a plain table or text printed at ``width``, else ``None``."""
    if isinstance(item, Table):
        return _table_lines(item, width)
    if type(item) is Text:
        return _text_lines(item, width)
    return None


def _plain(value: str) -> bool:
    """One line of single-cell characters, no leading, trailing or doubled spaces."""
    return (
        cell_len(value) == len(value)
        and value.isprintable()
        and value == value.strip()
        and "  " not in value
    )


def _text_lines(text: Text, width: int) -> list[str] | None:
    """A text printed on its own: one line as it is, if it fits."""
    if text.justify not in (None, "default") or text.end != "\n":
        return None
    plain = text.plain
    if not plain or not _plain(plain) or len(plain) > width:
        return None
    return [plain]


def _cell(cell: Any) -> tuple[str, str | None] | None:
    """A cell's text and its own justification; ``None`` if it is not a one-line text."""
    if type(cell) is Text:
        if cell.end != "\n" or "\n" in cell.plain:
            return None
        plain = cell.plain
        justify = cell.justify
    elif type(cell) is str and not any(mark in cell for mark in "[]:\\"):
        plain, justify = cell, None  # (no markup, no emoji codes: printed as it is)
    else:
        return None
    if plain and not _plain(plain):
        return None
    return plain, justify


def _table_lines(table: Table, width: int) -> list[str] | None:
    """The lines of a plain table that fits ``width``; ``None`` for any other table."""
    if (
        table.box is not box.HEAVY_HEAD
        or not table.show_header
        or table.show_footer
        or not table.show_edge
        or table.show_lines
        or table.leading
        or table.caption is not None
        or table.padding != (0, 1, 0, 1)
        or table.collapse_padding
        or not table.pad_edge
        or table.expand
        or table.width is not None
        or table.min_width is not None
        or table.title_justify != "left"
        or table.row_count == 0
        or not table.columns
    ):
        return None
    columns: list[list[str]] = []
    for column in table.columns:
        if (
            column.width is not None
            or column.min_width is not None
            or column.max_width is not None
            or column.ratio is not None
            or column.no_wrap
            or column.justify not in ("left", "right")
        ):
            return None
        header = _cell(column.header)
        if header is None or header[1] not in (None, column.justify):
            return None
        texts = [header[0]]
        for cell in column.cells:
            found = _cell(cell)
            if found is None:
                return None
            text, justify = found
            justify = justify or column.justify
            if justify not in ("left", "right"):
                return None
            texts.append(text if justify == "left" else f"\0{text}")  # \0: right-justified
        columns.append(texts)
    widths = [max(len(text.lstrip("\0")) for text in texts) for texts in columns]
    table_width = sum(widths) + 3 * len(widths) + 1
    if table_width > width:
        return None
    lines: list[str] = []
    if table.title:
        title = _title_lines(table.title, table_width)
        if title is None:
            return None
        lines.extend(title)
    lines.append("┏" + "┳".join("━" * (size + 2) for size in widths) + "┓")
    for index, texts in enumerate(zip(*columns, strict=True)):
        cells = []
        for text, size, column in zip(texts, widths, table.columns, strict=True):
            if index == 0:  # the header, justified as its column
                cells.append(text.rjust(size) if column.justify == "right" else text.ljust(size))
            elif text.startswith("\0"):
                cells.append(text[1:].rjust(size))
            else:
                cells.append(text.ljust(size))
        if index == 0:
            lines.append("┃ " + " ┃ ".join(cells) + " ┃")
            lines.append("┡" + "╇".join("━" * (size + 2) for size in widths) + "┩")
        else:
            lines.append("│ " + " │ ".join(cells) + " │")
    lines.append("└" + "┴".join("─" * (size + 2) for size in widths) + "┘")
    return lines


def _title_lines(title: Any, width: int) -> list[str] | None:
    """The title word-wrapped to the table's width and padded to it, as Rich wraps it (words
    longer than the width, which Rich folds, are left to Rich)."""
    found = _cell(title)
    if found is None or found[1] is not None or not found[0]:
        return None
    lines: list[str] = []
    current = ""
    for word in found[0].split(" "):
        if len(word) > width:
            return None
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current.ljust(width))
            current = word
    lines.append(current.ljust(width))
    return lines
