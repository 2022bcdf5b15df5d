"""Direct quotations: pairing quotation marks into quoted passages, in one linear pass.

Recognised marks: curly double ``“ ”``, straight double ``"``, curly single ``‘ ’``, straight
single ``'`` (only at word edges), and guillemets ``« »``. Rules:

* ``’`` (or ``'``) between two letters is an apostrophe (``Korea’s``, ``don’t``); after a letter
  and before a space it closes a single-quoted passage only if one is open, else it is a plural
  possessive (``countries’ ties``).
* Straight ``"`` opens after a space, bracket or paragraph start and closes before a space or
  punctuation; when both readings fit, it toggles.
* Passages nest: marks inside an open passage open and close inner passages, which stay part of
  the outer one (the outer passage is the quote).
* A passage still open at the end of a paragraph that the next paragraph continues with an
  opening mark (the usual convention for multi-paragraph quotes) ends at the paragraph end as a
  properly ended passage (``closed=True``); the continuation opens a passage of its own, as the
  gold rules want (each paragraph's part is a quote; the second inherits the speaker). Otherwise
  it ends at the paragraph end and is marked ``closed=False`` so that attribution lowers its
  confidence.
* A closing mark with nothing open is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKS = re.compile(r"[\"'“”‘’«»]")
_OPENERS = {"“": "double", "‘": "single", "«": "guillemet"}
_CLOSERS = {"”": "double", "’": "single", "»": "guillemet"}
_MAX_DEPTH = 6


@dataclass(frozen=True)
class Passage:
    """A quoted passage: ``open_at``/``close_at`` are the marks, ``start``/``end`` the content."""

    open_at: int
    close_at: int  # index just after the closing mark (or the paragraph end)
    start: int
    end: int
    closed: bool
    paragraphs: int = 1


def _kind_of_straight(text: str, index: int, mark: str, open_kinds: list[str]) -> str | None:
    """``"open"``, ``"close"``, or ``None`` (apostrophe / not a quotation mark)."""
    before = text[index - 1] if index > 0 else "\n"
    after = text[index + 1] if index + 1 < len(text) else "\n"
    kind = "double" if mark == '"' else "single"
    can_open = (before.isspace() or before in "([{—–-/") and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or not after.isalnum())
    if mark == "'":
        if before.isalnum() and after.isalnum():
            return None
        if can_close and kind in open_kinds:
            return "close"
        if can_open and after.isalpha():
            return "open"
        return None
    if can_open and can_close:
        return "close" if kind in open_kinds else "open"
    if can_open:
        return "open"
    if can_close:
        return "close" if kind in open_kinds else None
    return "close" if kind in open_kinds else "open"


def find_passages(text: str) -> list[Passage]:
    """Every outermost quoted passage in ``text``, in order."""
    passages: list[Passage] = []
    stack: list[str] = []
    outer_open = 0
    paragraphs = 1
    position = 0
    length = len(text)
    next_break = text.find("\n\n")
    while True:
        match = _MARKS.search(text, position)
        if next_break != -1 and next_break < position:
            next_break = text.find("\n\n", position)
        break_at = next_break
        if break_at != -1 and (match is None or break_at < match.start()):
            # paragraph end before the next mark
            if stack:
                next_start = break_at
                while next_start < length and text[next_start].isspace():
                    next_start += 1
                if (
                    next_start < length
                    and text[next_start] in "“‘«\"'"
                    and stack[0]
                    in (
                        _OPENERS.get(text[next_start])
                        or ("double" if text[next_start] == '"' else "single"),
                    )
                ):
                    # the paragraph's part is a quote of its own, the next paragraph's another
                    passages.append(
                        Passage(outer_open, break_at, outer_open + 1, break_at, True, paragraphs)
                    )
                    outer_open = next_start
                    position = next_start + 1
                    del stack[1:]
                    continue
                passages.append(
                    Passage(outer_open, break_at, outer_open + 1, break_at, False, paragraphs)
                )
                stack.clear()
            position = break_at + 2
            continue
        if match is None:
            break
        index = match.start()
        mark = match.group()
        position = index + 1
        if mark in "\"'":
            role = _kind_of_straight(text, index, mark, stack)
            kind = "double" if mark == '"' else "single"
        elif mark == "’":
            before = text[index - 1] if index > 0 else " "
            after = text[index + 1] if index + 1 < length else " "
            if before.isalnum() and after.isalnum():
                role = None  # apostrophe inside a word
            elif "single" in stack:
                role = "close"
            else:
                role = None  # possessive or elision
            kind = "single"
        elif mark in _OPENERS:
            kind = _OPENERS[mark]
            role = "open"
            if mark == "‘":
                after = text[index + 1] if index + 1 < length else " "
                if after.isdigit():
                    role = None  # ‘90s
        else:
            kind = _CLOSERS[mark]
            role = "close"
        if role == "open":
            if not stack:
                outer_open = index
                paragraphs = 1
            if len(stack) < _MAX_DEPTH:
                stack.append(kind)
        elif role == "close" and kind in stack:
            while stack and stack[-1] != kind:
                stack.pop()
            stack.pop()
            if not stack:
                passages.append(
                    Passage(outer_open, index + 1, outer_open + 1, index, True, paragraphs)
                )
    if stack:
        passages.append(Passage(outer_open, length, outer_open + 1, length, False, paragraphs))
    return [passage for passage in passages if passage.end > passage.start]
