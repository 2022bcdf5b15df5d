"""Indirect and mixed quotes: that-clauses, bare clauses, according to, noun-phrase content,
coordinated cues, nested attribution."""

from __future__ import annotations

from extract_support import quote_holding

from annotator.extract import extract_quotes
from annotator.extract.outlets import canonical_outlet
from annotator.models import QuoteKind


def test_that_clause() -> None:
    text = "Finance Minister Raj Patel also stressed that inflation will fall below three percent."
    quote = extract_quotes(text)[0]
    assert quote.kind is QuoteKind.INDIRECT
    assert quote.text == "inflation will fall below three percent"
    assert quote.speaker == "Raj Patel"
    assert quote.cue == "stressed"


def test_told_reporters_that() -> None:
    text = "The coach told reporters that the team had trained harder than ever before."
    quote = extract_quotes(text)[0]
    assert quote.text == "the team had trained harder than ever before"
    assert quote.cue == "told reporters"


def test_bare_clause_after_say_and_believe() -> None:
    quotes = extract_quotes("Analysts believe the merger will cut hundreds of jobs.")
    assert quotes[0].text == "the merger will cut hundreds of jobs"
    assert quotes[0].speaker == "Analysts"
    assert quotes[0].kind is QuoteKind.INDIRECT


def test_according_to_at_start_and_end() -> None:
    start = extract_quotes("According to Dr. Chen Wei, the vaccine trial will end in May.")[0]
    assert start.text == "the vaccine trial will end in May"
    assert start.speaker == "Chen Wei"
    end = extract_quotes("The vaccine trial will end in May, according to Chen Wei.")[0]
    assert end.text == "The vaccine trial will end in May"
    assert end.speaker == "Chen Wei"


def test_noun_phrase_content() -> None:
    text = "Sara Lind emphasized the importance of stable funding for rural schools."
    quote = extract_quotes(text)[0]
    assert quote.text == "the importance of stable funding for rural schools"
    assert quote.kind is QuoteKind.INDIRECT


def test_coordinated_cues_share_the_speaker() -> None:
    text = (
        "Governor Ellen Park said that the dam is safe and noted that repairs will begin in spring."
    )
    quotes = extract_quotes(text)
    assert [quote.text for quote in quotes] == [
        "the dam is safe",
        "repairs will begin in spring",
    ]
    assert [quote.speaker for quote in quotes] == ["Ellen Park", "Ellen Park"]


def test_mixed_quote_keeps_the_fragment_inside() -> None:
    text = "Paul Okafor argued that the league needs “a complete reset” before the new season."
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].kind is QuoteKind.MIXED
    assert quotes[0].text == "the league needs “a complete reset” before the new season"


def test_clause_that_is_one_quotation_is_direct() -> None:
    text = "Paul Okafor argued that “the league needs a complete reset.”"
    quote = extract_quotes(text)[0]
    assert quote.kind is QuoteKind.DIRECT
    assert quote.text == "the league needs a complete reset."


def test_impersonal_passive_has_no_speaker() -> None:
    quote = extract_quotes("It is claimed that the letter was never sent to the embassy.")[0]
    assert quote.text == "the letter was never sent to the embassy"
    assert quote.speaker is None


def test_possessive_noun_cue() -> None:
    text = "Critics recalled Lopez’s claims that the election had been stolen from her party."
    quote = extract_quotes(text)[0]
    assert quote.text == "the election had been stolen from her party"
    assert quote.speaker == "Lopez"


def test_subordinate_clause_ends_at_its_comma() -> None:
    text = "While Berlin says it wants closer ties with Paris, the evidence points elsewhere."
    quote = extract_quotes(text)[0]
    assert quote.text == "it wants closer ties with Paris"
    assert quote.speaker == "Berlin"


def test_found_is_a_cue_only_with_that() -> None:
    assert extract_quotes("The police found the car near the river yesterday evening.") == []
    quote = extract_quotes("An audit found that the hospital had overbilled patients.")[0]
    assert quote.text == "the hospital had overbilled patients"
    assert quote.speaker == "audit"


def test_trailing_discourse_adverb_is_not_content() -> None:
    quote = extract_quotes("Officials say the figure is misleading, however.")[0]
    assert quote.text == "the figure is misleading"


def test_a_cue_inserted_after_a_verbless_subject() -> None:
    text = (
        "The new tariffs, the trade minister said on Monday, would hurt farmers more than anyone."
    )
    quote = quote_holding(text, "hurt farmers")
    assert quote.kind == "indirect"
    assert quote.speaker == "trade minister"
    assert quote.text.startswith("The new tariffs")


def test_an_inserted_as_clause_agrees_and_reports_nothing() -> None:
    text = "The ruling party, as critics point out, is losing support among young voters."
    assert not [quote for quote in extract_quotes(text) if "losing support" in quote.text]


def test_a_described_possessor_of_a_noun_cue_is_the_speaker() -> None:
    text = "Farmers ridiculed the minister's claim that grain prices had stabilised."
    quote = quote_holding(text, "grain prices")
    assert quote.speaker == "minister"
    assert quote.text == "grain prices had stabilised"


def test_a_noun_cue_subject_ends_its_clause_before_the_main_verb() -> None:
    text = "The company's statement that no customer data was lost was later withdrawn."
    quote = quote_holding(text, "customer data")
    assert quote.speaker == "company"
    assert quote.text == "no customer data was lost"


def test_spoke_of_and_warned_of_report_their_object() -> None:
    text = (
        "The admiral spoke of a growing threat posed by submarines in the Baltic. "
        "The governor warned of a long and difficult winter for the region."
    )
    threat = quote_holding(text, "growing threat")
    assert (threat.speaker, threat.text) == (
        "admiral",
        "a growing threat posed by submarines in the Baltic",
    )
    winter = quote_holding(text, "difficult winter")
    assert winter.speaker == "governor"


def test_speaking_of_a_topic_is_no_cue() -> None:
    text = "Speaking of the harvest, the minister said prices would fall."
    quotes = extract_quotes(text)
    assert [quote.text for quote in quotes] == ["prices would fall"]


def test_a_so_called_term_inside_reported_speech_keeps_the_report() -> None:
    text = "The ministry said the so-called “peace plan” was a trap for the smaller states."
    quote = quote_holding(text, "was a trap")
    assert quote.speaker == "ministry"
    assert quote.text == "the so-called “peace plan” was a trap for the smaller states"


def test_a_document_that_reads_is_a_cue_and_speaks_for_its_issuer() -> None:
    text = (
        "The harbour authority issued a statement on Friday. “The locks will stay shut until "
        "spring,” the statement read."
    )
    quote = quote_holding(text, "The locks will stay shut")
    assert quote.kind is QuoteKind.DIRECT
    assert quote.speaker == "harbour authority"


def test_a_document_reads_inverted_after_a_reported_sentence() -> None:
    text = "Patrol boats had entered “the closed zone” at dawn, read a notice from the navy."
    quote = quote_holding(text, "Patrol boats had entered")
    assert quote.kind is QuoteKind.MIXED
    assert quote.speaker == "navy"


def test_it_read_after_a_quotation_is_the_issuer_of_the_notice() -> None:
    text = "The ferry company posted a notice. “All crossings are cancelled,” it read."
    assert quote_holding(text, "All crossings are cancelled").speaker == "ferry company"


def test_a_person_who_reads_is_no_cue() -> None:
    text = "The mayor read the report on Monday and called it thorough."
    assert not [quote for quote in extract_quotes(text) if "report" in quote.text]


def test_a_short_open_lead_in_before_a_quotation_is_one_mixed_quote() -> None:
    text = "Northern trawlers had “crossed the line without any permission,” the coast guard said."
    quote = quote_holding(text, "Northern trawlers had")
    assert quote.kind is QuoteKind.MIXED
    assert quote.speaker == "coast guard"


def test_a_noun_with_an_infinitive_before_a_quotation_is_part_of_the_content() -> None:
    text = (
        "The coast guard condemned Norland’s attempts to “intimidate the fishermen and stir up "
        "trouble in the bay.”"
    )
    quote = quote_holding(text, "Norland’s attempts to")
    assert quote.kind is QuoteKind.MIXED
    assert quote.speaker == "coast guard"


def test_an_addressee_before_an_infinitive_quotation_makes_one_mixed_quote() -> None:
    # the addressee is content (RULES.md, round eight): "urged X to “…”" is mixed
    text = "The envoy urged Norland to “act with restraint in the bay.”"
    quote = quote_holding(text, "act with restraint")
    assert quote.kind is QuoteKind.MIXED
    assert quote.text == "Norland to “act with restraint in the bay.”"


def test_a_statement_carried_by_an_outlet_is_a_venue_not_content() -> None:
    text = (
        "Ilse Brandt said in a statement carried by the official Norland Press Agency that "
        "the harbour would “pay dearly” for the delay."
    )
    quote = quote_holding(text, "pay dearly")
    assert quote.text.startswith("the harbour would")
    assert quote.speaker == "Ilse Brandt"
    assert quote.outlet == canonical_outlet("Norland Press Agency")


def test_remarks_after_in_are_a_noun_and_the_broadcaster_is_the_outlet() -> None:
    text = (
        "Premier Otto Varga said in remarks broadcast by public network NHK that the locks "
        "would reopen in spring."
    )
    quote = quote_holding(text, "the locks would reopen")
    assert quote.speaker == "Otto Varga"
    assert quote.outlet == "NHK"


def test_a_time_clause_after_a_released_commentary_is_no_content() -> None:
    text = (
        "The harbour deal is a step forward, the official Norland Press Agency said in a "
        "commentary released Saturday while the talks were still going on."
    )
    assert not [q for q in extract_quotes(text) if q.text.startswith("while the talks")]


def test_the_occasion_between_cue_and_that_is_skipped() -> None:
    text = (
        "Harbour ministry spokesperson Lena Vogt said at a regular press briefing in Oslo on "
        "Monday that the so-called freedom of fishing was a pretext."
    )
    quote = quote_holding(text, "freedom of fishing")
    assert quote.text == "the so-called freedom of fishing was a pretext"
    assert quote.speaker == "Lena Vogt"


def test_a_citing_insertion_before_that_keeps_the_report() -> None:
    text = "The Norland Herald reported, citing harbour officials, that the locks would reopen."
    quote = quote_holding(text, "the locks would reopen")
    assert quote.text == "the locks would reopen"
    assert quote.outlet == "Norland Herald"


def test_an_inserted_phrase_before_the_cue_keeps_the_clause_after_it() -> None:
    text = (
        "Premier Otto Varga met Mayor Ilse Brandt in Oslo. Brandt, for her part, said Oslo "
        "welcomed the new locks."
    )
    quote = quote_holding(text, "welcomed the new locks")
    assert quote.text == "Oslo welcomed the new locks"
    assert quote.speaker == "Ilse Brandt"


def test_a_name_whose_verb_opens_the_quotation_is_one_mixed_quote() -> None:
    text = "The harbour office said Norland “firmly opposes” any sale of the locks."
    quote = quote_holding(text, "firmly opposes")
    assert quote.kind is QuoteKind.MIXED
    assert quote.text.startswith("Norland")
    assert quote.speaker == "harbour office"


def test_a_name_told_before_a_quotation_is_the_addressee() -> None:
    text = "Premier Otto Varga told Reuters “we will open the locks in spring.”"
    quote = quote_holding(text, "we will open the locks")
    assert quote.kind is QuoteKind.DIRECT
    assert quote.outlet == "Reuters"


def test_a_name_with_an_appositive_opening_the_sentence_is_the_subject_of_the_cue() -> None:
    text = (
        "Others disagree. Ilse Brandt, a fellow at the Harbour Institute, contends the new "
        "locks point to a coming blockade."
    )
    quote = quote_holding(text, "the new locks point")
    assert quote.text == "the new locks point to a coming blockade"
    assert quote.speaker == "Ilse Brandt"


def test_the_occasion_after_an_addressee_is_skipped_to_the_that_clause() -> None:
    text = "Premier Otto Varga told the BBC in an interview on Friday that he trusted the mayor."
    quote = quote_holding(text, "he trusted the mayor")
    assert quote.text == "he trusted the mayor"
    assert quote.outlet == "BBC"


def test_a_description_with_a_relative_clause_opening_the_sentence_is_the_subject() -> None:
    text = "The company, which makes locks for harbours, said demand remained strong."
    quote = quote_holding(text, "demand remained strong")
    assert quote.text == "demand remained strong"
    assert quote.speaker == "company"


def test_a_description_with_an_appositive_before_a_final_cue_is_the_speaker() -> None:
    text = "Demand for harbour locks remained strong, the company, a lock maker, said."
    quote = quote_holding(text, "Demand for harbour locks")
    assert quote.text == "Demand for harbour locks remained strong"
    assert quote.speaker == "company"


def test_a_fronted_as_clause_reports_the_main_clause() -> None:
    text = (
        "As Ilse Brandt of the Harbour Institute has noted, the relationship is now defined by "
        "competition over the locks."
    )
    quote = quote_holding(text, "the relationship is now defined")
    assert quote.speaker == "Ilse Brandt"
    assert quote.text.startswith("the relationship")
    assert not [q for q in extract_quotes("As expected, the harbour talks failed on Monday.")]


def test_told_a_possessed_news_agency_in_an_interview_that() -> None:
    text = (
        "The minister told Norland's Harbour Press news agency in an interview that the locks "
        "would reopen."
    )
    quote = quote_holding(text, "the locks would reopen")
    assert quote.text == "the locks would reopen"
    assert quote.speaker == "minister"


def test_the_writers_note_that_nothing_more_was_said_is_no_content() -> None:
    text = "Officials from both harbours said they had made “substantial progress,” but gave no details."
    assert quote_holding(text, "substantial progress").text.endswith("progress,”")
    text = "The harbour office said the locks would reopen soon but did not say when."
    assert quote_holding(text, "the locks would reopen").text == "the locks would reopen soon"


def test_a_comma_insertion_between_cue_and_that_is_skipped() -> None:
    text = "The harbour report claimed, without evidence, that the locks had been sabotaged."
    assert quote_holding(text, "the locks had been sabotaged").text == (
        "the locks had been sabotaged"
    )
    text = "Mayor Ilse Brandt said, in a rare admission, that the harbour policy had failed."
    quote = quote_holding(text, "the harbour policy had failed")
    assert quote.speaker == "Ilse Brandt"


def test_a_raising_passive_is_hearsay_about_the_subject_not_a_quote() -> None:
    text = "The new harbour lock is said to have a range of 1,000 km."
    assert not [quote for quote in extract_quotes(text) if "range" in quote.text]
    text = "It is said that the mayor ordered the new locks."
    assert quote_holding(text, "the mayor ordered").speaker is None


def test_an_indefinite_object_without_a_verb_is_no_bare_clause() -> None:
    assert not extract_quotes("The harbour minister wrote a book about the war of the locks.")
    text = "The harbour minister said a deal on the locks was close."
    assert quote_holding(text, "a deal on the locks").text == "a deal on the locks was close"


def test_the_gathering_told_is_no_content() -> None:
    text = "Mayor Ilse Brandt told a regular news briefing on Tuesday that the locks would reopen."
    quote = quote_holding(text, "the locks would reopen")
    assert quote.text == "the locks would reopen"
    assert quote.speaker == "Ilse Brandt"
    text = "The harbour master told an audience at the Norland Maritime Society that the fees would rise."
    assert quote_holding(text, "the fees would rise").text == "the fees would rise"
    text = 'Brandt told a parliamentary committee in Norhaven that the port "will not close."'
    assert quote_holding(text, "will not close").text == 'the port "will not close."'


def test_an_appeal_whose_infinitive_opens_a_quotation_is_one_mixed_quote() -> None:
    text = (
        'Mayor Brandt urged Norhaven to "stay independent" and not be swayed by outside '
        "forces, the harbour office said."
    )
    quote = quote_holding(text, "stay independent")
    assert quote.text == 'Norhaven to "stay independent" and not be swayed by outside forces'
    assert quote.kind == "mixed"
    assert quote.speaker == "Brandt"
    # the quotation runs to the end: still one mixed quote with its addressee ...
    quote = quote_holding('The mayor urged Norhaven to "stop the tolls."', "stop the tolls")
    assert (quote.kind, quote.text) == ("mixed", 'Norhaven to "stop the tolls."')
    # ... but with no addressee the whole content is the quotation: a direct quote
    quote = quote_holding('The mayor vowed to "stop the tolls."', "stop the tolls")
    assert (quote.kind, quote.text) == ("direct", "stop the tolls.")


def test_a_statement_carried_by_unnamed_state_media_is_no_content() -> None:
    text = (
        "Ilse Brandt said in a statement carried by Norlandian state media that the port was "
        "“a hostile harbour.”"
    )
    assert quote_holding(text, "hostile harbour").text == "the port was “a hostile harbour.”"


def test_a_wire_dateline_is_no_part_of_the_content() -> None:
    text = (
        "NORHAVEN, Dec. 19 (Harbour Wire) -- The port is strongly opposed to the new tolls, a "
        "harbour office spokesperson said on Tuesday."
    )
    quote = quote_holding(text, "strongly opposed")
    assert quote.text == "The port is strongly opposed to the new tolls"


def test_a_term_in_quotation_marks_leaves_a_framed_report_whole() -> None:
    # the inner cue ("urges") is the final speaker's words: a term inside is no quotation of
    # the inner subject's own
    text = (
        "The port urges Norland to halt the tolls and not support “Norhaven independence,” "
        "Brandt said."
    )
    quote = quote_holding(text, "Norhaven independence")
    assert quote.speaker == "Brandt"
    assert quote.text.startswith("The port urges Norland")


def test_a_name_opening_the_reported_clause_is_its_subject() -> None:
    text = "The harbour official said Xi first raised the toll issue during the meeting."
    quote = quote_holding(text, "raised the toll issue")
    assert quote.text == "Xi first raised the toll issue during the meeting"


def test_a_promise_after_a_closing_quotation_is_its_own_quote() -> None:
    text = "Ostia slammed the drills as a “rehearsal for invasion,” vowing to bolster its fleet."
    assert quote_holding(text, "rehearsal for invasion").text == (
        "the drills as a “rehearsal for invasion,”"
    )
    assert quote_holding(text, "bolster its fleet").text == "to bolster its fleet"


def test_a_passive_tell_is_no_sentence_final_cue() -> None:
    text = "According to the harbour source, officials were told to report any foreign ship."
    quote = quote_holding(text, "officials were told")
    assert quote.text == "officials were told to report any foreign ship"
    assert quote.speaker == "harbour source"


def test_the_gathering_told_then_a_bare_clause() -> None:
    text = "Premier Li Qiang told the forum China would open its market further."
    quote = quote_holding(text, "open its market")
    assert quote.text == "China would open its market further"
    assert quote.speaker == "Li Qiang"


def test_posted_on_a_platform_that_is_a_cue_but_posted_a_loss_is_not() -> None:
    text = "Mayor Brandt later posted on Harbourgram that she had “a great call” with Berg."
    quote = quote_holding(text, "a great call")
    assert (quote.kind, quote.speaker) == ("mixed", "Brandt")
    assert not extract_quotes("The harbour company posted a record loss in the quarter.")
    assert not extract_quotes("Norland has posted troops in Ostia since 1953.")


def test_a_bare_clause_with_an_irregular_past_or_a_number_opening_it() -> None:
    text = "The state-run Korean Central News Agency said Kim oversaw the launch."
    assert quote_holding(text, "oversaw").text == "Kim oversaw the launch"
    text = "Taiwan's Central News Agency quoted the port office as saying 20 ships had crossed."
    assert quote_holding(text, "20 ships").text == "20 ships had crossed"


def test_a_wire_dash_touching_the_first_word_is_no_part_of_the_content() -> None:
    text = (
        "HARBOURTON (Reuters) -Norland’s naval drills last week were about intimidation more "
        "than war, the island’s top security official said on Tuesday."
    )
    quote = quote_holding(text, "naval drills")
    assert quote.text.startswith("Norland’s naval drills")


def test_more_adverbial_after_the_lead_is_no_content() -> None:
    text = (
        "But Velmark also appeared to keep the scope of the exercises small, the bureau said "
        "in a written report to lawmakers, noting there was no closure of the air space."
    )
    first = quote_holding(text, "scope of the exercises")
    assert first.text == "But Velmark also appeared to keep the scope of the exercises small"
    noting = quote_holding(text, "no closure")
    assert noting.text == "there was no closure of the air space"
    assert noting.speaker == "bureau"


def test_a_month_and_a_place_lead_the_that_clause() -> None:
    cases = (
        "Velmark leader Ivo Berg said in a speech in late March that his country would seek "
        "calmer ties with its neighbours.",
        "Velmark leader Ivo Berg said in Harbourton last week that his country would seek "
        "calmer ties with its neighbours.",
    )
    for text in cases:
        quote = quote_holding(text, "calmer ties")
        assert quote.text == "his country would seek calmer ties with its neighbours", text
        assert quote.speaker == "Ivo Berg"


def test_a_modal_cue_inside_a_framed_sentence_is_no_speech() -> None:
    text = (
        "On Monday, the Harbour Gazette questioned the alliance.\n\nA Velmark-Norland bloc "
        "is forming in the north that could threaten peace in the region, the state-run paper "
        "warned."
    )
    quote = quote_holding(text, "threaten peace")
    assert quote.text == (
        "A Velmark-Norland bloc is forming in the north that could threaten peace in the region"
    )
    assert quote.speaker == "Harbour Gazette"


def test_a_dateline_dash_between_capitals_is_no_part_of_the_content() -> None:
    text = "HARBOURTON--Norland cut its fish exports by half in 2024, the customs office said."
    assert quote_holding(text, "fish exports").text.startswith("Norland cut")


def test_a_quotation_opening_a_clause_that_goes_on_after_a_possessive_name() -> None:
    text = "Lind has openly complained that “Velmark was behind” Norland’s hard line on the talks."
    quote = quote_holding(text, "Velmark was behind")
    assert quote.kind is QuoteKind.MIXED
    assert quote.text == "“Velmark was behind” Norland’s hard line on the talks"


def test_a_so_called_term_does_not_split_a_framed_sentence() -> None:
    text = (
        "The Norland fisheries chief Ada Lind and harbour master Ivo Berg this month told "
        "visiting Velmark (VFA) delegates that both coasts can share catches on the basis of "
        "the so-called “1998 accord” and joint patrols, it said."
    )
    quote = quote_holding(text, "share catches")
    assert quote.text.startswith("The Norland fisheries chief Ada Lind")


def test_a_new_subject_and_cue_with_a_clause_of_their_own_end_the_clause() -> None:
    text = (
        "Asked about a poll showing that voters believe that Velmark bears responsibility for "
        "the dispute, Lind said on Thursday that the treaty marks its 80th year."
    )
    believe = quote_holding(text, "bears responsibility")
    assert believe.text == "Velmark bears responsibility for the dispute"
    said = quote_holding(text, "80th year")
    assert said.text == "the treaty marks its 80th year"
    assert said.speaker == "Lind"


def test_quoted_as_saying_by_an_agent_that() -> None:
    text = (
        "A Norland palace official was quoted as saying by local media that related reports "
        "could not be confirmed and plans for the visit had not been finalised."
    )
    quote = quote_holding(text, "related reports")
    assert quote.text == (
        "related reports could not be confirmed and plans for the visit had not been finalised"
    )
    assert quote.speaker == "Norland palace official"


def test_a_bare_verb_under_a_modal_is_no_cue_of_its_own() -> None:
    text = (
        "Their countries should “focus on common interests” and reaffirm a “strategic partnership of "
        "mutual benefit”, Lind told Berg as they sat opposite one another at a long table."
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].speaker == "Lind"
    assert quotes[0].kind is QuoteKind.MIXED
    assert quotes[0].text.startswith("Their countries should")


def test_plans_and_promises_inside_a_framed_sentence_are_the_outlets_report() -> None:
    text = (
        "Berg plans to call for the reversal of the ban and will also insist on the early "
        "release of the crew, Velmark media reported."
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].speaker == "Velmark media"
    assert quotes[0].text.startswith("Berg plans to call for")


def test_a_plural_noun_cue_form_in_an_objects_place_is_no_cue() -> None:
    text = "Lind rejects Velmark’s sovereignty claims, saying only Norland’s people can decide."
    quotes = extract_quotes(text)
    assert [(q.speaker, q.text) for q in quotes] == [("Lind", "only Norland’s people can decide")]


def test_a_cue_noun_after_a_possessive_is_no_cue() -> None:
    text = (
        "Lind's call for Berg to lower the volume in the dispute was first reported by the "
        "Harbour Gazette."
    )
    assert [q for q in extract_quotes(text) if q.confidence >= 0.5] == []


def test_told_a_titled_addressee_at_a_meeting_on_the_sidelines_that() -> None:
    text = (
        "Lind told Velmark president Ivo Berg in a bilateral meeting on the sidelines of the "
        "Asia Pacific Economic Co-operation (APEC) summit in Papua New Guinea that she would "
        "“make time” to visit Harbourton next year."
    )
    quote = quote_holding(text, "make time")
    assert quote.kind is QuoteKind.MIXED
    assert quote.text == "she would “make time” to visit Harbourton next year"
    assert quote.speaker == "Lind"


def test_add_to_a_noun_is_no_cue() -> None:
    quotes = extract_quotes("The move will add to tensions in the strait, Moreau said.")
    assert [(quote.speaker, quote.cue) for quote in quotes] == [("Moreau", "said")]
    concern = extract_quotes(
        "Moreau expressed grave concern that the latest incursion, which follows a similar "
        "case in June, would add to tension."
    )
    assert [quote.cue for quote in concern] == ["expressed"]


def test_repeated_alleges_and_has_since_claimed_are_cues() -> None:
    repeated = extract_quotes(
        "On Thursday, Norland’s trade and foreign ministries repeated that Norland was open "
        "to negotiations only on fair terms. They also said they would fight to the end."
    )
    assert [(q.speaker, q.cue) for q in repeated] == [
        ("Norland’s trade and foreign ministries", "repeated"),
        ("Norland’s trade and foreign ministries", "said"),
    ]
    alleges = extract_quotes("The foreign ministry alleges Velmark abducted 17 fishermen in 1980.")
    assert [(q.speaker, q.text) for q in alleges] == [
        ("foreign ministry", "Velmark abducted 17 fishermen in 1980")
    ]
    since = extract_quotes("North Korea has since claimed that all the fishermen were returned.")
    assert [q.speaker for q in since] == ["North Korea"]


def test_was_clear_and_was_adamant_that_are_cues_but_it_is_clear_is_not() -> None:
    adamant = extract_quotes("Moreau was adamant that Norland should stop arming the island.")
    assert [(q.speaker, q.text) for q in adamant] == [
        ("Moreau", "Norland should stop arming the island")
    ]
    assert extract_quotes("It is clear that the talks have failed for now.") == []
