"""Odd input never raises and stays linear; output is deterministic and ids are stable."""

from __future__ import annotations

from annotator.corpus import build_document
from annotator.extract import extract_document, extract_quotes
from annotator.models import Document


def test_one_megabyte_without_quotation_marks() -> None:
    text = "The committee met again on Tuesday and adjourned without a vote. " * 16_000
    assert len(text) > 1_000_000
    assert [quote for quote in extract_quotes(text) if quote.kind.value == "direct"] == []


def test_five_thousand_quotes() -> None:
    text = " ".join(
        f"“Item {number} is ready for shipping,” the clerk said." for number in range(5000)
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 5000
    assert all(quote.cue == "said" for quote in quotes)
    assert len({quote.id for quote in quotes}) == 5000


def test_only_opening_marks() -> None:
    text = '“one “two «three ‘four "five ' * 4000
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].confidence < 0.5


def test_unbalanced_marks_and_stray_closers() -> None:
    text = ("He said “this one never closes. She replied ” and ” again » and ’ here. " * 2000) + (
        "\n\nFinally “a proper quotation of several words here,” said Ana Duarte."
    )
    quotes = extract_quotes(text)
    assert quotes[-1].text == "a proper quotation of several words here,"
    assert quotes[-1].speaker == "Ana Duarte"


def test_long_sentence_full_of_cues() -> None:
    text = "he said that it is fine and she noted that it is not " * 3000
    quotes = extract_quotes(text)
    assert quotes and all(quote.end <= len(text) for quote in quotes)


def test_empty_and_tiny_texts() -> None:
    for text in ("", "“", "”", '"', "'", "‘’", "«»", "said", "According to", "\n\n\n"):
        assert isinstance(extract_quotes(text), list)


def _document(raw: str) -> Document:
    return build_document(raw, "doc", "test")


def test_extraction_is_deterministic_and_idempotent() -> None:
    raw = (
        "Governor Ellen Park said that the dam is safe.\n\n"
        "“We inspected every gate,” she said, “and found nothing wrong.”"
    )
    first = extract_document(_document(raw))
    second = extract_document(_document(raw))
    again = extract_document(first)
    dump = first.model_dump_json()
    assert second.model_dump_json() == dump
    assert again.model_dump_json() == dump
    Document.model_validate_json(dump)


def test_quote_ids_survive_a_change_after_them() -> None:
    raw = "Governor Ellen Park said that the dam is safe and the river is calm."
    before = {quote.id for quote in extract_document(_document(raw)).quotes}
    after = extract_document(_document(raw + "\n\nA new closing paragraph was added later."))
    assert before and before <= {quote.id for quote in after.quotes}


def test_random_mixtures_of_marks_words_and_cues_never_raise() -> None:
    import random

    pieces = [
        "“", "”", "‘", "’", "«", "»", '"', "'", "\n\n", ", ", ". ", " said", " told", " that ",
        " according to", " he", " She", " Wang Yi", " The Korea Times", " and", " (", ")", ":",
        " noted", " pointing out", " the", "-", "’s", " believes", " In his opinion,", " é",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))
        for quote in extract_quotes(text):
            assert 0 <= quote.start < quote.end <= len(text)
            assert text[quote.start : quote.end] == quote.text
            assert 0.0 <= quote.confidence <= 1.0
