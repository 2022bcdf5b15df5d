"""Speakers named after their description (issue #11): a lede's unnamed source identified in the
next sentences, and a definite description of a person resolved to the person who spoke before.
Sentences are invented for these tests."""

from __future__ import annotations

from extract_support import quote_holding as _by_text

from annotator.extract.cataphora import delayed_name, indefinite_mention


def test_lede_expert_named_by_made_the_point() -> None:
    text = (
        "Farm subsidies in the valley should be halved within five years, a Dutch economist "
        "said Tuesday, warning that the budget was running dry.\n\n"
        "Marta de Wit, a fellow at the Polder Institute, made the point in a lecture at the "
        "university."
    )
    quote = _by_text(text, "budget was running dry")
    assert quote.speaker == "Marta de Wit"
    first = _by_text(text, "Farm subsidies")
    assert first.speaker == "Marta de Wit"


def test_lede_spokesperson_named_by_title() -> None:
    text = (
        "The harbour will stay closed until the storm passes, a port authority spokeswoman "
        "said on Sunday.\n\nSpokeswoman Ilse Varga made the remarks at a briefing in the city hall."
    )
    assert _by_text(text, "harbour will stay closed").speaker == "Ilse Varga"


def test_lede_newspaper_named_by_appositive_is_the_outlet() -> None:
    text = (
        "A pro-government newspaper in Lisbon on Monday attacked the new fishing treaty, claiming "
        "that it would ruin the coastal towns.\n\n"
        "The Tagus Herald, the pro-government newspaper, printed the attack on its front page."
    )
    quote = _by_text(text, "ruin the coastal towns")
    assert quote.speaker == "Tagus Herald"
    assert quote.outlet == "Tagus Herald"


def test_no_name_after_the_description_keeps_it() -> None:
    text = (
        "Grain prices will rise again next year, an agricultural analyst said on Friday.\n\n"
        "The harvest was poor across the plains, and storage costs have doubled."
    )
    assert _by_text(text, "Grain prices").speaker == "agricultural analyst"


def test_delayed_name_looks_only_at_the_next_paragraph() -> None:
    text = (
        "Taxes will fall, a senior banker said.\n\nThe markets rose.\n\n"
        "Hugo Brandt, the senior banker at Nordbank, said more later."
    )
    end = indefinite_mention(text, "senior banker", len(text))
    assert end is not None
    assert delayed_name(text, "senior banker", end) is None


def test_definite_description_refers_to_the_person_with_that_role() -> None:
    text = (
        "Talks on the dam will resume soon, Lena Okafor, a deputy director at the presidential "
        "water office, said Thursday.\n\n"
        "Okafor met the river commission on Wednesday.\n\n"
        "The presidential official said she had sent a letter to the commission."
    )
    assert _by_text(text, "sent a letter").speaker == "Lena Okafor"


def test_definite_description_without_matching_role_is_not_forced_on_a_person() -> None:
    text = (
        "The bridge will open in May, Tom Reyes, the mayor of Port Elm, said on Monday.\n\n"
        "The customs official said that trucks would be checked at the border."
    )
    assert _by_text(text, "trucks would be checked").speaker != "Tom Reyes"


def test_not_a_speaker_refuses_phrases_that_are_no_noun_phrase() -> None:
    from annotator.extract.attribution import not_a_speaker

    for junk in ("to", "Friday", "of the sources", "spoke of a rising danger", "Okafor’s",
                 "Chile “keeps saying", "—", "last month"):  # fmt: skip
        assert not_a_speaker(junk), junk
    for speaker in ("Lena Okafor", "port authority spokeswoman", "Tagus Herald", "officials"):
        assert not not_a_speaker(speaker), speaker


def test_partitive_source_is_the_group() -> None:
    text = (
        "Dozens of dairy farmers met the minister on Friday.\n\n"
        "One of the dairy farmers told the minister that milk prices had halved."
    )
    assert _by_text(text, "milk prices had halved").speaker == "dairy farmers"


def test_participle_after_a_time_phrase_takes_the_clause_subject() -> None:
    text = (
        "A pro-government newspaper in Lisbon on Monday attacked the new fishing treaty, claiming "
        "that it would ruin the coastal towns."
    )
    assert _by_text(text, "ruin the coastal towns").speaker != "Monday"


def test_the_statement_is_its_author_who_spoke_just_before() -> None:
    text = (
        "The island's Coastal Safety Council said on its website that the ferry line would "
        "close.\n\n“Passengers will be refunded in full,” the statement said."
    )
    assert _by_text(text, "refunded in full").speaker == "Coastal Safety Council"


def test_article_in_an_outlet_is_the_outlet() -> None:
    text = (
        "The party newspaper Volna Pravdy said on Monday that the talks had failed.\n\n"
        "“The other side never wanted peace,” the article in the Volna stated."
    )
    quote = _by_text(text, "never wanted peace")
    assert quote.speaker == "Volna Pravdy"
    assert quote.outlet == "Volna Pravdy"


def test_place_based_modifier_is_not_part_of_the_name() -> None:
    text = "Lima-based Andes Courier wrote in an editorial that the mine should stay shut."
    quote = _by_text(text, "mine should stay shut")
    assert quote.speaker == "Andes Courier"


def test_truncated_organisation_name_gets_its_full_form() -> None:
    text = (
        "Norland's Ministry of Fisheries and Coasts said on Monday that quotas would fall.\n\n"
        "“More boats will be scrapped next year,” Norland's Ministry said."
    )
    quote = _by_text(text, "More boats")
    assert quote.speaker == "Norland's Ministry of Fisheries and Coasts"


def test_language_adjectives_are_no_outlet_name() -> None:
    text = (
        "The Harbour Post, a nationalist Dutch English-language paper owned by a shipping firm, "
        "attacked the port plan.\n\n“The plan will sink the city,” the editorial said."
    )
    quote = _by_text(text, "sink the city")
    assert quote.speaker == "Harbour Post"
    assert quote.outlet == "Harbour Post"


def test_source_phrase_loses_dateline_relative_clause_and_time() -> None:
    text = (
        "OSLO (Wire) -- Norland's government said Thursday that the border would reopen.\n\n"
        "Fishing talks resumed after a short break, according to people close to the talks who "
        "asked not to be named.\n\nThe quotas will be cut, according to several ministry "
        "officials Sunday."
    )
    assert _by_text(text, "border would reopen").speaker == "Norland's government"
    assert _by_text(text, "Fishing talks resumed").speaker == "people close to the talks"
    assert _by_text(text, "quotas will be cut").speaker == "ministry officials"


def test_the_ministry_in_its_statement_is_the_ministry_named_before() -> None:
    text = (
        "Norland’s Foreign Ministry summoned the envoy of Ostland on Friday.\n\n"
        "“His remarks were false and cannot be tolerated,” said the ministry in its statement "
        "Friday."
    )
    assert _by_text(text, "cannot be tolerated").speaker == "Norland’s Foreign Ministry"


def test_reprinted_report_gives_its_outlet_to_the_quotes_after_it() -> None:
    text = (
        "The two leaders met in the capital on Monday.\n\n"
        "Here is a shortened version of the report by Xinhua.\n\n"
        "Ana Kovac said the visit had opened a new chapter between the two countries."
    )
    quote = _by_text(text, "opened a new chapter")
    assert quote.speaker == "Ana Kovac"
    assert quote.outlet == "Xinhua"


def test_surnamed_source_keeps_the_description() -> None:
    text = (
        "A farmer surnamed Zhao told the paper that the river had flooded twice.\n\n"
        "Zhao said that the village had no warning."
    )
    assert _by_text(text, "flooded twice").speaker == "farmer surnamed Zhao"
    assert _by_text(text, "no warning").speaker == "farmer surnamed Zhao"


def test_abbreviation_keeps_its_last_period() -> None:
    text = "The U.S. said it would not raise tariffs this year."
    assert _by_text(text, "not raise tariffs").speaker == "U.S."


def test_company_acronym_defined_after_a_comma_is_the_company() -> None:
    from annotator.extract.entities import NameIndex

    text = (
        "Officials restricted exports for Kestrel Optical Systems Co., (KOSC) last week. "
        "KOSC said it would comply."
    )
    assert NameIndex.build(text).full_name("KOSC") == "Kestrel Optical Systems Co."


def test_a_definite_lede_description_is_the_person_named_later_who_speaks() -> None:
    text = (
        "TAIPEI - Beijing is ignoring the island's olive branches, its top China policy maker "
        "told Reuters, as Beijing steps up its pressure.\n\n"
        "China has held three rounds of war games around the island since May.\n\n"
        "Mainland Affairs Council minister Ivo Berg said Beijing should own up to its "
        "responsibility for stoking tension.\n\n"
        '"We have made a lot of effort," Berg added.'
    )
    lede = _by_text(text, "ignoring the island")
    assert (lede.speaker, lede.outlet) == ("Ivo Berg", "Reuters")
    # his later words came through the same interview
    assert _by_text(text, "made a lot of effort").outlet == "Reuters"


def test_an_indefinite_or_plural_lede_description_stays_unnamed() -> None:
    text = (
        "The talks will resume soon, a senior official said on Friday.\n\n"
        "Minister Ivo Berg said the harbour would reopen in spring."
    )
    assert _by_text(text, "talks will resume").speaker != "Ivo Berg"


def test_a_spokesperson_is_the_full_name_that_speaks_next() -> None:
    text = (
        "A spokesperson for Norland’s Eastern Theater Command said in a brief statement that the "
        "exercises involved the coordination of vessels and planes.\n\n"
        "It was also testing the forces' “actual combat capabilities,” Ivo Berg said."
    )
    assert _by_text(text, "coordination of vessels").speaker == "Ivo Berg"


def test_a_long_spokesperson_description_with_the_name_in_apposition() -> None:
    text = (
        "A spokesperson for Norland’s Eastern Theater Command, Ivo Berg, said the exercises "
        "involved vessels and planes."
    )
    quote = _by_text(text, "involved vessels")
    assert quote.speaker == "Ivo Berg"
    assert quote.text.startswith("the exercises")


def test_a_spokesperson_named_after_said_in_the_next_paragraph() -> None:
    text = (
        "A mainland spokesperson on Tuesday denounced Lai Ching-te, a politician from the "
        "Democratic Progressive Party (DPP), for misinterpreting its principled position.\n\n"
        '"The Taiwan question is the most sensitive issue," said Ivo Berg, a spokesperson for '
        "the Taiwan Affairs Office."
    )
    quote = _by_text(text, "misinterpreting")
    assert quote.speaker == "Ivo Berg"
    assert quote.text.startswith("Lai Ching-te, a politician")
