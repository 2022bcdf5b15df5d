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
