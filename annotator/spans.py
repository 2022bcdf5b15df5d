"""Moving quote bounds word by word, so spans can be fixed from the keyboard.

``start`` is the offset of a quote's first character, ``end`` one past its last (Python
``str`` indices into the cleaned text). Each function returns the new offset, clamped to the
text; whitespace is never left at the inside edge of a bound it moves.
"""

from __future__ import annotations


def start_one_word_earlier(text: str, start: int) -> int:
    """Move ``start`` to the beginning of the word before it."""
    index = start
    while index > 0 and text[index - 1].isspace():
        index -= 1
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return index


def start_one_word_later(text: str, start: int) -> int:
    """Move ``start`` past its word to the beginning of the next one."""
    index, length = start, len(text)
    while index < length and not text[index].isspace():
        index += 1
    while index < length and text[index].isspace():
        index += 1
    return index


def end_one_word_later(text: str, end: int) -> int:
    """Move ``end`` to just after the next word."""
    index, length = end, len(text)
    while index < length and text[index].isspace():
        index += 1
    while index < length and not text[index].isspace():
        index += 1
    return index


def end_one_word_earlier(text: str, end: int) -> int:
    """Move ``end`` back to just after the word before its last one."""
    index = end
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return index


CLAUSE_MARKS = ",;:.!?—–"


def end_one_clause_later(text: str, end: int) -> int:
    """Move ``end`` to just before the next clause mark (``, ; : . ! ? —``) after it."""
    length = len(text)
    index = end
    while index < length and (text[index] in CLAUSE_MARKS or text[index].isspace()):
        index += 1
    while index < length and text[index] not in CLAUSE_MARKS and text[index] != "\n":
        index += 1
    return _trim_end(text, index)


def end_one_clause_earlier(text: str, end: int, start: int) -> int:
    """Move ``end`` back to just before the last clause mark before it (not to ``start``)."""
    index = _trim_end(text, end)
    while index > start and text[index - 1] in CLAUSE_MARKS:
        index -= 1
    mark = max((text.rfind(sign, start, index) for sign in CLAUSE_MARKS), default=-1)
    if mark <= start:
        return end
    new = _trim_end(text, mark)
    return new if new > start else end


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def sentence_end_later(sentences: list[tuple[int, int]], end: int) -> int:
    """The end of the first sentence ending after ``end`` (``end`` if none)."""
    return next((stop for _, stop in sentences if stop > end), end)


def sentence_end_earlier(sentences: list[tuple[int, int]], end: int, start: int) -> int:
    """The end of the last sentence ending before ``end`` and after ``start``."""
    ends = [stop for _, stop in sentences if start < stop < end]
    return ends[-1] if ends else end


def sentence_start_earlier(sentences: list[tuple[int, int]], start: int) -> int:
    starts = [begin for begin, _ in sentences if begin < start]
    return starts[-1] if starts else start


def sentence_start_later(sentences: list[tuple[int, int]], start: int, end: int) -> int:
    return next((begin for begin, _ in sentences if start < begin < end), start)
