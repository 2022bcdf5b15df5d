"""Speaker and outlet resolution across sentences (issue #11): pronouns by animacy and gender,
outlet descriptions, outlets framing a paragraph. Sentences are invented for these tests."""

from __future__ import annotations

from extract_support import quote_holding as _by_text

from annotator.extract import extract_quotes


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


def test_outlet_framing_the_sentence_at_its_end() -> None:
    text = (
        "Trade Minister Olga Petrova told her Finnish counterpart that the pipeline would be "
        "inspected by both sides, the Norland Gazette said."
    )
    quote = _by_text(text, "pipeline would be inspected")
    assert quote.speaker == "Olga Petrova"
    assert quote.outlet == "Norland Gazette"


def test_news_reports_framing_a_sentence() -> None:
    text = (
        "Mayor Lena Fox warned the council on Friday, saying the budget would not survive "
        "another winter, news reports said Saturday."
    )
    quote = _by_text(text, "budget would not survive")
    assert quote.speaker == "Lena Fox"
    assert quote.outlet == "news reports"


def test_it_added_after_an_outlet_frame_is_the_first_speaker() -> None:
    text = (
        "Norland’s state radio claimed on Monday that the launch had been a complete success, "
        "Reuters reported. It added that a second launch would follow within weeks."
    )
    quote = _by_text(text, "second launch")
    assert quote.speaker == "Norland’s state radio"
    assert quote.outlet == "Reuters"


def test_outlet_quoting_sources_and_the_sources_later() -> None:
    text = (
        "The two envoys met in secret last week, the Baltic Herald said, quoting sources close "
        "to the negotiations.\n\nNo date was set for a second meeting, the sources added."
    )
    first = _by_text(text, "envoys met in secret")
    assert first.speaker == "sources close to the negotiations"
    assert first.outlet == "Baltic Herald"
    second = _by_text(text, "No date was set")
    assert second.speaker == "sources close to the negotiations"
    assert second.outlet == "Baltic Herald"


def test_subject_with_an_inserted_adverb() -> None:
    text = "Economists, however, say that the rate cut came too late for exporters."
    assert _by_text(text, "rate cut").speaker == "Economists"


def test_coordinated_subject_after_both() -> None:
    text = "After the vote, both Chile and Peru called for an inquiry into the count."
    assert _by_text(text, "inquiry").speaker == "Chile and Peru"


def test_role_with_a_plural_possessive_before_the_cue() -> None:
    text = (
        "“The harvest will be late this year,” Amara Diallo, head of the Farmers' Union of "
        "Kayes, said on Monday."
    )
    assert _by_text(text, "harvest will be late").speaker == "Amara Diallo"


def test_inverted_cue_with_a_description_and_an_appositive_name() -> None:
    text = (
        "The ministry defended the decision.\n\n“The fence protects the villages,” said its "
        "spokeswoman, Ines Okafor."
    )
    quote = _by_text(text, "fence protects")
    assert quote.speaker == "Ines Okafor"
    assert quote.speaker_role == "spokeswoman"


def test_inverted_cue_with_an_unnamed_description() -> None:
    text = (
        "“Prices at the market have doubled,” said a grain trader in the border town of Kessa, "
        "who asked not to be named."
    )
    assert (
        _by_text(text, "Prices at the market").speaker == "grain trader in the border town of Kessa"
    )


def test_inverted_cue_with_a_possessor_before_the_name() -> None:
    text = (
        "Helen Osei, a fellow at the Accra Policy Forum, studies the region.\n\n"
        "“The deal changes little,” said the Forum’s Osei."
    )
    assert _by_text(text, "deal changes little").speaker == "Helen Osei"


def test_acronym_resolves_to_the_organisation_it_was_defined_for() -> None:
    text = (
        "Norland’s Ministry of Maritime Affairs (MMA) closed the port on Monday.\n\n"
        "MMA said that the closure would last a week."
    )
    assert _by_text(text, "closure would last").speaker == "Norland’s Ministry of Maritime Affairs"


def test_a_document_stands_for_its_author() -> None:
    text = (
        "Deputy Mayor Rosa Kline spoke at the rally.\n\n"
        "Her statement noted that the budget would be cut."
    )
    assert _by_text(text, "budget would be cut").speaker == "Rosa Kline"


def test_a_document_by_an_organisation() -> None:
    text = "A statement by the Coastal Guard Service said that two boats were missing."
    assert _by_text(text, "two boats").speaker == "Coastal Guard Service"


def test_an_outlet_piece_is_the_outlet() -> None:
    text = "A Lagos Tribune piece issued on Monday said that fuel queues had returned."
    quote = _by_text(text, "fuel queues")
    assert quote.speaker == "Lagos Tribune"
    assert quote.outlet == "Lagos Tribune"


def test_the_editorial_is_the_outlet_named_before() -> None:
    text = (
        "The Harbour Times ran a front-page editorial on the strike.\n\n"
        "The editorial criticized the union for refusing to negotiate."
    )
    quote = _by_text(text, "union for refusing")
    assert quote.speaker == "Harbour Times"
    assert quote.outlet == "Harbour Times"


def test_subject_before_a_parenthetical_adjective_phrase() -> None:
    text = "The unions, long wary of the plan, said that they would strike on Monday."
    assert _by_text(text, "strike on Monday").speaker == "unions"


def test_subject_before_a_relative_clause() -> None:
    text = "The minister, who spoke on condition of anonymity, said the deal was close."
    assert _by_text(text, "deal was close").speaker == "minister"


def test_named_news_agency_with_descriptors() -> None:
    text = "The official Tanjug news agency reported that the dam had burst."
    quote = _by_text(text, "dam had burst")
    assert (quote.speaker, quote.outlet) == ("Tanjug", "Tanjug")


def test_told_a_briefing_keeps_the_named_subject() -> None:
    text = "“The decision is final,” Wang Lei, a spokesman for the ministry, told a briefing."
    quote = _by_text(text, "decision is final")
    assert quote.speaker == "Wang Lei"
    assert quote.speaker_role == "spokesman for the ministry"


def test_person_of_an_institution() -> None:
    text = "Analyst Mia Stone of the Brookings Institution said the move was symbolic."
    quote = _by_text(text, "move was symbolic")
    assert quote.speaker == "Mia Stone"
    assert quote.speaker_role == "Analyst"


def test_outlet_citing_a_source_before_the_cue() -> None:
    text = "Yonhap, citing a government official, reported that the launch had failed."
    quote = _by_text(text, "launch had failed")
    assert (quote.speaker, quote.outlet) == ("government official", "Yonhap")


def test_unnamed_spokesperson_for_an_organisation() -> None:
    text = "A spokesperson for the U.S. State Department said the report was false."
    assert _by_text(text, "report was false").speaker == (
        "spokesperson for the U.S. State Department"
    )


def test_description_resolves_to_an_earlier_mention_that_did_not_speak() -> None:
    text = (
        "Protesters gathered outside the Chilean embassy in Oslo.\n\n"
        "The embassy said that the protest had been peaceful."
    )
    assert _by_text(text, "protest had been peaceful").speaker == "Chilean embassy in Oslo"


def test_age_between_commas_is_no_subject() -> None:
    text = "President Emma Ruiz spoke in Madrid.\n\nRuiz, 62, said that she would run again."
    assert _by_text(text, "would run again").speaker == "Emma Ruiz"


def test_the_role_resolves_to_the_name_it_was_given_to() -> None:
    text = (
        "The Foreign Ministry spokesman Li Qiang spoke on Monday.\n\n"
        "“The door is open,” the spokesman said."
    )
    assert _by_text(text, "door is open").speaker == "Li Qiang"


def test_gender_learned_from_the_pronoun_after_a_name() -> None:
    text = (
        "Ana Ruiz said that she would keep the border open.\n\n"
        "Tomas Berg said that his trucks would be searched.\n\n"
        "“Nobody will be turned away,” she said."
    )
    assert _by_text(text, "Nobody will be turned away").speaker == "Ana Ruiz"


def test_gender_from_a_title_before_the_name() -> None:
    text = (
        "Ms. Ana Ruiz spoke first.\n\nMr. Tomas Berg, the port director, said that trucks "
        "would be searched.\n\n“Nobody will be turned away,” she said."
    )
    assert _by_text(text, "Nobody will be turned away").speaker == "Ana Ruiz"


def test_participle_cue_takes_the_subject_of_the_verb_it_hangs_on() -> None:
    text = (
        "The union leader Ali Demir said that the strike would go on.\n\nAfter a long silence "
        "the Harbour Times mocked the owners, saying that they had never loaded a ship."
    )
    quote = _by_text(text, "never loaded a ship")
    assert quote.speaker == "Harbour Times"


def test_noun_cue_object_of_a_verb_takes_that_verb_subject() -> None:
    text = "Our consulate in Lagos even issued a warning to travellers to avoid the market."
    quote = _by_text(text, "avoid the market")
    assert quote.speaker == "consulate in Lagos"


def test_canonical_outlet_names_through_descriptors() -> None:
    from annotator.extract.outlets import canonical_outlet

    assert canonical_outlet("the state-run Korean Central News Agency") == "KCNA"
    assert canonical_outlet("China's party-controlled Xinhua agency") == "Xinhua"
    assert canonical_outlet("Time magazine") == "Time"
    assert canonical_outlet("the official Tanjug news agency") == "Tanjug"
    # a nationality word that belongs to the name is kept
    assert canonical_outlet("state-run Korean Central Television") == "Korean Central Television"
    assert canonical_outlet("KCTV") == "Korean Central Television"


def test_according_to_inserted_after_the_subject() -> None:
    text = (
        "Mbeki, according to the state broadcaster SABC, offered assurances that the border "
        "would stay open."
    )
    quote = _by_text(text, "border would stay open")
    assert quote.speaker == "Mbeki"
    assert quote.outlet == "SABC"


def test_speaking_exclusively_to_an_outlet() -> None:
    text = "Speaking exclusively to the BBC, President Ana Costa said the talks would resume."
    quote = _by_text(text, "talks would resume")
    assert (quote.speaker, quote.outlet) == ("Ana Costa", "BBC")


def test_outlet_named_after_its_description() -> None:
    text = (
        "The two leaders exchanged warm letters last week and agreed to meet again before the "
        "end of the year, according to the country’s state news agency, Tanjug."
    )
    quote = _by_text(text, "exchanged warm letters")
    assert (quote.speaker, quote.outlet) == ("Tanjug", "Tanjug")


def test_speaking_to_a_body_that_is_no_outlet_names_no_outlet() -> None:
    text = (
        "Speaking to the Danish liberal think tank Arden Forum on Friday, the deputy minister, "
        "Ole Brandt, said the navy would double its patrols in the strait."
    )
    quote = _by_text(text, "double its patrols")
    assert quote.speaker == "Ole Brandt"
    assert quote.outlet is None


def test_speaking_to_an_outlet_is_still_that_outlet() -> None:
    text = (
        "Speaking to the Harbour Times on Friday, the deputy minister, Ole Brandt, said the "
        "navy would double its patrols in the strait."
    )
    quote = _by_text(text, "double its patrols")
    assert quote.outlet == "Harbour Times"


def test_an_agency_of_government_is_no_news_agency() -> None:
    text = (
        "The Nordic Maritime Safety Agency said the tanker had been leaking fuel for two days. "
        "The Vessna News Agency said the crew had been evacuated."
    )
    agency = _by_text(text, "leaking fuel")
    assert agency.speaker == "Nordic Maritime Safety Agency"
    assert agency.outlet is None
    wire = _by_text(text, "evacuated")
    assert wire.outlet == "Vessna News Agency"


def test_a_place_before_an_unnamed_official_is_not_the_speaker() -> None:
    text = "In Lagos, the finance minister said the naira would recover by March."
    quote = _by_text(text, "naira would recover")
    assert quote.speaker == "finance minister"


def test_a_time_phrase_after_the_subject_is_no_part_of_the_speaker() -> None:
    text = "Orlen Freight a few weeks ago notified regulators that two of its tankers were damaged."
    quote = _by_text(text, "tankers were damaged")
    assert quote.speaker == "Orlen Freight"


def test_an_undefined_company_acronym_is_the_company_named_before() -> None:
    text = (
        "Regulators fined Baltic Container Shipping Co last year. "
        "BCSC said on Monday that it would appeal the ruling."
    )
    quote = _by_text(text, "appeal the ruling")
    assert quote.speaker == "Baltic Container Shipping Co"


def test_a_company_acronym_defined_with_or() -> None:
    text = (
        "Baltic Container Shipping Co., or BCSC, is the largest carrier in the port. "
        "BCSC said on Monday that it would appeal the ruling."
    )
    quote = _by_text(text, "appeal the ruling")
    assert quote.speaker == "Baltic Container Shipping Co."


def test_a_bare_plural_subject_before_an_inserted_phrase() -> None:
    text = "Fishermen in the bay, long wary of the wind farm, said they would block the harbour."
    quote = _by_text(text, "block the harbour")
    assert quote.speaker == "Fishermen in the bay"


def test_an_age_between_name_and_appositive() -> None:
    text = "Lind, 45, a nurse from Malmo, told the crowd that the clinics were closing one by one."
    quote = _by_text(text, "clinics were closing")
    assert quote.speaker == "Lind"


def test_an_agency_of_other_kind_is_no_outlet_nor_the_last_outlet() -> None:
    text = (
        "The Harbour Times reported the closure on Monday. "
        "The United Nations refugee agency said aid workers had been turned back at the border."
    )
    quote = _by_text(text, "turned back")
    assert quote.speaker == "United Nations refugee agency"
    assert quote.outlet is None


def test_the_news_agency_is_still_the_outlet_named_before() -> None:
    text = "Vessna News Agency reported the launch. The agency said the rocket flew 800 km."
    quote = _by_text(text, "rocket flew")
    assert quote.outlet == "Vessna News Agency"


def test_an_inverted_cue_before_organisation_role_and_name() -> None:
    text = "“People are dying in the forest,” said UNHCR spokeswoman Ilse Marten."
    quote = _by_text(text, "dying in the forest")
    assert quote.speaker == "Ilse Marten"


def test_a_wire_dateline_is_no_part_of_the_subject() -> None:
    text = (
        "TALLINN, Estonia (AP) — Estonia’s defence minister said on Tuesday the drills would go on."
    )
    quote = _by_text(text, "drills would go on")
    assert quote.speaker == "Estonia’s defence minister"


def test_a_rank_with_a_grade_word_is_a_role() -> None:
    text = "Harbour guard spokesman Senior Col. Ivo Berg said the patrols would continue."
    assert _by_text(text, "the patrols would continue").speaker == "Ivo Berg"
    text = "Rear Adm. Lena Holm told reporters the fleet had left port."
    assert _by_text(text, "the fleet had left port").speaker == "Lena Holm"


def test_a_place_adverb_after_the_subject_is_no_part_of_it() -> None:
    text = (
        "The harbour office in Norhaven summoned the envoy. Officials there said they were "
        "“deeply disappointed.”"
    )
    assert _by_text(text, "deeply disappointed").speaker == "Officials"


def test_a_document_described_by_a_nationality_has_no_author_named() -> None:
    text = "A Norlandian readout said the mayor had stressed the need for calm."
    assert _by_text(text, "the mayor had stressed").speaker == "Norlandian readout"


def test_a_programme_named_after_its_broadcaster_is_no_quotation() -> None:
    text = (
        'Mayor Ilse Brandt, in an interview with NBC\'s "Harbour Week," said the locks '
        "would reopen."
    )
    quote = _by_text(text, "the locks would reopen")
    assert quote.text == "the locks would reopen"
    assert (quote.speaker, quote.outlet) == ("Ilse Brandt", "NBC")
    assert not [q for q in extract_quotes(text) if "Harbour Week" in q.text]
    text = "Brandt told CBS’s “The Port Hour” that the tolls would stay."
    quote = _by_text(text, "the tolls would stay")
    assert (quote.speaker, quote.outlet) == ("Brandt", "CBS")


def test_another_after_an_unnamed_source_is_one_more_of_them() -> None:
    text = "“The tolls must go,” one dock worker said. Another said the strike would last a week."
    assert _by_text(text, "the strike would last").speaker == "worker"


def test_a_name_before_a_role_whose_closing_comma_is_missing_speaks() -> None:
    text = (
        "The port resolutely opposes the tolls, Ivo Berg, spokesperson for the Norhaven Harbour "
        "Office said Friday. Any toll will face consequences, the spokesperson said."
    )
    quote = _by_text(text, "resolutely opposes")
    assert quote.text == "The port resolutely opposes the tolls"
    assert quote.speaker == "Ivo Berg"
    assert _by_text(text, "Any toll will face").speaker == "Ivo Berg"


def test_as_cited_by_an_outlet_after_the_cue_is_its_outlet() -> None:
    text = "“The locks are shut,” the harbour command said, as cited by Yonhap news agency."
    quote = _by_text(text, "The locks are shut")
    assert (quote.speaker, quote.outlet) == ("harbour command", "Yonhap")
    text = "The locks are shut, the harbour command said, as reported by NHK."
    quote = _by_text(text, "The locks are shut")
    assert quote.text == "The locks are shut"
    assert (quote.speaker, quote.outlet) == ("harbour command", "NHK")


def test_according_to_a_list_of_sources_that_ends_the_sentence() -> None:
    text = "The locks were shut, according to the harbour command, Norlandian and Ostian officials."
    quote = _by_text(text, "The locks were shut")
    assert quote.text == "The locks were shut"
    assert quote.speaker == "harbour command and Norlandian and Ostian officials"
    text = "The locks were shut, according to Yonhap, citing harbour officials."
    assert _by_text(text, "The locks were shut").text == "The locks were shut"


def test_a_described_minister_of_another_nation_is_not_the_last_speaker() -> None:
    text = (
        "A harbour official told AFP the locks were shut. He said the ships had turned back. "
        "The Ostian Defense Minister confirmed the closure, saying the ships never reached "
        "Ostian waters."
    )
    assert _by_text(text, "never reached").speaker == "Ostian Defense Minister"
    text = (
        "Norlandian harbour chief Ivo Berg said the locks were shut. He said the ships had "
        "turned back. The Ostian Defense Minister said the ships never reached Ostian waters."
    )
    assert _by_text(text, "never reached").speaker == "Ostian Defense Minister"


def test_an_acronym_glossing_the_speaker_is_no_part_of_it() -> None:
    text = (
        "Yonhap quoted the Joint Harbour Command of Norland (JHC) as saying that the locks "
        "were shut."
    )
    assert _by_text(text, "the locks were shut").speaker == "Joint Harbour Command of Norland"


def test_a_question_then_the_speaker_with_an_appositive() -> None:
    text = "“Is it not bizarre?” Ilse Brandt, a spokeswoman for the harbour office, said."
    quote = _by_text(text, "Is it not bizarre")
    assert quote.speaker == "Ilse Brandt"


def test_a_name_glossed_in_chinese_characters_then_an_appositive() -> None:
    text = (
        "Ivo Chen (陳文賢), a researcher at Norhaven University, brushed off the reactions, "
        "saying that the mayor would stay."
    )
    assert _by_text(text, "the mayor would stay").speaker == "Ivo Chen"


def test_an_unnamed_source_placed_by_a_long_phrase() -> None:
    text = (
        "A source close to the Harbour Party in the Norland capital told reporters that the "
        "tolls would stay."
    )
    speaker = _by_text(text, "the tolls would stay").speaker
    assert speaker == "source close to the Harbour Party in the Norland capital"


def test_per_an_outlet_at_the_end_is_its_outlet() -> None:
    text = "Brandt explained that the tolls pay for the locks, per Nikkei Asia."
    quote = _by_text(text, "the tolls pay")
    assert (quote.text, quote.outlet) == ("the tolls pay for the locks", "Nikkei")


def test_the_place_of_a_dateline_is_no_subject() -> None:
    text = (
        "TAIPEI (Harbour Wire) — Council Chair Chiu Chui-cheng rejected the claim, arguing that "
        "the real issue lies elsewhere."
    )
    assert _by_text(text, "the real issue").speaker == "Chiu Chui-cheng"


def test_a_sentence_final_writer_with_appositive_and_venue() -> None:
    text = (
        "The harbour tolls have been falsely perceived as a norm by the port, wrote Ivo Berg, "
        "a professor in geography at Norhaven's Harbour University, in the article first "
        "published by Norland's Dock Post newspaper."
    )
    quote = _by_text(text, "falsely perceived")
    assert quote.text == "The harbour tolls have been falsely perceived as a norm by the port"
    assert (quote.speaker, quote.outlet) == ("Ivo Berg", "Dock Post")


def test_a_countrys_minister_is_the_one_named_in_that_role() -> None:
    text = (
        "Chinese Foreign Minister Wang Yi arrived. Japanese Foreign Minister Yoshimasa Hayashi "
        "said he hoped to meet. China’s foreign minister said the talks would go well. "
        "Japan’s foreign minister said the details were agreed."
    )
    assert _by_text(text, "the talks would go well").speaker == "Wang Yi"
    assert _by_text(text, "the details were agreed").speaker == "Yoshimasa Hayashi"


def test_an_outlet_reports_in_the_present() -> None:
    quote = _by_text("Yonhap reports the harbour locks will reopen next week.", "locks will")
    assert (quote.speaker, quote.outlet) == ("Yonhap", "Yonhap")
    assert not extract_quotes("Several reports on the harbour were published last week.")


def test_sun_as_a_surname_is_no_newspaper() -> None:
    text = "“The port has stayed away,” said Yun Sun, the director of the harbour programme."
    quote = _by_text(text, "stayed away")
    assert (quote.speaker, quote.outlet) == ("Yun Sun", None)
    text = "The Baltimore Sun said in an editorial that the port had stayed away."
    assert _by_text(text, "the port had stayed away").outlet == "Baltimore Sun"


def test_a_partitive_appositive_after_coordinated_names_in_a_subordinate_clause() -> None:
    text = (
        "Although Norland and Ostia, two of the five harbour states, have said that they "
        "favor open locks, both know that this is not realistic."
    )
    quote = _by_text(text, "they favor open locks")
    assert quote.speaker == "Norland and Ostia"
    assert quote.text == "they favor open locks"


def test_a_relative_clause_after_a_comma_has_its_antecedent_for_subject() -> None:
    text = "The toll has sparked concern among dock workers, who say it could close the port."
    assert _by_text(text, "it could close the port").speaker == "dock workers"


def test_a_participle_after_a_relative_clause_hangs_on_the_main_clause() -> None:
    text = (
        "Norland has drawn a clear line with regard to Ostia, which has expressed intentions of "
        "holding talks, saying that “tolls must be the result of any dialogue.”"
    )
    assert _by_text(text, "tolls must be the result").speaker == "Norland"


def test_an_article_in_an_outlet_published_on_a_day_local_time() -> None:
    text = (
        "An article in the Harbour Journal (HJ) published on Monday local time alleged that "
        "the locks had been sabotaged."
    )
    quote = _by_text(text, "the locks had been sabotaged")
    assert (quote.speaker, quote.outlet) == ("Harbour Journal", "Harbour Journal")


def test_a_question_put_to_the_speaker_names_no_one() -> None:
    text = "Brandt, asked whether he trusted Berg, said: “I do. We get along very well.”"
    assert _by_text(text, "We get along").speaker == "Brandt"
    text = "Mayor Lind, when asked about the report, said she was not aware of it."
    assert _by_text(text, "she was not aware").speaker == "Lind"


def test_a_statement_attributed_to_someone_is_theirs() -> None:
    text = (
        "The statement, attributed to an unnamed spokesperson for the harbour office, said the "
        "drills were “reckless.”"
    )
    speaker = _by_text(text, "reckless").speaker
    assert speaker == "unnamed spokesperson for the harbour office"


def test_another_source_with_an_appositive_before_the_cue() -> None:
    text = "Another source, a resident of Norhaven, said the crackdown began last month."
    quote = _by_text(text, "the crackdown began")
    assert quote.text == "the crackdown began last month"
    assert quote.speaker == "resident of Norhaven"


def test_the_subject_of_an_absolute_with_construction_speaks() -> None:
    text = "Ostia protested the tolls, with Harbour Secretary Ivo Berg calling them “extortion.”"
    assert _by_text(text, "extortion").speaker == "Ivo Berg"
    text = "Norland lodged a protest, with the harbour ministry saying the tolls were illegal."
    assert _by_text(text, "the tolls were illegal").speaker == "harbour ministry"


def test_a_description_then_the_name_set_off_by_commas_speaks() -> None:
    text = "A harbour spokesman, Ivo Berg, said the talks failed to narrow the gap."
    quote = _by_text(text, "the talks failed")
    assert (quote.text, quote.speaker) == ("the talks failed to narrow the gap", "Ivo Berg")
    text = "“The talks failed,” a harbour spokesman, Ivo Berg, said."
    assert _by_text(text, "The talks failed").speaker == "Ivo Berg"
    text = "“Ostia must stop its tolls,” the spokesperson, Lena Holm, said at a regular briefing."
    assert _by_text(text, "Ostia must stop").speaker == "Lena Holm"


def test_after_told_comes_the_addressee_not_the_subject() -> None:
    text = (
        "“It is symbolic,” Ivo Berg, who heads the Harbour Policy Institute at Norhaven "
        "University, told The Korea Times."
    )
    quote = _by_text(text, "It is symbolic")
    assert (quote.speaker, quote.outlet) == ("Ivo Berg", "Korea Times")


def test_a_name_before_a_role_keeps_the_outlet_it_spoke_to() -> None:
    text = (
        "The plan will fail, Ivo Berg, spokesperson for the Harbour Office told Reuters on Friday."
    )
    quote = _by_text(text, "The plan will fail")
    assert (quote.speaker, quote.outlet) == ("Ivo Berg", "Reuters")


def test_a_framing_outlet_description_is_the_outlet_named_before() -> None:
    text = (
        "Berg told Brandt that the locks were a red line, according to Xinhua. The mayor also "
        "said the two ports should cooperate, the agency said."
    )
    quote = _by_text(text, "the two ports should cooperate")
    assert quote.outlet == "Xinhua"


def test_a_cue_inside_a_relative_clause_leaves_the_subject_before_it() -> None:
    # "claims" in the relative clause reports nothing; the island is the one who spoke
    for text in (
        "Norland, which Velmark claims as its own, said on Tuesday the fleet had left port.",
        "Norland, which Velmark claims, said on Tuesday the fleet had left port.",
    ):
        quote = _by_text(text, "fleet had left port")
        assert quote.speaker == "Norland"


def test_an_epithet_before_a_name_is_no_part_of_the_speaker() -> None:
    cases = {
        "Self-governed Norland said on Monday the fleet had left port.": "Norland",
        "Nuclear-armed Velmark said on Monday it would test a new rocket soon.": "Velmark",
        "Democratically ruled Norland, which Velmark views as a rebel province, said on "
        "Monday the fleet had left port.": "Norland",
    }
    for text, speaker in cases.items():
        quote = extract_quotes(text)[0]
        assert quote.speaker == speaker, text


def test_a_name_after_a_preposition_is_not_the_subject_of_a_final_cue() -> None:
    text = (
        "The Velmark ministry says the platform built by Norland is the ninth of its kind, "
        "following the one confirmed in April."
    )
    quote = _by_text(text, "the ninth of its kind")
    assert quote.speaker == "Velmark ministry"
    assert quote.text == "the platform built by Norland is the ninth of its kind"


def test_an_interview_with_an_outlet_described_by_an_adjective() -> None:
    text = (
        "In an interview with the liberal Harbour Gazette newspaper published on Friday, Ola "
        "Brandt, who led the navy until 2020, said the fleet was preparing to blockade the strait."
    )
    quote = _by_text(text, "preparing to blockade")
    assert quote.speaker == "Ola Brandt"
    assert quote.outlet == "Harbour Gazette"


def test_an_interview_with_a_described_person_gives_no_outlet() -> None:
    text = (
        "In an interview with the newly appointed Minister Berg, Ola Brandt said the fleet was "
        "preparing to blockade the strait."
    )
    assert _by_text(text, "preparing to blockade").outlet is None


def test_a_number_of_people_speak_as_those_people() -> None:
    text = (
        "A growing number of Velmark officials think Norland is softening its stance on the "
        "fishing dispute."
    )
    assert _by_text(text, "softening its stance").speaker == "Velmark officials"


def test_two_titled_names_before_the_cue_both_speak() -> None:
    text = (
        "Norland Prime Minister Ada Lind and Velmark President Ivo Berg agreed on May 3 that "
        "they would meet again within weeks."
    )
    assert _by_text(text, "meet again").speaker == "Ada Lind and Ivo Berg"


def test_the_publisher_of_a_paper_is_not_its_voice() -> None:
    lead = "On Monday, the Harbour Gazette questioned why Velmark was moving troops.\n\n"
    cases = (
        "“Norland must speed up its own defences,” the paper published by the ruling Unity "
        "Party argued on Monday.",
        "“Norland must speed up its own defences,” the editorial of the influential local "
        "daily published by the ruling Unity Party argued on Monday.",
        "“Norland must speed up its own defences,” said an editorial in the paper published by "
        "the ruling Unity Party.",
    )
    for case in cases:
        quote = _by_text(lead + case, "speed up its own defences")
        assert quote.speaker == "Harbour Gazette", case
        assert quote.outlet == "Harbour Gazette", case


def test_a_restrictive_relative_clause_describes_the_name_before_it() -> None:
    text = (
        "In a commentary on Saturday, The Harbour Gazette that belongs to the ruling Unity Party "
        "stressed that the country's opposition would never change."
    )
    assert _by_text(text, "would never change").speaker == "Harbour Gazette"


def test_a_spokesman_of_an_organisation_is_the_unnamed_spokesman() -> None:
    text = "Norland cut its fish exports by half in 2024, said a spokesman of Norland's customs Bureau."
    quote = _by_text(text, "fish exports")
    assert quote.speaker == "spokesman of Norland's customs Bureau"
    assert quote.text == "Norland cut its fish exports by half in 2024"


def test_reportedly_after_a_name_does_not_make_it_an_outlet() -> None:
    text = (
        "At the forum in Harbourton, Norland leader Ada Lind reportedly hinted that she would "
        "support a peace declaration."
    )
    quote = _by_text(text, "peace declaration")
    assert quote.speaker == "Ada Lind"
    assert quote.outlet is None


def test_in_the_report_gives_the_outlet_whose_report_it_is() -> None:
    text = (
        "The Harbour Gazette’s weekend edition carried a report about the talks. In the report, "
        "Ada Lind posits, “Whoever tied the knot should untie it.”"
    )
    quote = _by_text(text, "tied the knot")
    assert quote.speaker == "Ada Lind"
    assert quote.outlet == "Harbour Gazette"


def test_the_report_speaks_for_whoever_put_it_out() -> None:
    text = (
        "Velmark will keep pressing Norland with threats and trade curbs, the Fisheries Council "
        "said in a report published yesterday.\n\nVelmark has stepped up its work to “close "
        "the gap” with Norland, the report said."
    )
    quote = _by_text(text, "close the gap")
    assert quote.speaker == "Fisheries Council"


def test_a_surname_spelled_like_an_article_is_a_name_mid_sentence() -> None:
    text = (
        "Norland’s Fisheries Office spokesperson An Jiwon made the remark while answering "
        "questions.\n\nEfforts to end illegal fishing have won support on both coasts, An said."
    )
    assert _by_text(text, "illegal fishing").speaker == "An Jiwon"


def test_a_participle_after_a_noun_cue_belongs_to_the_clause_subject() -> None:
    text = (
        "Norland spokesperson Ada Lind on Thursday dismissed the claim by Velmark's opposition "
        "leader that the minister had withdrawn her remarks, saying that silence and a "
        "retraction are two different matters."
    )
    assert _by_text(text, "two different matters").speaker == "Ada Lind"


def test_a_subject_after_a_fronted_after_clause() -> None:
    text = (
        "After several Velmark senior officials claimed that the remarks do not alter the "
        "position, Lind left the hall."
    )
    assert _by_text(text, "do not alter").speaker == "Velmark senior officials"


def test_an_outlet_reporting_an_inverted_cue_is_its_outlet_not_a_second_quote() -> None:
    text = (
        "Norland's leader will not visit Velmark during the summit, a government official here "
        "said Friday, Harbour News Agency reports."
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].speaker == "government official"
    assert quotes[0].outlet == "Harbour News Agency"


def test_a_description_then_the_name_of_an_outlet_set_off_by_commas() -> None:
    text = (
        "The Harbour Gazette said the talks had stalled.\n\nA major daily, the Velmark Herald, "
        "reported that officials of both sides have begun preparations for the visit."
    )
    quote = _by_text(text, "begun preparations")
    assert quote.speaker == "Velmark Herald"
    assert quote.outlet == "Velmark Herald"


def test_a_quotation_after_a_sentence_whose_subject_is_the_last_speaker() -> None:
    for lead in ("Lind details", "An expert in fisheries, Lind details"):
        text = (
            "Norland is “trying to hedge between two powers,” writes Ada Lind, a professor of "
            f"government.\n\n{lead} Norland’s ties with Velmark. “As long as this ambiguity "
            "continues, Norland will hedge.”"
        )
        assert _by_text(text, "ambiguity continues").speaker == "Ada Lind", lead


def test_a_quotation_after_a_sentence_about_someone_else_is_not_the_last_speakers() -> None:
    text = (
        "Norland is “trying to hedge between two powers,” writes Ada Lind, a professor of "
        "government.\n\nBerg details Norland’s ties with Velmark. “As long as this ambiguity "
        "continues, Norland will hedge.”"
    )
    assert _by_text(text, "ambiguity continues").speaker != "Ada Lind"


def test_the_outlet_of_an_opinion_piece_after_an_inverted_speaker() -> None:
    text = (
        "Norland is “trying to hedge between two powers,” writes Ada Lind, a professor of "
        "government, in this Harbour Gazette opinion piece."
    )
    quote = _by_text(text, "hedge between")
    assert quote.speaker == "Ada Lind"
    assert quote.outlet == "Harbour Gazette"


def test_said_via_an_outlet_that() -> None:
    text = (
        "The Norland Foreign Ministry said via the state-run Harbour News Agency on Sunday that "
        "it strongly denounces the drills as “provocative muscle-flexing.”"
    )
    quote = _by_text(text, "strongly denounces")
    assert quote.speaker == "Norland Foreign Ministry"
    assert quote.outlet == "Harbour News Agency"
    assert quote.text.startswith("it strongly denounces")


def test_a_statement_issued_by_an_organisation_is_its_words() -> None:
    text = (
        "In a statement issued on Sunday by the Norland Ministry of Defence, Harbourton "
        "criticised the air drill.\n\n“We express grave concern over these actions,” the "
        "statement said."
    )
    assert _by_text(text, "grave concern").speaker == "Norland Ministry of Defence"


def test_a_coordinated_cue_after_a_described_subject_keeps_the_whole_description() -> None:
    cases = {
        "The government in Norland rejects the claims and says only its people can decide "
        "its future.": "government in Norland",
        "The democratically-elected government in Harbourton rejects Velmark’s claims and says "
        "only its people can decide its future.": "democratically-elected government in Harbourton",
    }
    for text, speaker in cases.items():
        assert _by_text(text, "decide its future").speaker == speaker, text


def test_the_statement_speaks_for_whoever_said_it_in_a_statement() -> None:
    text = (
        "“The visit violates the treaty,” the embassy's unnamed spokesperson said in a "
        "statement.\n\nWhile the Velmark fisheries office expressed “sincere welcome” for the "
        "visit, the Norland embassy described the trip as “unauthorised.”\n\n“This is a solemn "
        "promise to Norland,” the statement read."
    )
    assert _by_text(text, "solemn promise").speaker == "embassy's unnamed spokesperson"


def test_an_absolute_with_a_titled_name_and_its_gloss() -> None:
    text = (
        "The remarks drew an angry response from Velmark, with Velmark Ministry of Foreign "
        "Affairs spokesman Ivo Berg (伊沃) saying: “We deplore the erroneous remarks.”"
    )
    assert _by_text(text, "We deplore").speaker == "Ivo Berg"


def test_an_exclusive_interview_with_an_outlet() -> None:
    text = (
        "Norland’s Minister of Defense Ada Lind has reiterated the importance of the strait in "
        "an exclusive interview with CNN and said that Norland will continue to respond."
    )
    quote = _by_text(text, "continue to respond")
    assert quote.speaker == "Ada Lind"
    assert quote.outlet == "CNN"


def test_a_predicate_after_listed_names_is_no_appositive_of_an_inverted_cue() -> None:
    text = (
        "A phone chat was something their predecessors, Ivo Berg and Olaf Dunn, have never "
        "done, noted Ada Lind, a former journalist."
    )
    assert _by_text(text, "phone chat").speaker == "Ada Lind"


def test_according_to_a_described_outlet_then_its_name_and_a_venue() -> None:
    text = (
        "“Norland has been perplexed by a series of challenges,” according to Velmark’s "
        "mouthpiece, the Harbour Gazette in an analysis on Jan. 22."
    )
    quotes = extract_quotes(text)
    assert [(q.speaker, q.outlet) for q in quotes] == [("Harbour Gazette", "Harbour Gazette")]


def test_a_lower_case_ambassador_to_a_place_before_the_name() -> None:
    text = (
        "The row – triggered by the Norland ambassador to Harbourton Ivo Berg’s veiled "
        "criticism of Velmark – has soured the mood, analysts said.\n\nBerg caused an uproar "
        "when he warned Velmark not to bet against Norland."
    )
    assert _by_text(text, "not to bet").speaker == "Ivo Berg"


def test_an_outlet_name_with_a_curly_possessive_is_one_outlet() -> None:
    text = (
        "In an editorial published by the Communist Party’s People’s Daily, Beijing criticized "
        "Tokyo.\n\nAccording to the editorial, Velmark’s comments have heightened “international "
        "concern and vigilance” about its intentions."
    )
    quote = _by_text(text, "heightened")
    assert quote.speaker == "People's Daily"
    assert quote.outlet == "People's Daily"


def test_the_paper_is_not_the_outlet_named_as_its_owner() -> None:
    text = (
        "The Harbour Gazette, the sister paper of Norland’s state-controlled Velmark Times, "
        "mocked the plan.\n\n“Harbourton would be a helpless victim,” the paper said."
    )
    assert _by_text(text, "helpless victim").speaker == "Harbour Gazette"


def test_the_article_is_not_the_wire_in_the_dateline() -> None:
    text = (
        "HARBOURTON (Reuters) -Norland urged Velmark to stop its drills in an editorial "
        "published by the ruling party's newspaper.\n\n“The drills must stop,” the article said."
    )
    assert _by_text(text, "drills must stop").outlet != "Reuters"


def test_a_name_in_quotation_marks_is_no_fullest_form() -> None:
    text = (
        "Norland urged Velmark on Thursday to rein in its navy, the ruling party's paper said in "
        "a commentary under the pen name “Zhong Sheng”, meaning “Voice of Norland”."
    )
    quote = _by_text(text, "rein in its navy")
    assert quote.speaker != "Voice of Norland"
    assert not any(
        q.text.startswith("Zhong Sheng") for q in extract_quotes(text) if q.confidence >= 0.5
    )


def test_said_according_to_an_outlet_that() -> None:
    text = "Lind said, according to the Harbour Gazette, that Norland values the talks greatly."
    quote = _by_text(text, "values the talks")
    assert quote.speaker == "Lind"
    assert quote.outlet == "Harbour Gazette"


def test_a_name_then_a_long_role_without_its_closing_comma() -> None:
    text = (
        "Ivo Berg, the head of the Velmark navy’s delegation to the recent Harbour Dialogue in "
        "Norland said Velmark will try its best to keep friendly ties with its neighbours."
    )
    assert _by_text(text, "friendly ties").speaker == "Ivo Berg"


def test_a_think_tank_is_no_cue() -> None:
    text = (
        "An annual report from a Velmark military think tank has highlighted the region as a "
        "“new global centre” of competition."
    )
    assert not any(q.cue == "think" for q in extract_quotes(text))


def test_a_coordinated_cue_after_an_adverb() -> None:
    text = (
        "President of Norland Ada Lind begged to differ and strongly affirmed that Norland will "
        "stand at the side of its ally."
    )
    assert _by_text(text, "side of its ally").speaker == "Ada Lind"


def test_she_is_not_a_country_or_a_plural_possessive_named_after_her() -> None:
    from annotator.extract.entities import NameIndex

    names = NameIndex.build("Ada Lind, head of the Workers’ Party, criticized Japan and Ukraine.")
    assert [(m.name, m.kind.value) for m in names.mentions if m.name != "Ada Lind"] == [
        ("Workers’ Party", "organisation")
    ]
    text = (
        "Ada Lind sharply criticized Japan and Ukraine in a statement on Tuesday.\n\nShe "
        "further cautioned, “A provocation could result in a catastrophic situation.”"
    )
    assert _by_text(text, "catastrophic situation").speaker == "Ada Lind"


def test_a_participle_after_issued_a_statement() -> None:
    text = (
        "HARBOURTON — Norland leader Ivo Berg Jr’s sister Ada Lind issued a statement Saturday "
        "warning that Norland would demolish the “useless” liaison office in the border town."
    )
    assert _by_text(text, "demolish").speaker == "Ada Lind"


def test_comments_carried_by_an_outlet_after_a_possessive() -> None:
    text = (
        "Ada Lind issued a warning on Saturday.\n\n“Before long, the useless office will be "
        "seen collapsing,” she said in comments carried by Harbourton’s official Harbour News "
        "Agency."
    )
    assert _by_text(text, "useless office").outlet == "Harbour News Agency"


def test_he_skips_a_name_inside_a_quoted_title() -> None:
    # "Let’s Face It: …" is a title in quotation marks; "he" is the writer named before
    text = (
        "Ivo Berg led the charge with op-ed pieces in the New York Times and the Washington "
        "Post. On August 3 the Times published his piece “Let’s Face It: Velmark Can Hit the "
        "Coast,” and he wrote in an August 24 piece for the Post that “for deterrence to fail, "
        "no leader has to be insane.”"
    )
    quote = _by_text(text, "for deterrence to fail")
    assert quote.speaker == "Ivo Berg"
    assert quote.outlet == "Washington Post"


def test_the_last_word_of_an_outlet_named_before_is_that_outlet() -> None:
    text = (
        "Ada Lind writes for the Wall Street Journal.\n\n"
        "The Journal reported on Sunday that the talks would be delayed."
    )
    quote = _by_text(text, "the talks would be delayed")
    assert quote.speaker == "Wall Street Journal"


def test_a_piece_for_an_outlet_gives_the_outlet() -> None:
    for text in (
        "Ivo Berg wrote in an op-ed for the Washington Post that the talks would fail.",
        "Ivo Berg argued in a column for the Washington Post that the talks would fail.",
        "Ivo Berg wrote in a 2019 op-ed in the Washington Post that the talks would fail.",
        "Ivo Berg wrote in the Washington Post that the talks would fail.",
    ):
        quote = _by_text(text, "the talks would fail")
        assert (quote.speaker, quote.outlet) == ("Ivo Berg", "Washington Post"), text
    assert _by_text("Ivo Berg wrote in Seoul that the talks would fail.", "talks").outlet is None


def test_cited_as_saying_by_an_outlet_gives_the_outlet() -> None:
    text = (
        '"We remain open to dialogue," Ada Lind, a spokeswoman for the foreign ministry, was '
        "cited as saying by Voice of America.\n\n"
        "The spokeswoman did not answer a question about the deadline, the broadcaster said."
    )
    quote = _by_text(text, "We remain open to dialogue")
    assert (quote.speaker, quote.outlet) == ("Ada Lind", "VOA")
    later = _by_text(text, "did not answer a question")
    assert later.outlet == "VOA"


def test_an_outlet_described_by_its_country_is_not_the_country() -> None:
    text = "The government confirmed Monday that it intends to reopen talks, a US broadcaster reported."
    quote = _by_text(text, "it intends to reopen talks")
    assert quote.outlet == "US broadcaster"


def test_an_outlet_with_its_publisher_in_apposition_speaks_and_stays_the_column_author() -> None:
    text = (
        '"It is nothing new for Velmark to escalate tensions," the Global Times, published by '
        "the ruling Communist Party's People's Daily, wrote in an editorial on Monday.\n\n"
        '"We are looking forward to a more beautiful counter-attack," the Chinese-language '
        "column said."
    )
    first = _by_text(text, "nothing new for Velmark")
    assert (first.speaker, first.outlet) == ("Global Times", "Global Times")
    column = _by_text(text, "more beautiful counter-attack")
    assert column.speaker == "Global Times"


def test_an_outlet_report_quoting_someone_saying() -> None:
    text = (
        "Beijing may skip the talks, the Wall Street Journal reported on Sunday.\n\n"
        "The Journal report quoted one senior Chinese advisory official saying China would not "
        'negotiate "with a gun pointed to its head."'
    )
    quote = _by_text(text, "China would not negotiate")
    assert (quote.speaker, quote.outlet) == (
        "senior Chinese advisory official",
        "Wall Street Journal",
    )


def test_an_adverb_after_the_subject_is_no_part_of_it() -> None:
    text = "China meanwhile stressed that the country is resolved to keep its claims."
    assert _by_text(text, "resolved to keep").speaker == "China"


def test_raised_hopes_is_no_cue_and_it_in_the_when_clause_is_the_subject() -> None:
    text = (
        "Velmark's commerce ministry raised hopes on Friday that there could be negotiations "
        'when it said it was "currently evaluating" an offer of trade talks.'
    )
    quotes = extract_quotes(text)
    assert not any(quote.cue == "hopes" for quote in quotes)
    quote = _by_text(text, "currently evaluating")
    assert quote.speaker == "Velmark's commerce ministry"


def test_a_gloss_on_the_clause_is_no_content_and_its_venue_no_outlet() -> None:
    text = (
        "However, the ministry insisted Norland must first cancel the tariffs on its goods, a "
        "step Moreau rejected in an interview with NBC recorded on Friday."
    )
    quote = _by_text(text, "must first cancel")
    assert quote.text.rstrip(".") == "Norland must first cancel the tariffs on its goods"
    assert quote.outlet is None


def test_cctv_is_written_as_china_central_television() -> None:
    text = "State media CCTV reported that missile boats and fighter jets took part in the drills."
    quote = _by_text(text, "missile boats")
    assert (quote.speaker, quote.outlet) == ("China Central Television", "China Central Television")


def test_an_institute_for_something_is_one_organisation_not_a_person() -> None:
    text = (
        "Kari Holm, head of the China Division at the National Institute for Defense Studies, "
        "sees no alternative for Japan.\n\n"
        "“Beijing is using economic measures against us,” she said."
    )
    assert _by_text(text, "economic measures").speaker == "Kari Holm"


def test_a_heading_line_is_no_part_of_the_name_below_it() -> None:
    text = (
        "Bottom Line\n\n"
        "Ivo Berg and Kari Holm agreed that the alliance has never been stronger.\n\n"
        "Berg endorsed the revisions, adding that this included the new harbour."
    )
    assert _by_text(text, "included the new harbour").speaker == "Ivo Berg"


def test_a_participle_after_while_also_takes_the_sentence_subject() -> None:
    text = (
        "Moreau on Monday warned Brussels that the fleet could reach every port, while also "
        "expressing willingness to “urgently” hold talks on fishing quotas."
    )
    assert _by_text(text, "hold talks on fishing").speaker == "Moreau"


def test_a_participle_after_a_quotation_is_no_inverted_cue() -> None:
    text = (
        "During the speech, Moreau also urged the country to “strengthen its fleet,” "
        "emphasizing in particular the importance of the shipyards."
    )
    quote = _by_text(text, "strengthen its fleet")
    assert quote.speaker == "Moreau"


def test_the_interview_is_the_one_with_the_outlet_named_before() -> None:
    text = (
        "The ministry insisted Norland must cancel the tariffs, a step Moreau rejected in an "
        "interview with NBC recorded on Friday.\n\n"
        "Moreau said in the interview, which aired on Sunday, that the economy was "
        '"collapsing".'
    )
    quote = _by_text(text, "economy was")
    assert (quote.speaker, quote.outlet) == ("Moreau", "NBC")


def test_research_associate_and_economist_are_titles() -> None:
    first = _by_text(
        "“The positions are far apart,” Senior Research Associate Kari Holm told the New "
        "York Times on October 2.",
        "far apart",
    )
    assert (first.speaker, first.outlet) == ("Kari Holm", "New York Times")
    second = _by_text("Chief Economist Ivo Berg said the tariffs would hurt growth.", "tariffs")
    assert second.speaker == "Ivo Berg"


def test_news_outlets_speak_as_outlets_and_the_reports_are_theirs() -> None:
    text = (
        "Ivo Berg spoke directly with Kari Holm in Harbourton earlier this month, major US news "
        "outlets reported on Apr. 17. The reports stated that Berg met Holm to negotiate the "
        "conditions for the summit."
    )
    first = _by_text(text, "spoke directly")
    assert (first.speaker, first.outlet) == ("major US news outlets", "major US news outlets")
    second = _by_text(text, "negotiate the conditions")
    assert (second.speaker, second.outlet) == ("major US news outlets", "major US news outlets")


def test_quoted_in_an_outlet_article_gives_the_later_quotes_that_outlet() -> None:
    text = (
        "On August 25, Nonresident Senior Fellow Kari Holm was quoted in a Bloomberg article "
        "titled, “Norland Set to Become a Big Spender.” In an interview, Holm explains that "
        "“Norland cannot make itself more secure just by spending more.”"
    )
    quote = _by_text(text, "cannot make itself more secure")
    assert (quote.speaker, quote.outlet) == ("Kari Holm", "Bloomberg")


def test_and_with_a_name_before_a_participle_is_that_name() -> None:
    text = (
        "It comes amid mounting tensions over the islands, and with Beijing warning that any "
        'bid to shoot down its drones would constitute "an act of war".'
    )
    assert _by_text(text, "shoot down its drones").speaker == "Beijing"


def test_an_indefinite_outlet_description_is_a_new_outlet_not_the_last_named() -> None:
    text = (
        "Interfax said the pipeline talks had stalled. A Turkish newspaper reported that the "
        "envoy had left Ankara.\n\nThe newspaper said the envoy would return next week."
    )
    quotes = extract_quotes(text)
    assert [(q.speaker, q.outlet) for q in quotes] == [
        ("Interfax", "Interfax"),
        ("Turkish newspaper", "Turkish newspaper"),
        ("Turkish newspaper", "Turkish newspaper"),
    ]


def test_the_broadcaster_is_the_outlet_named_since_an_unnamed_description() -> None:
    text = (
        "The ministry confirmed on Monday that it would resume the talks, a US broadcaster "
        "reported.\n\n“We remain open to dialogue,” a spokeswoman was cited as saying by Voice "
        "of America.\n\nThe spokeswoman did not answer a question about the deadline, the "
        "broadcaster said."
    )
    last = extract_quotes(text)[-1]
    assert (last.speaker, last.outlet) == ("VOA", "VOA")


def test_a_report_quoting_sources_as_saying_gives_them_the_words_through_the_outlet() -> None:
    text = (
        "The Lagos Herald on Friday published a report quoting three port officials as saying "
        "the strike would end soon."
    )
    quote = _by_text(text, "the strike would end soon")
    assert (quote.speaker, quote.outlet, quote.text) == (
        "port officials",
        "Lagos Herald",
        "the strike would end soon",
    )
    # "cited X as saying": no characterization "cited X as Y"
    text = "The paper cited two port officials as saying the strike would end soon."
    assert [q.text for q in extract_quotes(text)] == ["the strike would end soon"]


def test_a_lede_outlet_described_then_named_is_the_outlet_of_the_quote() -> None:
    text = (
        "The port authority confirmed on Monday that the docks would reopen, a German "
        "broadcaster reported.\n\n“We expect ships by Friday,” a spokeswoman was cited as "
        "saying by Deutsche Welle. The docks had been shut for a week."
    )
    first = extract_quotes(text)[0]
    assert (first.speaker, first.outlet) == ("port authority", "Deutsche Welle")


def test_a_nationality_that_ends_otherwise_describes_an_unnamed_outlet() -> None:
    text = "The port authority confirmed that the docks would reopen, a Dutch broadcaster reported."
    assert extract_quotes(text)[0].outlet == "Dutch broadcaster"


def test_said_in_a_readout_of_the_call_that_keeps_the_clause() -> None:
    text = "The palace said in a readout of the call that the king raised concerns about fishing."
    quote = _by_text(text, "the king raised")
    assert (quote.speaker, quote.text) == ("palace", "the king raised concerns about fishing")
    text = "The coast guard said in a text message to reporters that it was tracking the ferry."
    quote = _by_text(text, "tracking")
    assert (quote.speaker, quote.text) == ("coast guard", "it was tracking the ferry")


def test_a_statement_carried_by_an_outlet_in_an_insertion_gives_the_outlet() -> None:
    text = (
        "Japan’s fisheries agency, in a statement carried by Kyodo, denounced the quotas "
        "as a breach of the treaty."
    )
    quote = extract_quotes(text)[0]
    assert (quote.speaker, quote.outlet) == ("Japan’s fisheries agency", "Kyodo")


def test_a_lede_office_is_not_a_later_name_of_another_office() -> None:
    text = (
        'ROME: Italy\'s finance minister lashed out at new tariffs for bringing "huge risks" to '
        "trade, according to an article published by his ministry.\n\n"
        "The tariffs were imposed by US President Donald Trump in April.\n\n"
        "Carla Dell'Orto, speaking at a bank meeting in Milan, said the risks were growing.\n\n"
        '"We will respond," Trump said. "Europe must pay," Dell\'Orto said.'
    )
    first = extract_quotes(text)[0]
    assert first.speaker == "Carla Dell'Orto"


def test_a_name_with_an_apostrophe_inside_is_one_name() -> None:
    from annotator.extract.entities import NameIndex

    names = [m.name for m in NameIndex.build("Lan Fo'an met Xi’s envoy.").mentions]
    assert "Lan Fo'an" in names and "Xi" in names


def test_quoted_by_an_outlet_before_a_quotation_gives_speaker_and_outlet() -> None:
    text = (
        "Ines Moreau wrote in a piece for Le Monde that the risk was real. Moreau, who directs "
        "the fisheries program, was also quoted by Reuters regarding the quotas: “If we cut "
        "them now, the ports will close.”"
    )
    last = extract_quotes(text)[-1]
    assert (last.speaker, last.outlet) == ("Ines Moreau", "Reuters")


def test_an_owners_characterisation_of_x_as_y_is_the_owners_quote() -> None:
    text = "Lisbon lodged a protest over Moreau’s characterisation of the accord as a betrayal."
    quote = extract_quotes(text)[0]
    assert (quote.speaker, quote.text) == ("Moreau", "the accord as a betrayal")
