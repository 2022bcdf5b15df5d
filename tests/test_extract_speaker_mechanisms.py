"""Speaker mechanisms of branch ``speaker3`` (issue #11): participle cues take the subject of the
clause they modify, not of a clause inside a noun phrase. Sentences are invented for these
tests."""

from __future__ import annotations

from annotator.extract import extract_quotes


def _by_text(text: str, fragment: str):  # type: ignore[no-untyped-def]
    quotes = [quote for quote in extract_quotes(text) if fragment in quote.text]
    assert quotes, f"no quote holds {fragment!r}"
    return quotes[0]


def test_participle_after_a_noun_clause_takes_the_main_subject() -> None:
    text = (
        "Union leader Pablo Ortega addressed the strikers on Friday.\n\n"
        "Ortega has also rejected speculation that the government gave him a frosty reception "
        "during the visit to Lyon, saying that the talks were held in a friendly manner."
    )
    quote = _by_text(text, "talks were held")
    assert quote.speaker == "Pablo Ortega"
