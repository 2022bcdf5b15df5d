"""Which quotes exist and where they end (issue #11, the span side): reported-clause boundaries,
sentence-final cues, clauses found by the parse, titles. Sentences written for these tests."""

from __future__ import annotations

from annotator.extract import CONFIDENT, extract_quotes
from annotator.models import Quote


def confident(text: str) -> list[Quote]:
    return [quote for quote in extract_quotes(text) if quote.confidence >= CONFIDENT]


def texts(text: str) -> list[str]:
    return [quote.text for quote in confident(text)]


# --- the speaker after a sentence-final cue is not content -----------------------------------
def test_subject_after_a_closing_quote_is_not_reported_speech() -> None:
    text = (
        "“We expect the ferry line to reopen before winter,” said the port official who asked "
        "not to be named."
    )
    quotes = confident(text)
    assert [quote.text for quote in quotes] == ["We expect the ferry line to reopen before winter,"]
    assert quotes[0].kind.value == "direct"


def test_told_without_an_addressee_takes_no_bare_clause() -> None:
    text = "“Nothing has been decided,” Okafor told a weekly press briefing without elaborating."
    assert texts(text) == ["Nothing has been decided,"]


def test_told_an_addressee_then_a_bare_clause() -> None:
    quote = confident("Spokeswoman Lena Brandt told reporters her office had not been consulted.")
    assert [q.text for q in quote] == ["her office had not been consulted"]
    assert quote[0].speaker == "Lena Brandt"


def test_a_that_inside_the_reported_clause_belongs_to_it() -> None:
    text = "Mendez said he cannot reveal the evidence that persuaded him the deal was near."
    assert texts(text) == ["he cannot reveal the evidence that persuaded him the deal was near"]


# --- where a reported clause ends ----------------------------------------------------------
def test_a_trailing_participle_clause_is_the_writers() -> None:
    text = (
        "The coast guard said two fishing boats had crossed the line overnight, apparently "
        "testing the new patrol schedule."
    )
    assert texts(text) == ["two fishing boats had crossed the line overnight"]


def test_a_trailing_relative_clause_is_the_writers() -> None:
    text = "Ortega said the bridge could reopen in March, which would end a two-year closure."
    assert texts(text) == ["the bridge could reopen in March"]


def test_a_relative_clause_inside_the_subject_stays() -> None:
    text = (
        "Ortega said the bridge, which was closed in 2022, could reopen in March, the "
        "ministry added."
    )
    found = [t for t in texts(text) if "bridge" in t]
    assert found and found[0].endswith("could reopen in March")
    assert "which was closed in 2022" in found[0]


def test_a_short_parenthesis_glossing_a_name_stays_inside() -> None:
    text = "The agency said the Western Fleet (WF) and the coast guard would hold joint drills."
    assert texts(text) == ["the Western Fleet (WF) and the coast guard would hold joint drills"]


# --- a sentence-final cue takes its whole sentence -----------------------------------------
def test_a_cue_inside_the_words_of_a_sentence_final_speaker() -> None:
    text = (
        "Lisbon, by hosting the summit, also signaled to its partners that the port deal must "
        "be taken seriously, said Ana Ferreira, a fellow at a research institute in Porto."
    )
    quotes = confident(text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("Lisbon, by hosting the summit")
    assert quotes[0].text.endswith("must be taken seriously")
    assert quotes[0].speaker == "Ana Ferreira"


def test_cue_that_proposes_nothing_does_not_cut_the_content() -> None:
    text = (
        "The two sides have yet to agree on a venue, but both expect the talks to resume, the "
        "envoy told reporters."
    )
    assert texts(text) == [
        "The two sides have yet to agree on a venue, but both expect the talks to resume"
    ]


def test_adding_after_a_sentence_final_cue() -> None:
    text = (
        "The harbour will stay closed for a week, the mayor said, adding that fishermen would "
        "be compensated."
    )
    assert texts(text) == [
        "The harbour will stay closed for a week",
        "fishermen would be compensated",
    ]


def test_an_outlet_frames_the_speech_inside_its_sentence() -> None:
    text = (
        "Finance Minister Omar Haddad has rejected the budget plan, saying it hurts small "
        "farmers, local media reported on Tuesday."
    )
    quotes = confident(text)
    assert [q.text for q in quotes] == ["it hurts small farmers"]
    assert quotes[0].speaker == "Omar Haddad"
    assert quotes[0].outlet == "local media"


# --- the clause a cue governs, from the parse ----------------------------------------------
def test_the_parse_finds_a_bare_clause_the_rules_miss() -> None:
    text = "The council said Smith and Jones negotiated “a fair settlement for every tenant”."
    quotes = confident(text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("Smith and Jones negotiated")
    assert quotes[0].kind.value == "mixed"


def test_no_clause_after_a_preposition() -> None:
    text = (
        "“We are in close contact with the carriers,” she said, according to a transcript "
        "released by the ministry."
    )
    assert "according to a transcript released by the ministry" not in texts(text)


# --- titles are no quotes ------------------------------------------------------------------
def test_a_title_is_not_a_confident_quote() -> None:
    text = "Park criticized the minister in a column titled “The harbour can wait no longer.”"
    assert texts(text) == []
    proposed = extract_quotes(text)
    assert proposed and proposed[0].confidence < CONFIDENT and proposed[0].speaker is None


def test_a_clause_ending_in_a_quotation_before_a_sentence_final_cue() -> None:
    text = (
        "The goal of the exercise was to rehearse a blockade and “deter any outside "
        "interference,” said the fleet command."
    )
    quotes = confident(text)
    assert [q.kind.value for q in quotes] == ["mixed"]
    assert quotes[0].text.startswith("The goal of the exercise")
    assert quotes[0].speaker == "fleet command"


def test_a_short_lead_in_leaves_the_quotation_alone() -> None:
    text = "The posts used “crude and hostile language against our envoy,” the embassy added."
    quotes = confident(text)
    assert [q.text for q in quotes] == ["crude and hostile language against our envoy,"]


def test_a_coordinated_verb_with_its_own_and_is_no_clause_of_the_cue() -> None:
    text = "The council said little, and Smith negotiated a fair settlement for every tenant."
    assert not any(q.text.startswith("Smith negotiated") for q in confident(text))


# --- a quotation inside reported content is one mixed quote (RULES.md "mixed") ----------------
def test_a_bare_clause_running_into_a_quotation_is_one_mixed_quote() -> None:
    text = (
        "The ministry said Beijing's repeated drills near the island were the "
        "“greatest risk to peace in the strait.”"
    )
    quotes = confident(text)
    assert [quote.kind.value for quote in quotes] == ["mixed"]
    assert quotes[0].text.startswith("Beijing's repeated drills")
    assert quotes[0].speaker == "ministry"


def test_content_opening_with_a_quoted_phrase_goes_on_outside_the_marks() -> None:
    text = "Mayor Ruiz said that “in the coming weeks” the repair crews would finish the bridge."
    quotes = confident(text)
    assert [(quote.kind.value, quote.text) for quote in quotes] == [
        ("mixed", "“in the coming weeks” the repair crews would finish the bridge")
    ]


def test_a_quoted_sentence_opening_the_content_stays_a_direct_quote() -> None:
    text = "The paper reported that “the harbour will close at noon,” the mayor said on Friday."
    kinds = [(quote.kind.value, quote.text) for quote in confident(text)]
    assert ("direct", "the harbour will close at noon,") in kinds
    assert all(kind != "mixed" for kind, _ in kinds)


def test_called_an_object_a_quoted_name_is_one_mixed_quote() -> None:
    quotes = confident("Senator Obi called the tariff plan “a betrayal of every farmer.”")
    assert [(quote.kind.value, quote.text) for quote in quotes] == [
        ("mixed", "the tariff plan “a betrayal of every farmer.”")
    ]


def test_called_it_a_quotation_keeps_the_quotation_alone() -> None:
    quotes = confident("Senator Obi called it “a betrayal of every farmer.”")
    assert [(quote.kind.value, quote.text) for quote in quotes] == [
        ("direct", "a betrayal of every farmer.")
    ]


def test_an_infinitive_into_a_quotation_keeps_the_quotation_alone() -> None:
    quotes = confident("The council pledged to “restore power to every street tonight.”")
    assert [(quote.kind.value, quote.text) for quote in quotes] == [
        ("direct", "restore power to every street tonight.")
    ]


def test_an_addressee_and_an_infinitive_into_a_quotation_is_one_mixed_quote() -> None:
    quotes = confident("The council urged the utility to “restore power to every street tonight.”")
    assert [(quote.kind.value, quote.text) for quote in quotes] == [
        ("mixed", "the utility to “restore power to every street tonight.”")
    ]


def test_an_adverbial_before_the_quotation_is_no_content() -> None:
    quotes = confident("The envoy said at a dinner in Lagos “we will not sign this treaty.”")
    assert [(quote.kind.value, quote.text) for quote in quotes] == [
        ("direct", "we will not sign this treaty.")
    ]


def test_a_title_after_the_object_is_no_content() -> None:
    text = "Ade criticized the governor in a column titled “Nobody will save the river.”"
    assert all(quote.kind.value != "mixed" for quote in extract_quotes(text))


# --- the writer's tails after the content ---------------------------------------------------
def test_a_time_adverbial_after_a_comma_is_the_writers() -> None:
    text = "The mayor called for calmer debate in the council, before a planned vote on the budget."
    assert texts(text) == ["calmer debate in the council"]


def test_despite_after_a_comma_is_the_writers() -> None:
    text = "Okoro said the mine would reopen in spring, despite the objections of two unions."
    assert texts(text) == ["the mine would reopen in spring"]


def test_the_speech_event_after_the_content_is_the_writers() -> None:
    text = "Lindqvist stressed that the port will stay open to all ships during an interview with Radio Nord."
    assert texts(text) == ["the port will stay open to all ships"]


def test_a_place_phrase_naming_a_document_inside_the_content_stays() -> None:
    text = "Brandt said the clause was added in the text of the treaty at the request of Norway."
    assert texts(text) == [
        "the clause was added in the text of the treaty at the request of Norway"
    ]


def test_a_hedged_participle_after_a_closing_quoted_comma_is_the_writers() -> None:
    text = (
        "The envoy said those who doubt the plan would “regret it later,” apparently "
        "targeting the opposition parties."
    )
    quotes = confident(text)
    assert [(quote.kind.value, quote.text) for quote in quotes] == [
        ("mixed", "those who doubt the plan would “regret it later,”")
    ]


def test_a_new_cue_after_a_closing_quoted_comma_ends_the_clause() -> None:
    text = "Vance claimed the levy is “purely a local matter,” adding, “Nobody else should decide.”"
    quotes = confident(text)
    assert [(quote.kind.value, quote.text) for quote in quotes] == [
        ("mixed", "the levy is “purely a local matter,”"),
        ("direct", "Nobody else should decide."),
    ]


# --- a sentence-final cue governs the cue-less sentences before it in its paragraph --------------
def test_a_final_cue_governs_the_earlier_sentences_of_its_paragraph() -> None:
    text = (
        "The harbour fees were set decades ago. They no longer pay for the dredging, "
        "the port director Ama Osei said."
    )
    quotes = confident(text)
    assert [quote.text for quote in quotes] == [
        "The harbour fees were set decades ago. They no longer pay for the dredging"
    ]
    assert quotes[0].speaker == "Ama Osei"


def test_a_final_cue_stops_at_the_paragraph_and_at_another_speakers_words() -> None:
    text = (
        "Rain closed the pass on Monday.\n\n"
        "Officials said the road was unsafe. Repairs will take a week, the mayor said."
    )
    assert texts(text) == ["the road was unsafe", "Repairs will take a week"]


# --- "…, according to X." closing the sentence --------------------------------------------------
def test_a_closing_according_to_is_no_part_of_a_quoted_content() -> None:
    text = "Lee said he is “ready to meet the union leaders,” according to the Jeju Daily."
    quotes = confident(text)
    assert [(quote.kind.value, quote.text) for quote in quotes] == [
        ("mixed", "he is “ready to meet the union leaders,”")
    ]
    assert quotes[0].speaker == "Lee"
    assert quotes[0].outlet == "Jeju Daily"


def test_a_nested_report_without_quotation_is_the_outer_sources() -> None:
    text = "On fishing, the minister stressed the need for new quotas, according to the embassy."
    quotes = confident(text)
    assert [(quote.text, quote.speaker) for quote in quotes] == [
        ("the minister stressed the need for new quotas", "embassy")
    ]


# --- stance nouns: the object of "voiced concern over …" is the content ----------------------
def test_the_object_of_a_stance_noun_is_the_content() -> None:
    text = "The fishermen's union voiced deep concern over the new quota rules for the bay."
    assert texts(text) == ["the new quota rules for the bay"]


def test_a_stance_noun_before_a_that_clause_keeps_its_object() -> None:
    text = "The council expressed its strong opposition to plans that would close the river port."
    assert texts(text) == ["plans that would close the river port"]


def test_a_coordinated_predicate_ends_noun_content() -> None:
    text = "Earlier leaders expressed support for the treaty but did not say when they would sign."
    assert texts(text) == ["the treaty"]


def test_an_infinitive_stance_noun_stays_in_the_content() -> None:
    text = "The mayor expressed his willingness to meet the striking drivers next week."
    assert [span.removeprefix("his ") for span in texts(text)] == [
        "willingness to meet the striking drivers next week"
    ]
