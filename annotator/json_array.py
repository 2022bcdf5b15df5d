"""Streaming a top-level JSON array element by element, so memory is bounded by the largest
element, not by the file (a Label Studio export is one array of tasks, often tens of MB).

:func:`iter_json_array` finds where each element ends with a small scanner that knows only
strings (with their escapes), brackets, braces and commas, then hands each element's bytes to
``orjson``, which checks it fully. Errors name the file, the element (1-based) and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from annotator.errors import InvalidFileError

CHUNK_SIZE = 1 << 20
# Everything up to the next structural byte, with whole strings (and their escapes) skipped in
# one step; possessive quantifiers, so a failed match never backtracks. A match fails only
# where the buffer ends first (or a string never closes): then more is read and it is retried.
_STRING = rb'"(?:[^"\\]++|\\.)*+"'
_NESTED = re.compile(rb'(?:[^"\[\]{}]++|' + _STRING + rb")*+([\[\]{}])", re.DOTALL)
_TOP = re.compile(rb'(?:[^"\[\]{},]++|' + _STRING + rb")*+([\[\]{},])", re.DOTALL)
_WHITESPACE = b" \t\r\n"


def iter_json_array(
    handle: BinaryIO, path: Path | str, chunk_size: int = CHUNK_SIZE
) -> Iterator[tuple[int, Any]]:
    """(1-based index, parsed value) of each element of the JSON array in ``handle``.

    Raises :class:`InvalidFileError` for a file that is not one JSON array, naming the element
    and line where it goes wrong (elements before it have been yielded already).
    """
    scanner = _Scanner(handle, path, chunk_size)
    yield from scanner.elements()


class _Scanner:
    """The unread part of the file is ``buffer[start:]``; ``start`` moves forward instead of
    slicing the buffer after every element, and the buffer is compacted only when more is read.
    A read that follows a failed match fetches at least as much as the buffer holds, so an
    element (or a string) of n bytes is rescanned O(log n) times, O(n) bytes in all."""

    def __init__(self, handle: BinaryIO, path: Path | str, chunk_size: int) -> None:
        self.handle = handle
        self.path = path
        self.chunk_size = chunk_size
        self.buffer = b""
        self.start = 0
        self.eof = False
        self.line = 1  # line number of buffer[start]
        self._after_comma = False

    def _more(self) -> bool:
        """Read more of the file (returning False at its end); offsets relative to ``start``
        stay valid."""
        if self.eof:
            return False
        pending = len(self.buffer) - self.start
        chunk = self.handle.read(max(self.chunk_size, pending))
        if not chunk:
            self.eof = True
            return False
        self.buffer = self.buffer[self.start :] + chunk
        self.start = 0
        return True

    def _pending(self) -> int:
        return len(self.buffer) - self.start

    def _peek(self) -> bytes:
        return self.buffer[self.start : self.start + 1]

    def _drop(self, count: int) -> None:
        self.line += self.buffer.count(b"\n", self.start, self.start + count)
        self.start += count

    def _skip_whitespace(self) -> bool:
        """Drop leading whitespace; False at the end of the file."""
        while True:
            position = self.start
            end = len(self.buffer)
            while position < end and self.buffer[position] in _WHITESPACE:
                position += 1
            self._drop(position - self.start)
            if self._pending() or not self._more():
                return bool(self._pending())

    def _error(self, reason: str, offset: int = 0) -> InvalidFileError:
        line = self.line + self.buffer.count(b"\n", self.start, self.start + offset)
        return InvalidFileError(self.path, f"not valid JSON (line {line}: {reason})")

    def elements(self) -> Iterator[tuple[int, Any]]:
        while self._pending() < 3 and self._more():
            pass
        if self.buffer.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark
            self.start += 3
        if not self._skip_whitespace():
            raise InvalidFileError(self.path, "empty file")
        if self._peek() != b"[":
            raise InvalidFileError(self.path, "expected a JSON array ([...]) at the top level")
        self._drop(1)
        index = 0
        while True:
            if not self._skip_whitespace():
                raise self._error("unexpected end of file inside the array")
            if self._peek() == b"]":
                if index and self._after_comma:
                    raise self._error("trailing comma before ]")
                self._drop(1)
                break
            if index and not self._after_comma:
                raise self._error("expected , or ] after an element")
            end, closing = self._element_end()
            index += 1
            raw = self.buffer[self.start : self.start + end]
            try:
                value = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                line = self.line + raw.count(b"\n", 0, max(exc.pos, 0))
                raise InvalidFileError(
                    self.path, f"not valid JSON (element {index}, line {line}: {exc.msg})"
                ) from None
            self._drop(end)
            self._after_comma = closing == b","
            if closing == b",":
                self._drop(1)
            yield index, value
        if self._skip_whitespace():
            raise self._error("unexpected data after the array")

    def _element_end(self) -> tuple[int, bytes]:
        """Offset (from ``start``) where the element at ``start`` ends, and what follows it
        (``,`` or ``]``); reads more of the file as needed."""
        depth = 0
        position = 0  # relative to self.start, which _more() may move
        while True:
            match = (_NESTED if depth else _TOP).match(self.buffer, self.start + position)
            if match is None:
                if not self._more():
                    raise self._error("unexpected end of file inside an element", position)
                continue  # the same bytes again, now with more after them
            token = match.group(1)
            position = match.end() - self.start
            if token in (b"[", b"{"):
                depth += 1
            elif depth:
                depth -= 1  # "]" or "}": which one closes what is orjson's to check
            elif token != b"}":  # at the array's level, "," or "]" ends the element
                end = match.start(1) - self.start
                if not self.buffer[self.start : self.start + end].strip(_WHITESPACE):
                    raise self._error("empty element (two commas, or a comma after [)", end)
                return end, token
