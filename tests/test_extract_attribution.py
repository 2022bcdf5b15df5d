"""Attribution: fullest names, roles, pronouns, definite descriptions, outlets."""

from __future__ import annotations

from annotator.corpus import build_document
from annotator.extract import extract_document, extract_quotes
from annotator.models import EntityKind


def test_short_name_resolves_to_fullest_form() -> None:
    text = (
        "Trade Minister Helga Brandt arrived on Monday. Brandt said that tariffs would stay in "
        "place until the autumn."
    )
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Helga Brandt"
    assert quote.speaker_role == "Trade Minister"


def test_pronoun_resolves_to_last_person() -> None:
    text = (
        "Senator Mark Ellis met the farmers in Iowa. He said that the subsidy bill would pass "
        "before the harvest."
    )
    assert extract_quotes(text)[0].speaker == "Mark Ellis"


def test_definite_description_with_role_resolves_to_named_person() -> None:
    text = (
        "Foreign Minister Ines Moreau flew to Cairo. Before the talks, the French foreign "
        "minister told reporters that a ceasefire was within reach."
    )
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Ines Moreau"


def test_outlet_as_speaker() -> None:
    text = "The Lagos Tribune noted that fuel prices had doubled since January."
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Lagos Tribune"
    assert quote.outlet == "Lagos Tribune"


def test_outlet_reporting_someone_else() -> None:
    text = (
        "The Baltic Herald reported that Mayor Jonas Vilkas allegedly said that “the harbour "
        "will be sold to the highest bidder”."
    )
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Jonas Vilkas"
    assert quote.outlet == "Baltic Herald"


def test_told_an_outlet() -> None:
    text = "Defence Minister Kofi Mensah told Reuters that the base would close next year."
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Kofi Mensah"
    assert quote.outlet == "Reuters"


def test_the_newspaper_resolves_to_last_outlet() -> None:
    text = (
        "The Nordic Times published the leaked memo on Friday. According to the newspaper, "
        "the ministry knew about the leak for months."
    )
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Nordic Times"
    assert quote.outlet == "Nordic Times"


def test_article_in_an_outlet_links_writer_and_outlet() -> None:
    text = (
        "In an article in the Cape Daily, Thandi Nkosi called the reform overdue. "
        "Nkosi argued that the courts had waited far too long."
    )
    quotes = extract_quotes(text)
    assert quotes[-1].speaker == "Thandi Nkosi"
    assert quotes[-1].outlet == "Cape Daily"


def test_no_outlet_when_the_article_is_the_only_source() -> None:
    quote = extract_quotes("Mayor Tom Reyes said that the bridge will open in June.")[0]
    assert quote.outlet is None


def test_entities_list_speakers_and_outlets_with_aliases() -> None:
    raw = (
        "Trade Minister Helga Brandt arrived on Monday. Brandt said that tariffs would stay.\n\n"
        "The Lagos Tribune noted that prices had doubled since January."
    )
    document = extract_document(build_document(raw, "doc", "test"))
    entities = {entity.name: entity for entity in document.entities}
    assert entities["Helga Brandt"].kind is EntityKind.PERSON
    assert "Brandt" in entities["Helga Brandt"].aliases
    assert entities["Helga Brandt"].mentions == 2
    assert entities["Lagos Tribune"].kind is EntityKind.OUTLET


def test_names_with_letters_beyond_ascii() -> None:
    text = (
        "Agriculture Minister Czesław Siekierski met farmers. Siekierski said that new rules "
        "were being prepared."
    )
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Czesław Siekierski"
    assert quote.speaker_role == "Agriculture Minister"


def test_participle_after_a_dateline_refers_to_the_sentence_subject() -> None:
    text = (
        "OSLO — Hundreds of nurses marched through the city on Friday, demanding that the "
        "hospitals hire more staff."
    )
    quote = extract_quotes(text)[0]
    assert quote.text == "the hospitals hire more staff"
    assert quote.speaker == "Hundreds of nurses"


def test_group_qualified_by_a_name_stays_the_group() -> None:
    quote = extract_quotes("Economists at Nordbank expect rates will fall in June.")
    assert quote == [] or quote[0].speaker != "Nordbank"
    quote = extract_quotes("Analysts at Nordbank believe prices will stay low until June.")[0]
    assert quote.speaker == "Analysts at Nordbank"


def test_straight_single_quoted_speech_with_inverted_cue() -> None:
    text = "Prices fell again. 'The market is flooded with cheap grain,' one trader said."
    quote = extract_quotes(text)[0]
    assert quote.text == "The market is flooded with cheap grain,"
    assert quote.speaker == "trader"


def test_appositive_gives_the_role_and_later_quotes_keep_it() -> None:
    text = (
        "Maria Jensen, a spokesperson for the Green Party, said that the lease was a mistake. "
        "Jensen told the BBC: “This is a scandal.”"
    )
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == ["Maria Jensen", "Maria Jensen"]
    assert quotes[0].speaker_role == "spokesperson for the Green Party"
    assert quotes[1].speaker_role == "spokesperson for the Green Party"
    assert quotes[1].kind.value == "direct"
    assert (quotes[1].outlet, quotes[1].cue) == ("BBC", "told the BBC")


def test_guillemets_with_pronoun_after_the_quote() -> None:
    text = (
        "Port director Henrik Berg spoke briefly. «Nothing will change for the workers», he said."
    )
    quote = extract_quotes(text)[0]
    assert quote.text == "Nothing will change for the workers"
    assert quote.speaker == "Henrik Berg"


def test_but_coordinated_cue_keeps_the_speaker() -> None:
    text = (
        "Anna Holm warned that the risks were not understood, but added that the contract "
        "could be cancelled."
    )
    quotes = extract_quotes(text)
    assert [quote.text for quote in quotes] == [
        "the risks were not understood",
        "the contract could be cancelled",
    ]
    assert {quote.speaker for quote in quotes} == {"Anna Holm"}


def test_straight_quote_across_paragraphs_is_a_quote_per_paragraph_of_one_speaker() -> None:
    text = 'Anna Holm said: "This is the first part.\n\n"And this is the second part."\n\nEnd.'
    quotes = extract_quotes(text)
    assert [quote.text for quote in quotes] == [
        "This is the first part.",
        "And this is the second part.",
    ]
    assert [quote.speaker for quote in quotes] == ["Anna Holm", "Anna Holm"]
    assert all(quote.confidence >= 0.5 for quote in quotes)


def test_joint_speakers_resolve_each_name_and_split_in_entities() -> None:
    raw = (
        "Foreign Minister Ines Moreau met Trade Minister Helga Brandt in Paris.\n\n"
        "Moreau and Brandt agreed to “work together on a common steel policy for the union”."
    )
    document = extract_document(build_document(raw, "doc", "test"))
    quote = document.quotes[0]
    assert quote.speaker == "Ines Moreau and Helga Brandt"
    names = {entity.name for entity in document.entities}
    assert {"Ines Moreau", "Helga Brandt"} <= names
    assert quote.speaker not in names


def test_writing_in_an_outlet_gives_the_outlet() -> None:
    text = (
        "Writing in Foreign Affairs last month, former ambassador Richard Cole argues that the "
        "treaty has outlived its purpose."
    )
    quote = extract_quotes(text)[0]
    assert (quote.speaker, quote.speaker_role, quote.outlet) == (
        "Richard Cole",
        "former ambassador",
        "Foreign Affairs",
    )


def test_inverted_cue_with_title_and_affiliation() -> None:
    text = (
        "“The treaty is a relic of another age,” says Dr. Mei Lin of the Institute for Peace "
        "Studies. Lin believes the region needs a new security architecture."
    )
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == ["Mei Lin", "Mei Lin"]
