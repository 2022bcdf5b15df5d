"""Speaker and outlet resolution across sentences (issue #11): pronouns by animacy and gender,
outlet descriptions, outlets framing a paragraph. Sentences are invented for these tests."""

from __future__ import annotations

from annotator.extract import extract_quotes


def _by_text(text: str, fragment: str):  # type: ignore[no-untyped-def]
    quotes = [quote for quote in extract_quotes(text) if fragment in quote.text]
    assert quotes, f"no quote holds {fragment!r}"
    return quotes[0]


def test_outlet_description_after_demonym_apposition() -> None:
    text = (
        "Leading the campaign is the Harbour Times, the combative English tabloid owned by the "
        "port authority.\n\nThe paper also said that dock workers were paid too much."
    )
    quote = _by_text(text, "dock workers")
    assert quote.speaker == "Harbour Times"
    assert quote.outlet == "Harbour Times"


def test_pro_place_newspaper_is_not_an_outlet_named_after_the_place() -> None:
    text = (
        "A pro-Moldova newspaper in Kyiv attacked the plan.\n\nThe Dniester Gazette, the "
        "pro-Moldova newspaper, ran the story on its front page.\n\nThe paper said the plan "
        "was a trap for farmers."
    )
    quote = _by_text(text, "trap for farmers")
    assert quote.speaker == "Dniester Gazette"


def test_it_said_refers_to_the_organisation_that_spoke() -> None:
    text = (
        "The Fisheries Agency of Norland said that the quota would be cut by a third.\n\n"
        "“Stocks have fallen for six years in a row,” it said."
    )
    quote = _by_text(text, "Stocks have fallen")
    assert quote.speaker == "Fisheries Agency of Norland"


def test_it_is_said_stays_impersonal() -> None:
    text = (
        "The Fisheries Agency of Norland said that the quota would be cut by a third. "
        "It is said that the fleet will shrink."
    )
    quote = _by_text(text, "fleet will shrink")
    assert quote.speaker is None


def test_he_refers_to_an_unnamed_person_who_spoke() -> None:
    text = (
        "Ambassador Carla Mendes met the delegation on Friday.\n\n"
        "A senior trade official in Lisbon said that the talks had stalled.\n\n"
        "“We are not close to a deal,” he said."
    )
    quote = _by_text(text, "not close to a deal")
    assert quote.speaker == "senior trade official in Lisbon"


def test_she_skips_a_man_named_by_his_title() -> None:
    text = (
        "Ms. Ana Ruiz, the spokeswoman, said that the border would stay open.\n\n"
        "Mr. Tomas Berg, the port director, said that trucks would be searched.\n\n"
        "“Nobody will be turned away,” she said."
    )
    quote = _by_text(text, "Nobody will be turned away")
    assert quote.speaker == "Ana Ruiz"
