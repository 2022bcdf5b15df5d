"""Word-by-word moves of quote bounds (the keyboard way to fix a span)."""

from __future__ import annotations

from annotator.spans import (
    end_one_word_earlier,
    end_one_word_later,
    start_one_word_earlier,
    start_one_word_later,
)

TEXT = "Kim said “the talks  went well,” and left."


def test_moves_from_a_quote_outwards_and_back() -> None:
    start, end = TEXT.index("the"), TEXT.index("well,”") + len("well,”") - 1  # without ”
    assert TEXT[start:end] == "the talks  went well,"
    assert TEXT[start_one_word_earlier(TEXT, start) : end].startswith("“the")
    assert TEXT[start : end_one_word_later(TEXT, end)] == "the talks  went well,”"
    assert TEXT[start : end_one_word_later(TEXT, end + 1)] == "the talks  went well,” and"
    assert TEXT[start_one_word_later(TEXT, start) : end] == "talks  went well,"
    assert TEXT[start : end_one_word_earlier(TEXT, end)] == "the talks  went"


def test_moves_stop_at_the_ends_of_the_text() -> None:
    assert start_one_word_earlier(TEXT, 0) == 0
    assert start_one_word_earlier(TEXT, 3) == 0
    assert end_one_word_later(TEXT, len(TEXT)) == len(TEXT)
    assert start_one_word_later(TEXT, len(TEXT) - 3) == len(TEXT)
    assert end_one_word_earlier(TEXT, 3) == 0


def test_wide_characters_and_newlines_are_words_and_spaces() -> None:
    text = "윤석열 대통령은\n“중국과 협력”이라고 말했다"
    start = text.index("“")
    assert text[start_one_word_earlier(text, start) : start] == "대통령은\n"
    assert text[start : end_one_word_later(text, start)] == "“중국과"
