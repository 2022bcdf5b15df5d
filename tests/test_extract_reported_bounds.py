"""Reported clauses bounded by a fronted adverbial, adjectival cue forms, passive inner cues."""

from __future__ import annotations

from annotator.extract import extract_quotes


def _indirect(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract_quotes(text) if q.kind.value != "direct"]


def test_clause_in_fronted_while_clause_ends_at_main_clause() -> None:
    text = (
        "While conceding that the harvest may be late this year, Moreau added that grain "
        "stocks would last until spring."
    )
    spans = [span for _, span in _indirect(text)]
    assert "the harvest may be late this year" in spans
    assert "grain stocks would last until spring" in spans


def test_clause_in_fronted_after_clause_ends_at_main_clause() -> None:
    text = (
        "After the Agriculture Ministry said the dam will not be rebuilt, the farmers' union "
        "responded that it would sue."
    )
    found = _indirect(text)
    assert ("Agriculture Ministry", "the dam will not be rebuilt") in found
    assert any(span == "it would sue" for _, span in found)


def test_fronted_clause_keeps_a_list_with_commas() -> None:
    text = (
        "After the ministry said that Lagos, Accra and Dakar would share the costs, the union "
        "called a strike."
    )
    assert _indirect(text) == [("ministry", "Lagos, Accra and Dakar would share the costs")]


def test_time_phrase_without_comma_is_no_fronted_clause() -> None:
    text = "After the meeting the minister said that Lagos, Accra and Dakar would share the costs."
    assert [span for _, span in _indirect(text)] == ["Lagos, Accra and Dakar would share the costs"]


def test_participle_before_its_noun_is_no_cue() -> None:
    text = (
        "The union has not seen the mayor's reported plan that bus fares would double, "
        "spokesman Tom Reyes told a news conference."
    )
    found = _indirect(text)
    assert found == [
        (
            "Tom Reyes",
            "The union has not seen the mayor's reported plan that bus fares would double",
        )
    ]


def test_passive_cue_inside_a_clause_is_no_new_report() -> None:
    text = "The Finance Ministry said it had not been confirmed that the bank had sold its bonds."
    assert _indirect(text) == [
        ("Finance Ministry", "it had not been confirmed that the bank had sold its bonds")
    ]
    text = (
        "The airline confirmed in a statement to Tribune that the company was informed by the "
        "regulator that its licence had been suspended."
    )
    assert _indirect(text) == [
        (
            "airline",
            "the company was informed by the regulator that its licence had been suspended",
        )
    ]


def test_clause_ending_in_quotation_stops_before_sentence_final_outlet_cue() -> None:
    text = 'Ruiz said the lira has withstood "every storm so far," Reuters reported.'
    found = [(q.speaker, q.outlet, q.text) for q in extract_quotes(text)]
    assert found == [("Ruiz", "Reuters", 'the lira has withstood "every storm so far,"')]


def test_as_clause_naming_another_source_ends_the_clause() -> None:
    text = (
        "Lagos has maintained that the dispute should be settled in court as the World Bank "
        "has said the loan terms are fair."
    )
    assert _indirect(text) == [
        ("Lagos", "the dispute should be settled in court"),
        ("World Bank", "the loan terms are fair"),
    ]


def test_as_soon_as_is_no_source_clause() -> None:
    text = (
        "Lagos said that the dispute should be settled as soon as the court has said it is ready."
    )
    assert _indirect(text) == [
        ("Lagos", "the dispute should be settled as soon as the court has said it is ready")
    ]


def test_sentence_final_cue_with_a_long_subject_takes_the_sentence() -> None:
    text = (
        "The border is now under the watch of police brought in from the capital, a source in "
        "the port city of Mombasa in Coast province told the Tribune on Wednesday."
    )
    spans = [span for _, span in _indirect(text)]
    assert spans == ["The border is now under the watch of police brought in from the capital"]


def test_sentence_final_cue_with_a_glossed_name_takes_the_sentence() -> None:
    text = (
        "The ministry has not received the plan and it keeps close contact with the city, "
        "Transport Department Director-General Ana Ruiz (AR) told a news conference."
    )
    assert _indirect(text) == [
        (
            "Ana Ruiz",
            "The ministry has not received the plan and it keeps close contact with the city",
        )
    ]


def test_long_clause_after_a_comma_is_no_subject_of_a_final_cue() -> None:
    text = (
        "Prices rose in May, and the central bank in the capital has not changed its view "
        "since then, Reyes said."
    )
    assert _indirect(text) == [
        (
            "Reyes",
            "Prices rose in May, and the central bank in the capital has not changed its view "
            "since then",
        )
    ]


def test_cue_inserted_after_a_leading_connective_reports_what_follows() -> None:
    text = (
        "Minister Ana Ruiz visited the port. As a result, she said, fewer farmers are willing "
        "to sell their grain on credit."
    )
    assert _indirect(text) == [
        ("Ana Ruiz", "fewer farmers are willing to sell their grain on credit")
    ]


def test_relative_that_after_a_noun_opens_no_reported_clause() -> None:
    text = (
        "It was unclear if the ferries referred to earlier trips announced by the city that "
        "were to start in May."
    )
    assert _indirect(text) == []


def test_infinitive_cue_takes_no_content_before_it() -> None:
    text = "In response to the strike, the city is determined to say what it has to say."
    assert _indirect(text) == []


def test_judgement_with_reason_framed_by_an_outlet_is_the_judges_words() -> None:
    text = (
        "On Monday, the rebels blamed a government offensive in the north for the collapse of "
        "the truce, state media NTV said."
    )
    found = [(q.speaker, q.text) for q in extract_quotes(text)]
    assert found == [
        ("rebels", "a government offensive in the north for the collapse of the truce")
    ]
    assert extract_quotes(text)[0].outlet is not None


def test_writers_time_clause_about_the_speaker_ends_the_clause() -> None:
    text = (
        "The worker said the islands belonged to Kenya after he read a story about the dispute "
        "on the radio."
    )
    assert _indirect(text) == [("worker", "the islands belonged to Kenya")]
    text = "Ruiz voiced hope that talks could resume after her earlier warnings of a strike."
    assert _indirect(text) == [("Ruiz", "talks could resume")]


def test_time_clause_in_the_future_of_the_past_stays_in_the_clause() -> None:
    text = "Reyes said he would resign after he finished the budget."
    assert _indirect(text) == [("Reyes", "he would resign after he finished the budget")]


def test_as_phrase_before_a_cue_noun_is_no_source_clause() -> None:
    text = (
        'The government on Monday said it was "regrettable" that a staffer described the '
        "islands in the bay as Kenyan territory in remarks on the radio, and urged the "
        "broadcaster to apologise."
    )
    found = [(q.speaker, q.text) for q in extract_quotes(text)]
    assert (
        "government",
        'it was "regrettable" that a staffer described the islands in the bay as Kenyan '
        "territory in remarks on the radio",
    ) in found
    assert ("government", "the broadcaster to apologise") in found


def test_abbreviations_between_a_cue_and_its_that() -> None:
    text = (
        "Acme notified the U.S. drug regulator that one of its drugs had been found in a shipment."
    )
    assert [span for _, span in _indirect(text)] == [
        "one of its drugs had been found in a shipment"
    ]
    text = "Mr. Ruiz warned Mr. Reyes that the strike threatened the harvest."
    assert _indirect(text) == [("Ruiz", "the strike threatened the harvest")]


def test_outlet_framing_a_judgement_is_the_name_its_description_ends_in() -> None:
    text = (
        "On Monday, the rebels blamed a government offensive in the north for the collapse of "
        "the truce, state media Xinhua said."
    )
    quote = extract_quotes(text)[0]
    assert (quote.speaker, quote.outlet) == ("rebels", "Xinhua")


def test_parenthesis_spelling_out_a_name_stays_in_the_clause() -> None:
    text = (
        "Kenya said the regulator would inspect the EPZ (Export Processing Zones Authority "
        "Head Office) before the vote."
    )
    assert _indirect(text) == [
        (
            "Kenya",
            "the regulator would inspect the EPZ (Export Processing Zones Authority Head Office) "
            "before the vote",
        )
    ]


def test_parenthesis_that_is_an_aside_still_ends_the_clause() -> None:
    text = 'Kenya said the port would reopen (or, more precisely, "partly reopen") next week.'
    assert _indirect(text)[0] == ("Kenya", "the port would reopen")


def test_judgement_of_a_possessed_noun_without_reason_is_no_content() -> None:
    text = (
        "Foreign Minister Ana Ruiz sharply criticized Uganda’s move to deploy a radar system, "
        "saying it harms their trust."
    )
    assert _indirect(text) == [("Ana Ruiz", "it harms their trust")]
    text = "Ana Ruiz criticized Uganda for deploying a radar system near the border."
    assert [span for _, span in _indirect(text)] == [
        "Uganda for deploying a radar system near the border"
    ]


def test_participle_with_its_agent_is_no_coordinated_cue() -> None:
    text = (
        "Nairobi is calling for Kampala's compromise over the islands, a group of rocks "
        "administered by Kenya but claimed by Uganda and Tanzania, and over the fishing rights."
    )
    assert _indirect(text) == [
        (
            "Nairobi",
            "Kampala's compromise over the islands, a group of rocks administered by Kenya but "
            "claimed by Uganda and Tanzania, and over the fishing rights",
        )
    ]


def test_writers_time_phrase_after_a_comma_ends_the_clause() -> None:
    text = (
        "The union is blaming the central bank for rising prices, a day after the governor "
        "promised relief."
    )
    assert [span for _, span in _indirect(text)] == ["the central bank for rising prices"]
    text = "Reyes said the talks had stalled, hours after the strike began."
    assert _indirect(text) == [("Reyes", "the talks had stalled")]


def test_while_with_a_gerund_of_no_cue_continues_the_reported_clause() -> None:
    text = (
        "Despite the setback, Moreau said the government would keep pressing Brussels for an "
        "exemption, while encouraging exporters to seek their own."
    )
    assert (
        "Moreau",
        "the government would keep pressing Brussels for an exemption, while encouraging "
        "exporters to seek their own",
    ) in _indirect(text)


def test_while_with_a_cue_or_a_new_subject_ends_the_reported_clause() -> None:
    urging = "Moreau said the government would keep pressing Brussels, while urging firms to wait."
    assert ("Moreau", "the government would keep pressing Brussels") in _indirect(urging)
    contrast = (
        "Moreau said the government would keep pressing Brussels, while the union wants a deal."
    )
    assert ("Moreau", "the government would keep pressing Brussels") in _indirect(contrast)


def test_told_an_audience_at_a_council_on_something_keeps_the_that_clause() -> None:
    text = (
        "On Oct. 30, Moreau reportedly told an audience at the Council on Foreign Relations that "
        "the harbour would reopen in spring."
    )
    assert ("Moreau", "the harbour would reopen in spring") in _indirect(text)


def test_this_week_after_the_cue_is_no_reported_clause() -> None:
    text = '"There is no sincerity," Moreau said this week, speaking in his office in Lyon.'
    assert _indirect(text) == []


def test_and_a_new_subject_with_its_cue_ends_the_reported_clause() -> None:
    text = (
        "The coast guard said its ships patrolled the waters off the islands on Monday, and "
        "experts said more routine patrols can be expected."
    )
    spans = _indirect(text)
    assert (
        "coast guard",
        "its ships patrolled the waters off the islands on Monday",
    ) in spans
    assert ("experts", "more routine patrols can be expected") in spans


def test_warned_by_saying_gives_the_clause_to_the_saying() -> None:
    text = (
        "And the fleet commander also warned Brussels by saying he can order the boats out "
        "at any time."
    )
    spans = [span for _, span in _indirect(text)]
    assert spans == ["he can order the boats out at any time"]


def test_a_subject_with_a_date_before_an_inverted_looking_cue_is_no_content() -> None:
    text = (
        "Then-leader Ivo Berg on Sept. 17, 2002, admitted and apologized for 13 abductions "
        "during the first summit."
    )
    assert not any(span.startswith("Then-leader") for _, span in _indirect(text))


def test_a_noun_cue_in_the_object_of_a_verb_cue_is_part_of_the_content() -> None:
    # "remarks" after a possessive is a noun: the one who made them is talked about, not quoted
    text = "The spokeswoman, Mei Lan, called Senator Okafor's remarks “a reckless provocation”."
    quotes = extract_quotes(text)
    assert [(q.kind.value, q.speaker, q.text) for q in quotes] == [
        ("mixed", "Mei Lan", "Senator Okafor's remarks “a reckless provocation”")
    ]


def test_a_noun_cue_with_a_determiner_after_described_is_no_cue() -> None:
    text = "The ministry described the envoy’s comments as “deeply irresponsible” on Friday."
    quote = extract_quotes(text)[0]
    assert quote.speaker == "ministry"
    assert quote.text.startswith("the envoy’s comments as “deeply irresponsible”")


def test_an_adverb_between_an_object_verb_and_its_content() -> None:
    text = "The governor stressed again the importance of dredging the river before the rains."
    assert _indirect(text) == [
        ("governor", "the importance of dredging the river before the rains")
    ]


def test_a_participle_with_content_of_its_own_ends_the_clause_before_it() -> None:
    text = (
        "Moreau called for higher dikes, emphasizing in particular the importance of the "
        "pumping stations for the delta."
    )
    assert _indirect(text) == [
        ("Moreau", "higher dikes"),
        ("Moreau", "the importance of the pumping stations for the delta"),
    ]
    # a participle with a bare object adds no content: the clause goes on
    text = "The mayors agreed to share the costs, reiterating their joint efforts."
    assert all("reiterating" not in span for _, span in _indirect(text))


def test_a_speech_reported_through_an_outlet_is_the_speakers_quote() -> None:
    # RULES: the outlet that reports someone else's words is the outlet, not the speaker
    text = "Ana Ruiz said the strike was over, according to the Havana Times."
    quotes = extract_quotes(text)
    assert [(q.speaker, q.outlet, q.text) for q in quotes] == [
        ("Ana Ruiz", "Havana Times", "the strike was over")
    ]
    text = "Ana Ruiz dismissed the idea of a new strike, according to the Havana Times."
    quotes = extract_quotes(text)
    assert [(q.speaker, q.outlet, q.text) for q in quotes] == [
        ("Ana Ruiz", "Havana Times", "a new strike")
    ]


def test_an_act_reported_by_a_source_stays_the_sources_quote() -> None:
    # an act, not words ("proposed"), or a source that is no outlet: the outer report
    text = "The union has proposed a new round of talks, according to the Havana Times."
    assert [q.speaker for q in extract_quotes(text)] == ["Havana Times"]
    text = "Ruiz stressed the need for calm, according to the labour ministry."
    assert [q.speaker for q in extract_quotes(text)] == ["labour ministry"]


def test_a_participle_inserted_after_the_subject_leaves_it_the_speaker() -> None:
    for participle in ("commenting on the flood", "referring to the levees"):
        text = f"The harbour master, {participle}, said that the docks would reopen on Friday."
        assert _indirect(text) == [("harbour master", "the docks would reopen on Friday")]
    text = "Mayor Kos, commenting on the flood, told reporters the docks would reopen."
    assert _indirect(text) == [("Kos", "the docks would reopen")]


def test_a_bare_clause_whose_subject_has_coordinated_owners() -> None:
    text = "The minister said Seoul and Tokyo’s ties had improved."
    assert _indirect(text) == [("minister", "Seoul and Tokyo’s ties had improved")]
    # a quoted modifier in the possessive subject: one mixed quote over the clause
    text = 'The council said Lisbon\'s "so-called" fishing accord was a trap.'
    assert _indirect(text) == [("council", 'Lisbon\'s "so-called" fishing accord was a trap')]


def test_told_lawmakers_on_a_committee_is_an_addressee_not_content() -> None:
    text = (
        "Ostrander told lawmakers on the Senate Fisheries Committee South Harbor would need "
        "new dikes by spring."
    )
    assert _indirect(text) == [("Ostrander", "South Harbor would need new dikes by spring")]


def test_a_gerund_after_a_cue_is_its_content_not_a_tail() -> None:
    text = (
        "In response to further questions from the press, a port official reported being "
        "unaware of the details."
    )
    assert _indirect(text) == [("port official", "being unaware of the details")]
    text = "The harbour master denied having met the ferry owners in Porto."
    assert _indirect(text) == [("harbour master", "having met the ferry owners in Porto")]


def test_calls_repeated_by_a_subject_are_that_subjects() -> None:
    text = "The harbour master repeated calls for restraint on both quays."
    assert _indirect(text) == [("harbour master", "restraint on both quays")]


def test_the_occasion_after_a_reported_phrase_is_the_writers() -> None:
    text = "Moreau called for calm on the docks as she marked one year in office."
    assert _indirect(text) == [("Moreau", "calm on the docks")]


def test_according_to_a_source_with_a_role_appositive() -> None:
    text = "According to Ines Moreau, a fisheries expert at Ifremer, the quotas will be cut."
    assert _indirect(text) == [("Ines Moreau", "the quotas will be cut")]
    # an apposition inside the content is content
    text = "According to Moreau, the quotas, the lowest in years, will be cut."
    assert _indirect(text) == [("Moreau", "the quotas, the lowest in years, will be cut")]


def test_a_fronted_participle_is_spoken_by_the_main_clauses_subject() -> None:
    text = "While admitting that the dikes were old, Moreau added that they would hold."
    assert _indirect(text) == [
        ("Moreau", "the dikes were old"),
        ("Moreau", "they would hold"),
    ]
    # an irregular past opens the main clause too: the participle's clause ends before it
    text = "After saying the ferries had stopped, Moreau left the harbour office."
    assert _indirect(text) == [("Moreau", "the ferries had stopped")]


def test_as_tensions_rise_after_a_reported_clause_is_the_writers_background() -> None:
    text = "Two analysts argue that Lisbon should hold its line on quotas as tensions simmer over the fleet."
    assert _indirect(text) == [("analysts", "Lisbon should hold its line on quotas")]
    # in the speaker's own forecast it stays: "ties would grow as tensions ease"
    text = "The envoy said trade would recover as ties deepened."
    assert _indirect(text) == [("envoy", "trade would recover as ties deepened")]


def test_a_plural_subject_after_that_is_no_relative_pronoun() -> None:
    text = "The coast guard said in a statement that patrols had found the ferry."
    assert _indirect(text) == [("coast guard", "patrols had found the ferry")]
    text = "The firm said in a filing with the Lisbon Stock Exchange that sales in Porto fell."
    assert _indirect(text) == [("firm", "sales in Porto fell")]


def test_days_after_a_report_the_fronted_clause_ends_at_the_main_clause() -> None:
    text = (
        'LISBON, May 2 (Lusa) -- Days after Rabat reiterated that it would respect the "fishing '
        'accord," the Portuguese minister left for Morocco.'
    )
    assert _indirect(text) == [("Rabat", 'it would respect the "fishing accord,"')]


def test_a_quoted_word_opening_a_reported_noun_phrase_is_one_mixed_quote() -> None:
    text = 'The ministry warned of "severe" penalties for ships that enter the bay.'
    quotes = extract_quotes(text)
    assert [(q.kind.value, q.speaker, q.text) for q in quotes] == [
        ("mixed", "ministry", '"severe" penalties for ships that enter the bay')
    ]
    # the whole object quoted: the quotation alone
    text = 'The ministry warned of "severe penalties."'
    assert [q.kind.value for q in extract_quotes(text)] == ["direct"]
    text = 'The mayor called for "bold" steps to reopen the harbour.'
    assert [(q.kind.value, q.text) for q in extract_quotes(text)] == [
        ("mixed", '"bold" steps to reopen the harbour')
    ]
