"""Reported-speech shapes of ``annotator/extract/shapes.py`` (issue #11, recall): each with
invented sentences, and the near misses that must stay no quote."""

from __future__ import annotations

from annotator.extract import CONFIDENT, extract_quotes
from annotator.models import QuoteKind


def _confident(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text) if q.confidence >= CONFIDENT]


def test_dropped_that_after_any_clause_verb() -> None:
    text = "The finance ministry has stressed its budget will not grow next year."
    assert _confident(text) == [("its budget will not grow next year", "finance ministry")]
    text = "The union has long claimed such contracts are unfair to new workers."
    assert _confident(text) == [("such contracts are unfair to new workers", "union")]


def test_cue_inside_a_relative_clause_reports_the_verb_phrase() -> None:
    text = "Officials found a drone that the navy said was a weather balloon."
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["was a weather balloon"]
    assert quotes[0].kind is QuoteKind.INDIRECT


def test_promise_and_threat_with_an_infinitive() -> None:
    text = "The governor vowed to rebuild every school destroyed by the storm."
    assert _confident(text) == [("to rebuild every school destroyed by the storm", "governor")]
    text = "Farmers threatened to block the highway until prices rise."
    assert _confident(text) == [("to block the highway until prices rise", "Farmers")]


def test_noun_promise_is_no_cue() -> None:
    # the parse tags "promise" as a noun: "made a promise to" is no reported infinitive
    text = "The two mayors made a cautious promise to share the water supply."
    assert _confident(text) == []


def test_directive_with_addressee_and_infinitive() -> None:
    text = "The embassy advised travellers to stay away from the northern provinces."
    assert _confident(text) == [("travellers to stay away from the northern provinces", "embassy")]
    text = "The airline advised passengers against bringing large bags."
    assert _confident(text) == [("passengers against bringing large bags", "airline")]


def test_judgement_verbs_need_their_reason() -> None:
    text = "Local leaders slammed the contractor for delaying the bridge repairs."
    assert _confident(text) == [("the contractor for delaying the bridge repairs", "Local leaders")]
    text = "The senator accused the agency of hiding the test results."
    assert _confident(text) == [("the agency of hiding the test results", "senator")]
    # no reason: a stance, not reported content
    assert _confident("Local leaders praised the new bridge.") == []


def test_x_as_y_verbs() -> None:
    text = "Pediatricians cited poor sleep and long screen hours as the main causes."
    assert _confident(text) == [
        ("poor sleep and long screen hours as the main causes", "Pediatricians")
    ]
    # a pronoun object: only the description is the content
    text = "The coach dismissed it as a minor setback for the club."
    assert _confident(text) == [("a minor setback for the club", "coach")]


def test_called_x_a_y() -> None:
    text = "Some residents called the new parking rules a tax on the poor."
    assert _confident(text) == [("the new parking rules a tax on the poor", "residents")]


def test_concern_raised_about_something() -> None:
    text = "Parents raised concerns about the safety of the old gym."
    assert _confident(text) == [("the safety of the old gym", "Parents")]


def test_possessed_noun_phrase_object() -> None:
    text = "The spokesman reiterated Norway’s commitment to the fishing accord."
    assert _confident(text) == [("Norway’s commitment to the fishing accord", "spokesman")]


def test_noun_cue_with_a_source_and_a_that_clause() -> None:
    text = "Markets fell after a warning by the central bank that inflation would rise again."
    assert _confident(text) == [("inflation would rise again", "central bank")]


def test_noun_that_relative_clause_is_no_content() -> None:
    # "that" is the relative's subject or object here, not a content clause
    assert _confident("Markets ignored the statement from the bank that came on Friday.") == []
    text = "Reporters read a statement by the mayor that the council issued on Monday."
    assert _confident(text) == []


def test_made_it_clear_that() -> None:
    text = "The coach made it clear that no player would be sold this summer."
    assert _confident(text) == [("no player would be sold this summer", "coach")]


def test_outlet_reports_at_the_sentence_end() -> None:
    text = "The two carmakers will merge their truck units next week, Bloomberg reports."
    quotes = extract_quotes(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The two carmakers will merge their truck units next week", "Bloomberg")
    ]


def test_new_lexicon_verbs_take_that_clauses() -> None:
    text = "The landlord notified the tenants that the rent would double."
    assert _confident(text) == [("the rent would double", "landlord")]
    text = "The contract stipulated that the buyer must pay within thirty days."
    assert _confident(text) == [("the buyer must pay within thirty days", "contract")]


def test_mental_worry_is_no_speech() -> None:
    assert _confident("The villagers worry the dam will fail in a big flood.") == []


def test_referred_to_x_without_as_is_no_quote() -> None:
    text = "He said the plan was sound, referring to the new harbour in the east."
    assert [t for t, _ in _confident(text)] == ["the plan was sound"]


def test_judgement_with_a_quoted_fragment_is_mixed() -> None:
    text = (
        "Mayor Tom Reyes spoke on Monday. He attacked the council for turning the city into a "
        "“parking lot” of the region."
    )
    quotes = [q for q in extract_quotes(text) if q.confidence >= CONFIDENT]
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        (
            "the council for turning the city into a “parking lot” of the region",
            QuoteKind.MIXED,
            "Tom Reyes",
        )
    ]


def test_new_shapes_need_a_source() -> None:
    # "threaten" with an inanimate relative subject: no speaker, so no quote
    text = "Deep disagreements remain that threaten to derail the fragile accord."
    assert _confident(text) == []


def test_stance_verbs_without_a_reason_carry_no_content() -> None:
    assert _confident("The governor condemned the looting of several downtown shops.") == []
    text = "The governor condemned the council for closing several downtown shelters."
    assert _confident(text) == [("the council for closing several downtown shelters", "governor")]


def test_judgement_with_a_day_between_the_object_and_the_reason() -> None:
    text = "The defence ministry accused Manila on Tuesday of staging a dangerous provocation."
    assert _confident(text) == [
        ("Manila on Tuesday of staging a dangerous provocation", "defence ministry")
    ]


def test_warned_of_reports_the_danger_whatever_word_opens_it() -> None:
    text = (
        "Port officials warned of likely Brazilian countermeasures or a long dispute over quotas."
    )
    assert _confident(text) == [
        ("likely Brazilian countermeasures or a long dispute over quotas", "Port officials")
    ]


def test_was_unequivocal_that_reports_like_was_adamant_that() -> None:
    text = "On fishing rights, Mayor Ostrander was unequivocal that the two ports “are rivals”."
    assert _confident(text) == [("the two ports “are rivals”", "Ostrander")]  # the title a role
    # "It was clear that …" has no speaker: no quote
    assert _confident("It was clear that the two ports were rivals.") == []


def test_lashed_out_at_with_its_reason_is_a_judgement() -> None:
    text = 'The harbour board lashed out at the ferry firms for causing "needless chaos" downtown.'
    quotes = extract_quotes(text)
    assert [(q.kind.value, q.speaker, q.text) for q in quotes] == [
        ("mixed", "harbour board", 'the ferry firms for causing "needless chaos" downtown')
    ]


def test_pointed_out_at_a_meeting_is_still_pointed_out() -> None:
    text = "The envoy pointed out at the meeting that the quotas had expired."
    assert _confident(text) == [("the quotas had expired", "envoy")]


def test_a_judging_verb_with_an_object_and_a_quoted_description_is_one_mixed_quote() -> None:
    # RULES.md round eight: the object is content; a pronoun object is not
    text = 'The union slammed the new quotas as "a betrayal of the coast," in a statement.'
    quotes = extract_quotes(text)
    assert [(q.kind.value, q.text) for q in quotes] == [
        ("mixed", 'the new quotas as "a betrayal of the coast,"')
    ]
    text = "The union described such quotas as “a betrayal.”"
    assert [(q.kind.value, q.text) for q in extract_quotes(text)] == [("direct", "a betrayal.")]


def test_speaking_on_a_programme_gives_its_broadcaster() -> None:
    text = "Speaking on NHK's Sunday Debate, the minister said the quotas would stay."
    quote = extract_quotes(text)[0]
    assert (quote.speaker, quote.outlet) == ("minister", "NHK")
