"""Quotations that are terms or titles, labels a speaker gave, and the outlet spoken on."""

from __future__ import annotations

from annotator.extract import extract_quotes
from annotator.extract.confidence import CONFIDENT


def _by_text(text: str) -> dict:
    return {quote.text.rstrip(".,"): quote for quote in extract_quotes(text)}


def test_headline_case_title_after_author_of_is_no_quote() -> None:
    text = (
        "“Nobody planned for this,” said Marta Kovac, a historian at Leeds and the author of "
        "“The Long Winter: Why Europe Froze Its Budgets.”"
    )
    quotes = _by_text(text)
    assert quotes["Nobody planned for this"].confidence >= CONFIDENT
    assert quotes["The Long Winter: Why Europe Froze Its Budgets"].confidence < CONFIDENT


def test_label_given_to_a_pointing_back_object_is_the_speakers_quote() -> None:
    text = "Governor Ruth Alder spoke in Denver. Last week, Alder called this a “turning point.”"
    quote = _by_text(text)["turning point"]
    assert quote.confidence >= CONFIDENT
    assert quote.speaker == "Ruth Alder"


def test_short_quotation_after_a_determiner_before_a_cue_is_a_term() -> None:
    text = (
        "“The fees are unfair,” Ortiz said. The union has since filed a “formal grievance” "
        "and demanded a meeting."
    )
    quotes = _by_text(text)
    assert quotes["The fees are unfair"].confidence >= CONFIDENT
    assert quotes["formal grievance"].confidence < CONFIDENT


def test_outlet_spoken_on_after_the_cue() -> None:
    text = (
        "Chancellor Peter Lindqvist met farmers on Friday. He later described such rates "
        "as “unbearable” on Nordic Broadcasting News, hinting at a cut."
    )
    quote = _by_text(text)["unbearable"]
    assert quote.speaker == "Peter Lindqvist"
    assert quote.outlet == "Nordic Broadcasting News"


def test_said_on_a_weekday_names_no_outlet() -> None:
    text = "Mayor Lena Fischer said on Monday that the bridge would reopen in May."
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Lena Fischer"
    assert quote.outlet is None


def test_a_short_quotation_after_a_possessive_modifying_a_noun_is_a_term() -> None:
    text = "Norland's “harbour first” diplomats have softened their tone."
    quotes = [quote for quote in extract_quotes(text) if "harbour first" in quote.text]
    assert quotes
    assert quotes[0].confidence < CONFIDENT
    assert quotes[0].speaker is None
