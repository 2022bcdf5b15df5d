"""Quotation mark pairing: curly, straight, single, guillemets, apostrophes, nesting, paragraphs."""

from __future__ import annotations

from annotator.extract.marks import find_passages


def contents(text: str) -> list[str]:
    return [text[passage.start : passage.end] for passage in find_passages(text)]


def test_curly_straight_and_guillemet_quotes() -> None:
    text = 'She said “the bridge is open” and he said "it is not" and «non» was heard.'
    assert contents(text) == ["the bridge is open", "it is not", "non"]


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "Japan’s envoy met the islands’ mayors; it’s a ‘quiet shift’ in the ‘90s style."
    assert contents(text) == ["quiet shift"]


def test_straight_single_quotes_only_at_word_edges() -> None:
    text = "The mayor's aide called it 'a mistake' and didn't elaborate."
    assert contents(text) == ["a mistake"]


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    text = "He wrote: “Her reply was ‘never again’ and she meant it.” Then he left."
    assert contents(text) == ["Her reply was ‘never again’ and she meant it."]


def test_quote_continued_in_next_paragraph_is_one_passage_per_paragraph() -> None:
    # gold rules (NOTES-a, NOTES-c): each paragraph's part is a quote of its own
    text = "“The first part ends here.\n\n“The second part ends here,” she said.\n\nNext."
    passages = find_passages(text)
    assert [text[p.start : p.end] for p in passages] == [
        "The first part ends here.",
        "The second part ends here,",
    ]
    assert all(passage.closed for passage in passages)


def test_unclosed_quote_ends_at_paragraph_end() -> None:
    text = "He said “this never closes.\n\nA new paragraph with no marks."
    passages = find_passages(text)
    assert [text[p.start : p.end] for p in passages] == ["this never closes."]
    assert not passages[0].closed


def test_stray_closing_mark_is_ignored() -> None:
    assert contents("Nothing opened here” but “this opened” does.") == ["this opened"]


def test_several_passages_in_one_sentence() -> None:
    text = "The memo listed “growth,” “stability” and “trust as the basis.”"
    assert contents(text) == ["growth,", "stability", "trust as the basis."]
