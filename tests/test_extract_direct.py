"""Direct quotes: attribution before and after the quote, interrupted quotes, continuation,
scare quotes and titles."""

from __future__ import annotations

from annotator.extract import CONFIDENT, extract_quotes
from annotator.models import QuoteKind


def by_text(text: str) -> dict[str, object]:
    return {quote.text: quote for quote in extract_quotes(text)}


def test_cue_after_the_quote_with_inverted_speaker() -> None:
    text = "“We will not back down,” said Maria Lopez, the union leader."
    quote = extract_quotes(text)[0]
    assert quote.text == "We will not back down,"
    assert quote.kind is QuoteKind.DIRECT
    assert quote.speaker == "Maria Lopez"
    assert quote.cue == "said"


def test_cue_before_the_quote() -> None:
    text = (
        "Environment Minister Ana Duarte stated that “the river is recovering faster than hoped.”"
    )
    quote = extract_quotes(text)[0]
    assert quote.kind is QuoteKind.DIRECT
    assert quote.speaker == "Ana Duarte"
    assert quote.speaker_role == "Environment Minister"
    assert quote.cue == "stated"
    assert quote.confidence >= 0.9


def test_interrupted_quote_is_two_linked_quotes() -> None:
    text = "“The port will reopen,” he said, “but only for grain ships.”"
    text = "Captain Omar Haddad spoke at dawn. " + text
    quotes = [quote for quote in extract_quotes(text) if quote.kind is QuoteKind.DIRECT]
    assert [quote.text for quote in quotes] == [
        "The port will reopen,",
        "but only for grain ships.",
    ]
    assert {quote.speaker for quote in quotes} == {"Omar Haddad"}
    assert {quote.cue for quote in quotes} == {"said"}


def test_participle_cue_keeps_the_speaker() -> None:
    text = (
        "Lena Fischer, for her part, “welcomed the agreement,” adding that “the real work "
        "starts now.”"
    )
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == ["Lena Fischer", "Lena Fischer"]
    assert quotes[1].cue == "adding"


def test_quote_without_cue_continues_the_previous_speaker() -> None:
    text = (
        "Mayor Tom Reyes said the budget was final. “There is no more money for roads this year,"
        " and we must be honest about that.”"
    )
    quotes = extract_quotes(text)
    assert quotes[-1].kind is QuoteKind.DIRECT
    assert quotes[-1].speaker == "Tom Reyes"
    assert CONFIDENT <= quotes[-1].confidence < 0.9


def test_quote_opening_the_next_paragraph_continues_the_speaker() -> None:
    text = (
        "Prime Minister Aiko Tanaka said the talks had ended.\n\n"
        "“We achieved much less than we wanted to achieve this week.”"
    )
    assert extract_quotes(text)[-1].speaker == "Aiko Tanaka"


def test_scare_quotes_and_titles_get_low_confidence() -> None:
    text = (
        "The so-called “reset” was, critics joked, a “masterpiece”. "
        "Later the paper ran an “ordinary citizen” column."
    )
    quotes = extract_quotes(text)
    assert quotes, "borderline quotes are kept, not dropped"
    assert all(quote.confidence < CONFIDENT for quote in quotes)


def test_long_unattributed_quote_is_kept_with_middling_confidence() -> None:
    text = "The banner read “a greener and fairer economy for every region of the country”."
    quote = extract_quotes(text)[0]
    assert quote.speaker is None
    assert CONFIDENT <= quote.confidence < 0.75


def test_several_quotes_in_one_sentence_are_separate() -> None:
    text = (
        "The communique, the ministers said, called for “lasting calm,” “open sea lanes” and "
        "“the swift return of all detained fishermen”."
    )
    texts = [quote.text for quote in extract_quotes(text)]
    assert texts == [
        "lasting calm,",
        "open sea lanes",
        "the swift return of all detained fishermen",
    ]


def test_quote_missing_its_closing_mark_loses_confidence() -> None:
    closed = extract_quotes("Ana Duarte said: “the river is recovering.”\n\nEnd.")[0]
    unclosed = extract_quotes("Ana Duarte said: “the river is recovering.\n\nEnd.")[0]
    assert unclosed.speaker == "Ana Duarte"
    assert unclosed.confidence < closed.confidence


def test_told_an_outlet_then_the_quotation_is_a_direct_quote() -> None:
    text = "In a comment, Kari Holm told the Huffington Post “I don’t know what plan would work.”"
    quotes = extract_quotes(text)
    assert [(q.kind.value, q.speaker, q.outlet, q.text) for q in quotes] == [
        ("direct", "Kari Holm", "Huffington Post", "I don’t know what plan would work.")
    ]
