"""Speaker mechanisms of branch ``speaker3`` (issue #11): participle cues take the subject of the
clause they modify, not of a clause inside a noun phrase. Sentences are invented for these
tests."""

from __future__ import annotations

from extract_support import quote_holding as _by_text

from annotator.extract import extract_quotes
from annotator.extract.syntactic import SyntaxLayer


def test_participle_after_a_noun_clause_takes_the_main_subject() -> None:
    text = (
        "Union leader Pablo Ortega addressed the strikers on Friday.\n\n"
        "Ortega has also rejected speculation that the government gave him a frosty reception "
        "during the visit to Lyon, saying that the talks were held in a friendly manner."
    )
    quote = _by_text(text, "talks were held")
    assert quote.speaker == "Pablo Ortega"


def test_participle_glued_to_a_name_is_no_part_of_it() -> None:
    text = (
        "The union was probably referring to Labour Minister Ana Ruiz being cited as saying "
        "that wages in the public sector would be frozen for two years."
    )
    quote = _by_text(text, "wages in the public sector")
    assert quote.speaker == "Ana Ruiz"


def test_possessive_inside_an_organisation_name_stays() -> None:
    text = (
        "Border patrols were doubled overnight.\n\n"
        "“The drills tested rapid landings on the islands,” said the People's Defence Force's "
        "Western Coastal Command."
    )
    quote = _by_text(text, "tested rapid landings")
    assert quote.speaker == "People's Defence Force's Western Coastal Command"


def test_outlet_reporter_speaks_through_the_outlet() -> None:
    text = (
        "The crowd in the square grew through the night.\n\n"
        "Nobody here expected the government to back down so quickly, says the BBC's Tom Reyes "
        "in Manila."
    )
    quote = _by_text(text, "Nobody here expected")
    assert (quote.speaker, quote.outlet) == ("Tom Reyes", "BBC")


def test_undefined_acronym_is_the_organisation_with_those_initials() -> None:
    text = (
        "An air unit of the People's Defence Army took part in the drills on Tuesday.\n\n"
        "The PDA said the exercise involved helicopters flying low over the strait."
    )
    quote = _by_text(text, "exercise involved helicopters")
    assert quote.speaker == "People's Defence Army"


def test_lede_description_named_with_a_role_sharing_a_word() -> None:
    text = (
        "A veteran opposition party strategist called for early elections in the spring, "
        "before a planned meeting with the king.\n\n"
        "Speaking at a rally in Porto, Rui Tavares, deputy leader of the Socialist Party, said "
        "that the government had lost its majority.\n\n"
        "Tavares said the budget would fail."
    )
    quote = _by_text(text, "early elections")
    assert quote.speaker == "Rui Tavares"


def test_ministry_description_keeps_its_modifier() -> None:
    text = (
        "Norland’s foreign ministry said on Friday that the border would stay closed.\n\n"
        "On Sunday the education ministry told students to return home before the winter."
    )
    quote = _by_text(text, "students to return home")
    assert quote.speaker != "Norland’s foreign ministry"


def test_description_head_used_as_an_adjective_is_no_antecedent() -> None:
    text = (
        "Negotiators from both countries spoke by phone on Tuesday.\n\n"
        "It was the first official contact since the summit in June.\n\n"
        "The two sides will meet again in Geneva next month, the official said."
    )
    quote = _by_text(text, "meet again in Geneva")
    assert quote.speaker == "official"


def test_the_company_is_the_company_named_before() -> None:
    text = (
        "Regulators revoked the export licence of Nordic Cable Manufacturing Co., (NCM) on "
        "Monday.\n\n"
        "NCM said in a statement that it was studying the decision.\n\n"
        "“We will keep supplying our customers in the region,” the company said."
    )
    quote = _by_text(text, "keep supplying")
    assert quote.speaker == "Nordic Cable Manufacturing Co."


def test_relative_pronoun_speaks_for_its_antecedent() -> None:
    text = (
        "The tariffs follow recent remarks from Prime Minister Ada Lindqvist who said she had "
        "agreed a deal with the steelmakers of the north."
    )
    quote = _by_text(text, "agreed a deal")
    assert quote.speaker == "Ada Lindqvist"


def test_plural_antecedent_of_who_after_than() -> None:
    text = (
        "Lindqvist went further on the islands than previous prime ministers who expressed "
        "support for their autonomy but never said more."
    )
    quote = _by_text(text, "their autonomy")
    assert quote.speaker == "previous prime ministers"


def test_it_refers_to_the_organisation_its_sentence_opens_with() -> None:
    text = (
        "The Ruritanian foreign office said it was alarmed by the launches.\n\n"
        "The Northern Space Agency has fired rockets all year, the latest on Sunday when it "
        "launched two that it said were tests of a new engine."
    )
    quote = _by_text(text, "tests of a new engine")
    assert quote.speaker == "Northern Space Agency"


def test_quotation_an_agency_reports_after_a_person_spoke_is_the_persons() -> None:
    text = (
        "Premier Otto Varga met the visiting delegation on Tuesday.\n\n"
        "He also said a ceasefire was possible. “If the rebels respond to our offer in good "
        "faith, we will withdraw the troops,” the Danube News Agency reported."
    )
    quote = _by_text(text, "respond to our offer")
    assert quote.speaker == "Otto Varga"
    assert quote.outlet == "Danube News Agency"


def test_an_agency_reporting_with_no_person_before_keeps_its_words() -> None:
    text = (
        "Floods closed three roads in the east.\n\n"
        "“Water levels will fall by the weekend,” the Danube News Agency reported."
    )
    quote = _by_text(text, "Water levels")
    assert quote.speaker == "Danube News Agency"


def test_role_with_its_complement_is_split_from_the_name() -> None:
    text = (
        "Director of Coastal Intelligence Mara Quist warned of new threats last week.\n\n"
        "On Tuesday, Quist and Navy Director Ivo Berg had said they doubted the treaty would "
        "hold."
    )
    quote = _by_text(text, "doubted the treaty")
    assert quote.speaker == "Mara Quist and Ivo Berg"


def test_place_of_an_ambassador_is_no_part_of_the_name() -> None:
    text = (
        "Earlier this month, Norwegian Ambassador to South Korea Piet Haan said those who bet "
        "on a loss would regret it."
    )
    quote = _by_text(text, "bet on a loss")
    assert quote.speaker == "Piet Haan"


def test_coordinated_cue_after_a_predicate_takes_its_subject(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the rules alone, as when the parse misreads the sentence (no subject from it)
    monkeypatch.setattr(SyntaxLayer, "cue_subject", lambda self, cue_start: None)
    text = (
        "Addressing a think tank in Oslo on Monday, Norland’s deputy minister of fisheries, "
        "Kari Holm, spoke of a growing threat posed by illegal trawlers, and said it was "
        "necessary to patrol the northern banks."
    )
    quote = _by_text(text, "patrol the northern banks")
    assert quote.speaker == "Kari Holm"


def test_coordinated_cue_with_no_cue_before_takes_the_parsed_subject() -> None:
    text = (
        "“The comment was extremely inappropriate,” cabinet secretary Ivo Lund said.\n\n"
        "Norland’s Foreign Ministry has since lodged a “formal protest” and demanded the "
        "post removed."
    )
    quote = _by_text(text, "post removed")
    assert quote.speaker == "Norland’s Foreign Ministry"


def test_question_quotation_before_its_cue_is_the_speakers() -> None:
    text = (
        "Tensions rose over the weekend.\n\n"
        "“We will not wait for ever. Are you ready?” Norlandic Consul General Ivo Berg said "
        "in a message posted online."
    )
    quote = _by_text(text, "Are you ready")
    assert quote.speaker == "Ivo Berg"
    assert quote.confidence >= 0.5


def test_demonym_description_resolves_to_the_person_with_that_role() -> None:
    text = (
        "Analysts said the readout was written for a home audience.\n\n"
        "Norwegian Foreign Minister Ivo Berg was cited as saying that the drills were a "
        "warning to the separatists.\n\n"
        "The Norwegian official also urged the islanders to accept the offer of autonomy."
    )
    quote = _by_text(text, "islanders to accept")
    assert quote.speaker == "Ivo Berg"


def test_short_ministry_name_takes_the_long_form_the_text_gave() -> None:
    text = (
        "Norland's Ministry of National Defense reported that six ships had crossed the line.\n\n"
        "Some 30 aircraft were detected around the islands, said a statement by Norland's "
        "Defense Ministry."
    )
    quote = _by_text(text, "30 aircraft were detected")
    assert quote.speaker == "Norland's Ministry of National Defense"


def test_the_north_is_the_one_north_place_the_text_names() -> None:
    text = (
        "North Moravia fired two rockets on Sunday, and North Moravian state media praised "
        "the launch.\n\n"
        "The North has long claimed such drills are rehearsals for an invasion."
    )
    quote = _by_text(text, "rehearsals for an invasion")
    assert quote.speaker == "North Moravia"


def test_inverted_cue_with_an_unnamed_role_of_an_organisation() -> None:
    text = (
        "Negotiations stalled again this week.\n\n"
        "“We will see whether the offer is sincere,” said Harbour Authority press secretary "
        "in a statement published on Sunday."
    )
    quote = _by_text(text, "offer is sincere")
    assert quote.speaker == "Harbour Authority press secretary"


def test_lede_outlet_description_is_the_outlet_named_next() -> None:
    text = (
        "A top state propaganda outlet has lashed out at the visiting envoy, accusing him "
        "of staging a “deceitful drama” over fishing rights.\n\n"
        "In a front-page editorial on Monday, the overseas edition of the Harbour Daily News "
        "said the envoy was starring in his own show."
    )
    quote = _by_text(text, "staging a")
    assert quote.speaker == "Harbour Daily News"
    assert quote.outlet == "Harbour Daily News"


def test_gerund_after_by_takes_the_subject_of_its_clause() -> None:
    text = (
        "Talks on the fishing quota resumed in Oslo.\n\n"
        "Despite the thaw, Mayor Ilse Brandt is reportedly determined to keep up the pressure "
        "by stressing that the harbour “cannot wait another winter” for the new locks."
    )
    quote = _by_text(text, "the harbour")
    assert quote.speaker == "Ilse Brandt"


def test_noun_cue_takes_the_possessor_nearest_it() -> None:
    text = (
        "After weeks of rallies, Norland’s farmers ignored Moravia’s warnings that a vote for "
        "the reform party was a vote for ruin."
    )
    quote = _by_text(text, "a vote for ruin")
    assert quote.speaker == "Moravia"


def test_quotation_after_the_main_verb_is_its_named_subjects() -> None:
    text = (
        "Premier Otto Varga said the islands were a matter for the whole region.\n\n"
        "When asked for Moravia’s reaction to the remarks at a briefing on Thursday, foreign "
        "ministry spokesperson Lena Vogt began with the usual, “There is only one Moravia, and "
        "the islands are part of it.”\n\n"
        "She claimed the issue was “purely a domestic matter.”"
    )
    quote = _by_text(text, "There is only one Moravia")
    assert quote.speaker == "Lena Vogt"
    assert _by_text(text, "purely a domestic matter").speaker == "Lena Vogt"


def test_a_pronoun_with_no_name_before_it_is_the_described_person() -> None:
    text = (
        "The harbour minister arrived in Oslo on Monday. She said the talks on the locks had "
        "been “very productive.”"
    )
    assert _by_text(text, "very productive").speaker == "harbour minister"


def test_a_pronoun_does_not_take_a_described_person_of_the_other_gender() -> None:
    text = "The spokesman left early. “We are ready to sign,” she said."
    assert _by_text(text, "We are ready to sign").speaker != "spokesman"


def test_an_acronym_for_the_last_words_of_a_name_is_the_whole_name() -> None:
    text = (
        "On Sunday, the Norlandic Coastal Defence Force (CDF) announced new patrols.\n\n"
        "“We will patrol the bay every night,” said a statement from the CDF."
    )
    quote = _by_text(text, "We will patrol the bay")
    assert quote.speaker == "Norlandic Coastal Defence Force"


def test_the_council_is_the_named_council_before_it() -> None:
    text = (
        "Norland's Harbour Affairs Council condemned the blockade. In a statement, the council "
        "said the navy was “undermining the peace.”"
    )
    assert _by_text(text, "undermining the peace").speaker == "Norland's Harbour Affairs Council"


def test_quoted_by_an_outlet_in_the_passive_gives_the_subject_as_speaker() -> None:
    text = (
        "Premier Otto Varga was quoted by state broadcaster NRK as saying that the two harbours "
        "should work together."
    )
    quote = _by_text(text, "the two harbours")
    assert quote.speaker == "Otto Varga"
    assert quote.outlet == "NRK"


def test_a_person_of_an_institute_with_and_in_its_name_is_the_person() -> None:
    text = (
        "In a recent paper, Ilse Brandt of the Center for Maritime and Harbour Studies argues "
        "that the locks are too small."
    )
    assert _by_text(text, "the locks are too small").speaker == "Ilse Brandt"


def test_a_title_with_of_before_the_name_is_no_affiliation() -> None:
    text = "Former Harbour Secretary of State Ilse Brandt says the locks must stay open."
    assert _by_text(text, "the locks must stay open").speaker == "Ilse Brandt"


def test_a_person_who_writes_is_no_outlet() -> None:
    text = (
        "Ilse Brandt is a fellow at the Harbour Institute.\n\n"
        "Brandt writes that “the goal is exhaustion, not invasion.”"
    )
    quote = _by_text(text, "the goal is exhaustion")
    assert quote.speaker == "Ilse Brandt"
    assert quote.outlet is None


def test_an_outlet_that_writes_is_still_speaker_and_outlet() -> None:
    text = "The Norland Times wrote in an editorial that the locks were a mistake."
    quote = _by_text(text, "the locks were a mistake")
    assert quote.speaker == quote.outlet == "Norland Times"


def test_the_surname_he_after_a_title_is_a_name() -> None:
    text = (
        "Vice Premier He Lifeng met the harbour delegation on Monday. He said the talks on the "
        "locks were candid."
    )
    assert _by_text(text, "the talks on the locks").speaker == "He Lifeng"


def test_the_papers_english_edition_is_the_outlet_named_before() -> None:
    text = (
        "The Norland Times said on Tuesday that the harbour deal was a mistake. The paper's "
        "English edition later added that “the door remains open.”"
    )
    quote = _by_text(text, "the door remains open")
    assert quote.speaker == quote.outlet == "Norland Times"


def test_the_ministry_is_a_lower_case_ministry_named_before() -> None:
    text = (
        "Norland's harbour ministry lodged a protest. The ministry said the trawler had entered "
        "closed waters near the locks."
    )
    assert _by_text(text, "the trawler had entered").speaker == "Norland's harbour ministry"


def test_a_closing_single_mark_is_no_part_of_the_speaker() -> None:
    text = "‘We will not open the locks,’ the harbour minister said. ‘The people have spoken.’"
    assert _by_text(text, "We will not open the locks").speaker == "harbour minister"
    assert _by_text(text, "The people have spoken").speaker == "harbour minister"


def test_it_opening_a_sentence_is_the_organisation_the_previous_one_opened_with() -> None:
    text = (
        "The harbour ministry in Oslo summoned Norland's ambassador. It said the incursion was "
        "“unacceptable.”"
    )
    assert _by_text(text, "the incursion").speaker == "harbour ministry in Oslo"


def test_it_inside_a_relative_clause_is_not_the_previous_subject() -> None:
    text = (
        "The harbour ministry summoned the envoy. Norland has pursued a policy of “harbour "
        "first,” which it claims protects the fishermen of the bay."
    )
    quotes = [quote for quote in extract_quotes(text) if "protects the fishermen" in quote.text]
    assert all(quote.speaker != "harbour ministry" for quote in quotes)


def test_a_name_suffix_keeps_its_period_and_the_title_goes() -> None:
    text = "“We will defend the bay,” Norlandic President Ivo Berg Jr. said in an address."
    assert _by_text(text, "We will defend the bay").speaker == "Ivo Berg Jr."


def test_quoted_as_saying_in_the_passive_gives_the_subject_and_the_outlet_after() -> None:
    text = "“There are no winners in a harbour war,” Varga was quoted as saying by Xinhua."
    quote = _by_text(text, "There are no winners")
    assert quote.speaker == "Varga"
    assert quote.outlet == "Xinhua"
    text = "Otto Varga was quoted as saying that the locks would stay open."
    assert _by_text(text, "the locks would stay open").speaker == "Otto Varga"


def test_a_source_described_with_an_adjective_in_ed_or_ing_is_a_speaker() -> None:
    text = "The Norland Times quoted an unnamed source as saying that the visit was cancelled."
    assert _by_text(text, "the visit was cancelled").speaker == "unnamed source"
    text = "A leading analyst said the harbour talks would fail."
    assert _by_text(text, "the harbour talks would fail").speaker == "leading analyst"


def test_a_report_by_a_think_tank_is_no_outlet() -> None:
    text = "A report by the Harbour Research Corporation concluded that the locks were too small."
    quote = _by_text(text, "the locks were too small")
    assert quote.speaker == "Harbour Research Corporation"
    assert quote.outlet is None


def test_the_former_and_the_latter_are_the_two_names_before() -> None:
    text = (
        "Varga and Brandt spoke by phone for an hour. The former said the locks had been a "
        "success, while the latter said patience was needed."
    )
    assert _by_text(text, "the locks had been a success").speaker == "Varga"
    assert _by_text(text, "patience was needed").speaker == "Brandt"


def test_a_description_is_not_resolved_to_a_name_inside_the_quotation() -> None:
    text = "“The era of the Cold War is over,” the Norlandic leader said, according to KCNA."
    quote = _by_text(text, "The era of the Cold War")
    assert quote.speaker == "Norlandic leader"
    assert quote.outlet == "KCNA"


def test_a_title_ending_in_a_role_word_is_no_name() -> None:
    text = "Norland's Chief Harbour Secretary said the locks would reopen in spring."
    assert _by_text(text, "the locks would reopen").speaker == "Norland's Chief Harbour Secretary"
    text = "Chief Harbour Secretary Ilse Brandt said the locks would reopen in spring."
    assert _by_text(text, "the locks would reopen").speaker == "Ilse Brandt"


def test_a_list_of_names_before_a_coordination_is_every_speaker() -> None:
    text = "Norland, Moravia and the Harbour League said in a joint statement that the locks would open."
    quote = _by_text(text, "the locks would open")
    assert quote.speaker == "Norland and Moravia and the Harbour League"


def test_both_after_a_coordinated_subject_is_no_part_of_it() -> None:
    text = "Norland and Moravia have both said the drills in the bay are defensive."
    assert _by_text(text, "the drills in the bay").speaker == "Norland and Moravia"


def test_a_relative_clause_between_subject_and_cue_is_skipped() -> None:
    text = (
        "Norland and Moravia, which have grown closer since the harbour war, said the sanctions "
        "were illegal."
    )
    assert _by_text(text, "the sanctions were illegal").speaker == "Norland and Moravia"
    text = "The harbour minister, who has grown closer to Oslo since the war, said the locks would open."
    assert _by_text(text, "the locks would open").speaker == "harbour minister"


def test_a_document_released_by_someone_speaks_for_them() -> None:
    text = (
        "The report, released Tuesday by the Harbour Authority, said the locks could fail by 2030."
    )
    assert _by_text(text, "the locks could fail").speaker == "Harbour Authority"


def test_has_long_between_subject_and_cue_is_dropped() -> None:
    text = "Norland has long maintained that the islands in the bay are part of its territory."
    assert _by_text(text, "the islands in the bay").speaker == "Norland"


def test_he_after_a_persons_office_spoke_is_that_person() -> None:
    text = (
        "Varga's office said he had told the mayor that Oslo hoped the locks would play a "
        "“constructive role.”"
    )
    assert _by_text(text, "constructive role").speaker == "Varga"


def test_an_ambassador_to_a_country_is_the_name_after_the_country() -> None:
    text = (
        "Ambassador to Norland Ivo Berg said the remark was true.\n\n"
        "Regarding Berg’s recent remark that it would be wrong to bet against Moravia, the "
        "Harbour Times questioned the criticism."
    )
    assert _by_text(text, "the remark was true").speaker == "Ivo Berg"
    assert _by_text(text, "it would be wrong to bet").speaker == "Ivo Berg"


def test_an_acronym_of_a_joint_chiefs_of_staff_is_the_whole_name() -> None:
    text = (
        "The North's Joint Chiefs of Staff (JCS) said it had detected the launch over the bay.\n\n"
        "According to the JCS, the missile flew about 1,000 km before landing in the sea."
    )
    assert _by_text(text, "the missile flew").speaker == "North's Joint Chiefs of Staff"


def test_it_after_a_coast_guard_spoke_is_the_coast_guard() -> None:
    text = (
        "Norland's coast guard, in turn, accused the trawlers of “deliberately” ramming its "
        "vessel. It said it had taken “necessary control measures.”"
    )
    assert _by_text(text, "necessary control measures").speaker == "Norland's coast guard"


def test_another_occasion_does_not_inherit_the_interviews_outlet() -> None:
    text = (
        "Mayor Ilse Brandt told Reuters in an interview on Tuesday that the locks would open.\n\n"
        "“We have to show we are serious,” Brandt said.\n\n"
        "Separately, at a news conference on Wednesday, Brandt said the harbour would not "
        "respond to provocations."
    )
    assert _by_text(text, "We have to show").outlet == "Reuters"
    assert _by_text(text, "would not respond").outlet is None


def test_abbreviated_titles_and_party_state_are_no_part_of_the_speaker() -> None:
    text = "Sen. Ivo Berg (R-Fla.) said the harbour deal was a mistake."
    assert _by_text(text, "the harbour deal").speaker == "Ivo Berg"
    text = "Rep. Ilse Brandt, D-Calif., said the bill would “hold the harbour accountable.”"
    assert _by_text(text, "hold the harbour").speaker == "Ilse Brandt"
    text = "Lt. Gen. Otto Varga said the drills in the bay would continue."
    assert _by_text(text, "the drills in the bay").speaker == "Otto Varga"


def test_a_response_to_questions_from_an_outlet_is_cited_through_it() -> None:
    text = (
        "In a written response to questions from The Associated Press, the harbour ministry "
        "said it had “no information” about the locks."
    )
    quote = _by_text(text, "no information")
    assert quote.speaker == "harbour ministry"
    assert quote.outlet == "Associated Press"


def test_a_title_with_a_prepositional_complement_is_no_part_of_the_name() -> None:
    # "Minister Without Portfolio", "Minister for Foreign Affairs", "Minister of State for …":
    # the title's complement runs on in capitals; the name is what follows it
    cases = {
        "Minister Without Portfolio Ivo Berg said the tariffs would be lifted.": "Ivo Berg",
        "Minister without Portfolio Lo Ping-cheng said the tariffs would be lifted.": "Lo Ping-cheng",
        "Minister for Foreign Affairs Penny Wong said the tariffs would be lifted.": "Penny Wong",
        "Minister of State for Foreign Affairs Kari Holm said the tariffs would be lifted.": (
            "Kari Holm"
        ),
    }
    for text, speaker in cases.items():
        assert _by_text(text, "the tariffs would be lifted").speaker == speaker, text


def test_a_spokesman_for_a_ministry_stays_the_unnamed_spokesman() -> None:
    text = "A spokesman for the Foreign Ministry said the tariffs would be lifted."
    assert _by_text(text, "the tariffs would be lifted").speaker == (
        "spokesman for the Foreign Ministry"
    )
