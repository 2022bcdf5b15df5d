"""Attribution: from the words before a cue to a speaker, role and outlet.

* The subject of a cue is the noun phrase right before it, after the last clause boundary
  (punctuation, a relative pronoun or a conjunction) with adverbs and auxiliaries removed.
* ``he``/``she``/``his``/``her`` resolve to the last person who spoke (named or described) and
  is not known to be of the other gender, else the last such person named; ``it`` to the last
  organisation or outlet that spoke shortly before; ``they`` to the last speaker;
  ``the newspaper``/``the paper``/``the daily`` to the last outlet named before.
* ``the embassy``/``the official`` resolve to the fullest earlier description with that head
  (spoken or only mentioned); an acronym to the organisation it was defined for; a document
  (``a statement by X``, ``her statement``, ``the editorial``) to its author.
* A definite description with a role (``the South Korean foreign minister``, ``the president``)
  resolves to the last person named with that role, else to the last person who spoke.
* A name resolves to its fullest form in the document (``Wang`` -> ``Wang Yi``); a role or title in
  front of it is split off into ``speaker_role``. Several names joined by ``and`` resolve one by one.
* An unnamed source (``experts``, ``the sides``) is kept as written, without its article.
* The speaker is also the outlet when it is one (by shape, gazetteer or context).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass

from annotator.extract.entities import (
    DEMONYM,
    NAME_EPITHET,
    NOT_NAMES,
    ORG_WORDS,
    PLURAL_PRONOUNS,
    PRONOUNS,
    ROLE_WORDS,
    SURNAME_WORDS,
    Mention,
    NameIndex,
    split_role,
)
from annotator.extract.mentions import (
    GROUP,
    PERSON,
    PERSON_HEADS,
    THING,
    MentionSieve,
    animacy_of_description,
    gender_of,
    head_noun,
    modifiers_agree,
)
from annotator.extract.outlets import (
    GAZETTEER,
    canonical_outlet,
    is_generic_outlet,
    is_other_agency,
    looks_like_outlet,
    names_outlet_kind,
    strip_article,
)
from annotator.models import EntityKind

_BOUNDARY = re.compile(
    r"(?:[,;:()“”\"«»]|(?<=\s)'|(?<!s)'(?=\s)|\b(?:that|which|who|whom|whose|when|while|where|but|because|since|if|"
    r"as|whether|although|though)\b)",
    re.IGNORECASE,
)
_TRAILING_FILLER = re.compile(
    r"\s+(?:also|again|has|have|had|is|was|were|are|will|would|could|can|may|might|should|did|"
    r"does|do|not|never|always|often|reportedly|allegedly|repeatedly|further|later|then|once|"
    r"recently|previously|earlier|publicly|firmly|strongly|specifically|clearly|openly|"
    r"constantly|immediately|already|even|still|just|only|too|however|herself|himself|"
    r"themselves|itself|has\s+also|had\s+also|being|been|having|both|jointly|together|"
    r"has\s+long|have\s+long|had\s+long|since|meanwhile|"  # "North Korea has since claimed"
    r"(?<=\w\s)there|(?<=\w\s)here)$",  # "Officials there"
    re.IGNORECASE,
)
_LEADING_DETERMINER = re.compile(
    r"^(?:(?:the|a|an|one|some|two|three|several|many|multiple|both)\s+|(?:other|another)\s+)",
    re.I,
)
_VERBISH = re.compile(
    r"^(?:held|met|made|gave|took|went|came|had|has|have|is|was|were|are|did|reached|began|"
    r"spent|left|visited|signed|issued|sent|released|[a-z]+ed)$"
)
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'.-]*)(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*)*$")
_TITLE_COMPLEMENT = re.compile(
    rf"(?:^|\s)(?:{ROLE_WORDS})(?:\s+of\s+[A-Z][a-z]+)?\s+(?:for|to|at|without)(?:\s+the)?\s*$"
)  # a capitalised title before its complement: "Minister for", "Minister of State for"
_ROLE_IN_PHRASE = re.compile(rf"\b({ROLE_WORDS})\b", re.IGNORECASE)
_SOURCE_DESCRIPTION = re.compile(
    r"^(?:the\s+)?(?:newspaper|paper|daily|outlet|publication|broadcaster|tabloid|magazine)$", re.I
)
_ANAPHORIC_HEAD = re.compile(r"^(?:the|this|that)\s+", re.I)
_DOCUMENT = re.compile(
    r"^(?:(?P<det>(?i:the|a|an|this|that|its|his|her|their))\s+|"
    r"(?P<owner>[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*)[’']s?\s+)?"
    r"(?P<mods>(?:[\w’'-]+\s+){0,4}?)"
    r"(?P<noun>statement|editorial|commentary|article|piece|letter|message|note|readout|column|"
    r"op-ed|communiqu[eé]|press\s+release|report|notice|bulletin|declaration|circular)"
    r"(?:\s+(?:issued|published|released|posted|carried)\b(?:(?!\bby\b).)*)?"
    r"(?:\s+(?:by|from|attributed\s+to)\s+(?P<author>.+)|\s+in\s+(?P<venue>(?:the\s+)?[A-Z].*?"
    r"|the\s+(?:paper|newspaper|daily|tabloid))"  # "an editorial in the paper": the outlet before
    # "An article in the Wall Street Journal (WSJ) published on Monday local time"
    r"(?:\s+\([A-Z]{2,6}\))?(?:\s+(?:published|released|posted|run)\b[^,;:“”\"]*)?)?$"
)
_ISSUED = re.compile(r"^(?:statement|message|note|letter|readout|communiqu[eé]|press\s+release)$")
# "The foreign ministry issued a statement on Friday": who issued the document that speaks next
_ISSUING = re.compile(
    r"\b(?:issued|released|published|put\s+out|posted|sent|delivered|circulated|distributed)"
    r"\s+(?:a|an|its|their|his|her)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?P<noun>statement|notice|letter|message|note|readout|communiqu[eé]|press\s+release|"
    r"release|declaration|bulletin|circular|memo|document)\b",
    re.IGNORECASE,
)
# "a statement issued on Sunday by the Ministry of National Defence"
_DOCUMENT_ISSUED_BY = re.compile(
    r"\b(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?P<noun>statement|message|note|letter|"
    r"readout|communiqu[eé]|press\s+release)\s+(?:issued|released|published|posted|sent)"
    r"(?:\s+[^,.;:“”\"]{0,40}?)?\s+by\s+(?P<issuer>(?:the\s+)?[A-Z][\w’'.-]*"
    r"(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*){0,5})"
)


@functools.lru_cache(maxsize=16)
def _document_introduced(noun: str) -> re.Pattern[str]:
    """ "the council said in a report published yesterday", "the ministry released a report",
    "the embassy's spokesperson said in a statement": a document and who put it out."""
    return re.compile(
        r"\b(?:said|says|stated|wrote|warned|noted|found|concluded|argued|added|issued|released|"
        r"published|put\s+out)(?:\s+in)?\s+(?:a|an|its|their)\s+(?:[\w’'-]+\s+){0,3}?"
        rf"{re.escape(noun)}\b"
    )


_COUNTRY_POSSESSIVE = re.compile(
    r"^((?:South|North)?\s*(?:China|Japan|Korea|Russia|Taiwan|America|Britain|France|Germany|"
    r"India|Australia|the\s+U\.S\.|U\.S\.|US|Seoul|Tokyo|Beijing|Taipei|Washington|Moscow|"
    r"Pyongyang))[’']s?\s+"
)
_CJK_GLOSS = re.compile(
    r"\s*[(（][^()（）]*[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][^()（）]*(?:[)）]|$)"
)
_COUNTRY_WORD = re.compile(
    r"\b(?:China|Japan|Korea|Russia|Taiwan|America|Britain|France|Germany|India)\b"
)
SENTENCE_BREAK = re.compile(r"(?:[.!?][”\"’]?\s+|\n)(?=[“\"‘]?[A-Z])")
PRONOUN_DESCRIPTION_REACH = 800  # characters back from "she said" to "The minister arrived"
_PERSON_HEAD_WORDS = "|".join(
    sorted(
        PERSON_HEADS
        | {word for word in ROLE_WORDS.lower().split("|") if " " not in word and len(word) > 3},
        key=len,
        reverse=True,
    )
)
# a person described without a name who may be "he"/"she" later: "The minister arrived …"
_PERSON_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s)|(?<=\n))(?P<phrase>(?:The|A|An)\s+"
    rf"(?:[a-z][\w-]*\s+){{0,3}}?(?P<head>{_PERSON_HEAD_WORDS}))\b(?![’'-])"
)
STATEMENT_REACH = 1000  # characters from the author's last words
_OUTLET_DOCUMENT = re.compile(r"^(?:editorial|commentary|article|piece|column|op-ed|report)$")
OUTLET_DOCUMENT_REACH = 1500  # characters from the outlet's last mention
_BARE_DESCRIPTION = re.compile(r"^(?i:the)\s+([a-z]+)$")
_PERSON_DESCRIPTION = re.compile(
    r"^(?i:the|this|that)\s+(?P<mods>(?:[a-z][\w-]*\s+|[A-Z][a-z]+(?:ese|ian|an|ish|i)\s+){0,2})"
    r"(?P<head>[a-z]+)$"
)
_DESCRIBED_HEADS = frozenset(
    {"embassy", "consulate", "office", "council", "military", "army", "navy", "government",
     "official", "diplomat", "source", "spokesman", "spokeswoman", "spokesperson", "envoy",
     "delegation", "committee", "commission", "court", "agency", "ministry", "department"}
)  # fmt: skip
_NAME_AFTER_ROLE = re.compile(r",?[ \t]+([A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){0,2})")
# a lower-case word after a description's head that continues its noun phrase: "official" is
# then an adjective ("the first official contact"); verbs, prepositions, relatives do not
_NOUN_AFTER = re.compile(
    r"[ \t]+(?!(?:in|of|at|for|to|and|or|but|who|which|that|with|from|on|by|as|said|says|"
    r"told|is|was|were|are|has|had|have|will|would|could|can|may|might|should|also|familiar|"
    r"close|based|speaking|not|then|later|still|added|noted|warned|stressed)\b)"
    r"[a-z][a-z-]*(?<!ed)(?<!ly)\b(?![’'])"
)
DESCRIPTION_REACH = 2000  # characters back for "the embassy" → "South Korea’s embassy in Beijing"

# patterns of the hot paths, compiled once (an inline re.search looks its pattern up each call)
_DOUBLE_COMMA = re.compile(r",,$")
_QUOTE_MARK = re.compile(r"[“”\"«»]")
_POSSESSIVE_END = re.compile(r"[’']s?$")
_LETTER = re.compile(r"[A-Za-z]")
_BE_BEFORE = re.compile(r"\b(?:is|was|were|are|been|being|be)\s+(?:\w+ly\s+)?$")
_CONJUNCTION_END = re.compile(r"(?:^|\s|,)(?:and|but|or)(?:\s+also)?(?:\s+[a-z]+ly)?\s*$")
_LEADING_CONJUNCTION = re.compile(r"^(?:and|but|so|or|both|either)\s+", re.I)
_LEADING_WITH = re.compile(r"^with\s+(?=[A-Z])")
_ACRONYM_GLOSS = re.compile(r"\s*\([A-Z][A-Za-z]{1,7}\)$")


@functools.lru_cache(maxsize=64)
def _mention_pattern(head: str) -> re.Pattern[str]:
    """An earlier description with this head: ``the Chinese embassy in Seoul``, ``South Korea’s
    embassy in Beijing``, ``a senior official in Tokyo``."""
    word = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w’'-]*)"
    place = rf"(?:[ \t]+(?:in|of|at|for|to)[ \t]+(?:the[ \t]+)?{word}(?:[ \t]+{word}){{0,3}})?"
    opening = r"(?:\b(?:the|a|an|The|A|An)\s+|\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s\s+)"
    return re.compile(rf"({opening}(?:[A-Za-z][\w.-]*\s+){{0,3}}?(?i:{head})\b{place})")


# "U.S." keeps the period of its last initial, "Ferdinand Marcos Jr." and "Acme Co." theirs
_KEPT_PERIOD = re.compile(r"\b(?:[A-Z]\.[A-Z]\.|Jr\.|Sr\.|Co\.|Inc\.|Ltd\.|Corp\.)$")
_LEADING_MARKS = re.compile(r"^[\s,]*[’'”\"»]+[\s,]*")
_OUR = re.compile(r"^(?:our|my)\s+", re.I)  # the writer's own: "our embassy in Beijing"
_NAME_PAIR = re.compile(
    r"\b([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+and\s+(?:the\s+)?"
    r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\b"
)
_STAFF_OF = re.compile(
    r"\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})[’']s\s+(?:office|aides?|spokes(?:man|woman|person)|"
    r"camp|team|lawyers?|representatives?|campaign|family|secretary)\b"
)
STAFF_REACH = 300  # characters back from "he" to "Yoon's office"
PAIR_REACH = 600  # characters back to "X and Y" for "the former" / "the latter"
IT_SUBJECT_REACH = 400  # characters back to the sentence whose subject "it" may be
IT_REACH = 1000  # characters: "it said" refers to an organisation that spoke this recently


@dataclass(frozen=True)
class Source:
    speaker: str | None
    role: str | None = None
    outlet: str | None = None
    is_person: bool = False


_PREPOSITION_START = re.compile(
    r"^(?:in|on|at|for|during|after|before|with|following|from|by|under|over|amid|despite|"
    r"regarding|like|unlike|through|without|together\s+with|of)\b",
    re.IGNORECASE,
)
_LAST_DETERMINER = re.compile(
    r".*\b(the|a|an|this|these|those|some|many|most|several|few|two|three|four|five)\s+",
    re.I | re.S,
)
_SUBORDINATORS = {"while", "although", "though", "if", "as", "because", "since", "when", "whereas"}


@dataclass(frozen=True)
class Subject:
    phrase: str
    coordinated: bool = False
    subordinate: bool = False  # "while Seoul says ...": the clause ends at the next comma
    role: str | None = None  # an appositive: "Maria Jensen, a spokesperson for X, said"


def subject_before(text: str, lower: int, cue_start: int) -> Subject:
    """The noun phrase before a cue (``the South Korean foreign minister told``)."""
    window_start = max(lower, cue_start - 300)
    window = text[window_start:cue_start]
    datelines = list(_DATELINE_IN.finditer(window)) if "—" in window or "-" in window else []
    dateline = datelines[-1] if datelines else None
    if dateline is not None and (dateline.group().startswith("\n") or window_start == lower):
        window = window[dateline.end() :]  # "WARSAW, Poland (AP) — Poland’s prime minister said"
    window = _strip_time(_PARENTHESIS.sub("", window))
    window = _SINCE_ADVERB.sub(r"\1", window)  # "North Korea has since claimed": an adverb
    # "Trump, asked whether he trusted Xi, said": the question put to the subject names no one
    window = _ASKED_INSERT.sub(" ", window)
    relative = _RELATIVE_INSERT.search(window)
    if relative:
        # "China and Russia, which have grown closer since the war, said": the relative clause
        # describes the subject before it (its own subordinate clauses name no speaker)
        head = _strip_filler(relative.group(1).split(",")[-1])
        head = re.sub(r"^.*\b(?:that|when|while|as|if|because|since|although)\s+", "", head)
        head = _NAME_MODIFIER.sub("", head)  # "Democratically governed Taiwan, which …"
        if (
            head
            and (
                _NAME_RUN.fullmatch(head)
                or _DESCRIPTION_NP.match(head)
                or _NAME_COORDINATION.fullmatch(head)
            )
            and not _VERB_IN_PHRASE.search(head)
        ):
            return Subject(head)
    restrictive = _THAT_RELATIVE.search(window)
    if restrictive:
        # "The People’s daily that belongs to China’s ruling Communist Party emphasized": a
        # restrictive relative clause (a verb right after "that") describes the name before it
        head = _strip_filler(restrictive.group(1))
        if (
            _NAME_RUN.fullmatch(head) or _DESCRIPTION_NP.match(head)
        ) and not _VERB_IN_PHRASE.search(head):
            return Subject(head)
    # "… begged to differ and strongly affirmed": an adverb after the conjunction too
    if _CONJUNCTION_END.search(window):
        stripped = re.sub(r",?\s*(?:and|but|or)(?:\s+also)?(?:\s+[a-z]+ly)?\s*$", "", window)
        segment = re.split(r"[,;:()“”\"«»]", stripped)[-1].strip()
        words = segment.split()
        for position, word in enumerate(words):
            if position > 0 and _VERBISH.match(word):
                return Subject(" ".join(words[:position]), coordinated=True)
        return Subject("", coordinated=True)
    cuts = [(0, "")] + [(match.end(), match.group()) for match in _BOUNDARY.finditer(window)]
    ends = [start for start, _ in cuts[1:]] + [len(window) + 1]
    segments = [
        (window[start : end - len(cuts[number + 1][1]) if number + 1 < len(cuts) else None], mark)
        for number, ((start, mark), end) in enumerate(zip(cuts, ends, strict=True))
    ]
    phrase = ""
    subordinate = False
    directly_after_comma = False
    for position, (segment, mark) in enumerate(reversed(segments)):
        if directly_after_comma and mark == "," and _INSERTED_ADVERB.match(segment.strip()):
            continue  # "Analysts, however, say": the adverb is set off between commas
        if directly_after_comma and mark == "," and _PARTY_STATE.match(segment.strip()):
            continue  # "Rep. Young Kim, R-Calif., said": party and state of a lawmaker
        cleaned = _strip_filler(segment)
        if not cleaned:
            if position == 0 and mark == ",":
                directly_after_comma = True
                continue
            if position == 0 and mark.lower() in {"who", "which"}:
                # "President Ada Lind who said …": the relative pronoun's antecedent
                index = len(segments) - 2
                while index >= 0 and not segments[index][0].strip():
                    index -= 1  # "… among analysts, who say": past the comma
                before = _strip_filler(segments[index][0]) if index >= 0 else ""
                run = _NAME_RUN.search(before)
                if run and (run.start() == 0 or before[run.start() - 1] == " "):
                    return Subject(run.group())
                if _DESCRIPTION_NP.match(before) and not _VERB_IN_PHRASE.search(before):
                    return Subject(before)
                tail = _PLURAL_TAIL.search(before)
                if tail:  # "… went further than previous prime ministers who expressed"
                    return Subject(tail.group(1))
            break
        if directly_after_comma and mark == "," and _ISSUED_BY.match(cleaned):
            # "The report, released Tuesday by the Pentagon, said": a document and its author
            index = len(segments) - position - 2
            before = _strip_filler(segments[index][0]) if index >= 0 else ""
            if _DOCUMENT.match(before):
                return Subject(f"{before} {cleaned}")
        if directly_after_comma and _PARTICIPLE_START.match(cleaned) and mark == ",":
            continue  # ", speaking at a briefing on Thursday," between subject and cue
        if _PREPOSITION_START.match(cleaned):
            if directly_after_comma:
                continue  # a parenthetical: ", in its statement following the meeting,"
            determiner = _LAST_DETERMINER.match(cleaned)
            if determiner and not _PREPOSITION_START.match(cleaned[determiner.start(1) :]):
                phrase = cleaned[determiner.start(1) :]
            break
        phrase = cleaned
        subordinate = mark.lower() in _SUBORDINATORS
        if directly_after_comma and mark.lower() in {"who", "which"}:
            # "The minister, who spoke on condition of anonymity, said": the relative clause
            # describes the subject before it
            index = len(segments) - position - 2
            while index >= 0 and not segments[index][0].strip():
                index -= 1
            before = _strip_filler(segments[index][0]) if index >= 0 else ""
            if before and (
                _NAME_RUN.fullmatch(before)
                or _DESCRIPTION_NP.match(before)
                or _NAME_COORDINATION.fullmatch(before)  # "China and Russia, which …, said"
            ):
                return Subject(before)
        if (
            directly_after_comma
            and mark == ","
            and (
                re.match(r"(?:a|an|the)\s", cleaned, re.I)
                or cleaned[:1].islower()
                or re.match(rf"(?:{ROLE_WORDS})\b", cleaned)
            )
        ):
            # an appositive: the name is the segment before it, the appositive its role
            index = len(segments) - position - 2
            before = _strip_filler(segments[index][0]) if index >= 0 else ""
            if re.fullmatch(r"\d{1,3}", before) and index >= 1:
                before = _strip_filler(segments[index - 1][0])  # "Lind, 45, a teacher, said"
            run = _NAME_RUN.search(before)
            # "Although China and Russia, two of the five …, have said": a subordinate clause
            led = index >= 0 and segments[index][1].lower() in _SUBORDINATORS
            if (run and run.start() == 0 and before[:1].isupper()) or (
                _NAME_COORDINATION.fullmatch(before)  # "China and Russia, two of the five …"
                # "their predecessors, Ivo Berg and Olaf Dunn, have never done, noted …": a
                # predicate after the names, no appositive
                and not _PREDICATE_START.match(cleaned)
            ):
                role = _LEADING_DETERMINER.sub("", cleaned)
                return Subject(before, role=role, subordinate=led)
            if (
                _DESCRIPTION_NP.match(before)
                and _THE_NAME.fullmatch(cleaned)
                and not _VERB_IN_PHRASE.search(before)
            ):
                # "A major daily, the JoongAng Ilbo, reported": the description, then its name
                return Subject(cleaned)
            if (
                _DESCRIPTION_NP.match(before) or _BARE_PLURAL_NP.match(before)
            ) and not _VERB_IN_PHRASE.search(before):
                # "The unions, long wary of the plan, said" / "The minister, a veteran, said" /
                # "Farmers in the region, long wary of the plan, said"
                determined = re.match(r"(?:a|an|the)\s", cleaned, re.I)
                return Subject(
                    before, role=_LEADING_DETERMINER.sub("", cleaned) if determined else None
                )
        break
    if " and " in phrase and _NAME_COORDINATION.fullmatch(phrase):
        # "The United States, Japan and South Korea said": the names listed before it too
        at = window.rfind(phrase)
        listed = _NAME_LIST_BEFORE.match(window[:at]) if 0 < at <= 200 else None
        if listed and not re.match(r"\s*(?:In|At|On|For|From|After|Before|With)\b", window):
            names = [part.strip() for part in listed.group(1).split(",") if part.strip()]
            phrase = " and ".join([*names, phrase])
    if _PREPOSITION_START.match(phrase):
        determiner = _LAST_DETERMINER.match(phrase)
        phrase = phrase[determiner.start(1) :] if determiner else ""
    affiliated = _AFFILIATED_NAME.match(phrase)
    if (
        affiliated
        and len(phrase.split()) <= 14
        and not ORG_WORDS.search(affiliated.group(1))
        and not _ROLE_IN_PHRASE.search(affiliated.group(1))
        and not affiliated.group(1).startswith(("The ", "A ", "An "))
    ):
        # "Bonnie Lin of the Center for Strategic and International Studies": the person
        return Subject(affiliated.group(1), subordinate=subordinate)
    if len(phrase.split()) > 9:
        # "the editorial of the influential daily published by the ruling Communist Party"
        phrase = _PUBLISHER_TAIL.sub("", phrase) or phrase
    if len(phrase.split()) > 9 and not (
        len(phrase.split()) <= 14
        and (
            _UNNAMED_SOURCE_PHRASE.match(phrase)
            or (_TITLED_PAIR.fullmatch(phrase) and not _VERB_IN_PHRASE.search(phrase))
        )
    ):
        run = _NAME_RUN.search(phrase)
        phrase = run.group() if run else ""
    return Subject(phrase, subordinate=subordinate)


# "US President Donald Trump and North Korean leader Kim Jong-un": two titled names
_TITLED_PAIR = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+)(?:[\w’'.-]+\s+){0,5}[A-Z][\w’'.-]*\s+and\s+"
    r"(?:[A-Z][\w’'.-]*\s+)(?:[\w’'.-]+\s+){0,5}[A-Z][\w’'.-]*"
)
_ASKED_INSERT = re.compile(
    r",\s+(?:when\s+|after\s+being\s+|being\s+)?(?:asked|pressed|questioned)\b[^,;:“”\"]{0,150},\s*$"
)
# "A source close to the Republican Party in the US": an unnamed source and what places it
_UNNAMED_SOURCE_PHRASE = re.compile(
    r"^(?i:a|an|the|one|two|three|several|some)\s+(?:[\w-]+\s+){0,2}(?:source|sources|official|"
    r"officials|diplomat|diplomats|person|people|insider|insiders|aide|aides|adviser|advisers)\s+"
    r"(?:close\s+to|familiar\s+with|briefed\s+on|involved\s+in|in|at|from|with)\s"
)
# a person's name with the organisation it belongs to, capitalised words only after it
_AFFILIATED_NAME = re.compile(
    r"^([A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){1,3})\s+(?:of\s+the|at|from)\s+(?:the\s+)?"
    r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|for|and|on|the|&))*$"
)


_ISSUED_BY = re.compile(
    r"^(?:(?:issued|published|released|posted)\b(?:\s+(?!by\b)[\w’'-]+){0,4}\s+by"
    r"|attributed\s+to)\s+\S"  # "The statement, attributed to an unnamed spokesperson, said"
)
_PARTY_STATE = re.compile(r"^[RDI]-[A-Z][A-Za-z.]*$")
_RELATIVE_INSERT = re.compile(r"(?:^|[.!?]\s+)([^.!?]*?),\s+(?:who|which)\s[^,;:“”\"]{2,160},\s*$")
_CAPITALISED_NAME = r"(?:[Tt]he\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}"
_NAME_COORDINATION = re.compile(rf"{_CAPITALISED_NAME}\s+and\s+{_CAPITALISED_NAME}")
_NAME_LIST_BEFORE = re.compile(rf"^\s*((?:{_CAPITALISED_NAME},\s+)+)$")
_PLURAL_TAIL = re.compile(
    r"\b(?:than|by|from|with|like|as|among)\s+((?:(?:the|some|many|previous|former|other)\s+)?"
    r"(?:[a-z]+\s+){0,2}[a-z]+s)$"
)
_INSERTED_ADVERB = re.compile(
    r"^(?:however|meanwhile|moreover|furthermore|though|too|also|in\s+turn|for\s+(?:his|her|its|"
    r"their)\s+part|in\s+response|in\s+contrast|by\s+contrast|nonetheless|nevertheless|"
    r"instead|likewise|similarly|separately|[a-z]+ly|\d{1,3})$",
    re.I,
)
_DESCRIPTION_NP = re.compile(
    r"^(?i:the|a|an|its|his|her|their|this|that)\s+[\w’'-]+(?:\s+[\w’'-]+){0,6}$"
)
_BARE_PLURAL_NP = re.compile(  # "Farmers in the region", "Officials at the ministry"
    r"^(?:[A-Z][a-z]+(?:s|men|people)|Police|People|Staff|Crew)(?:\s+(?:in|at|from|of|on|across|near)\s+(?:the\s+)?[\w’'-]+"
    r"(?:\s+[\w’'-]+){0,3})?$"
)
_VERB_IN_PHRASE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|said|says)\b", re.I
)
_PARENTHESIS = re.compile(r"\s*\([^()]{1,60}\)")
_PARTICIPLE_START = re.compile(r"^(?:[a-z]+ing|[a-z]+ed\s+(?:by|to|in|at|on))\b")
_DAY_WORDS = (
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|"
    r"(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.\s+\d{1,2}|(?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\s+\d{1,2}"
)
_TRAILING_TIME = re.compile(
    rf"\s+(?:(?:on|last|this|late|early|earlier|later)\s+)?(?:{_DAY_WORDS})"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s+local\s+time)?(?=,?$)"
    r"|\s+(?:last|this|earlier\s+this)\s+"
    r"(?:week|month|year|weekend)$"
    # "Acme Corp a few weeks ago", "the ministry two days earlier"
    r"|\s+(?:an?|one|two|three|four|five|six|several|a\s+few|some|\d+)\s+"
    r"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|later|before)$"
)


def _strip_time(window: str) -> str:
    """``The ministry on Tuesday`` / ``MOFA yesterday`` → the phrase without its time."""
    previous = None
    while window != previous:
        previous = window
        window = _TRAILING_TIME.sub("", window.rstrip())
        window = _DOUBLE_COMMA.sub(",", window)
    return window + " "


# a wire dateline opening a paragraph: "WARSAW, Poland (AP) — ", "SEOUL, Dec. 3 (Yonhap) -- ",
# "BEIJING (Reuters) - "
DATELINE = re.compile(
    r"[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3}(?:,\s+[A-Z][\w.'-]*(?:\s+[\w.'-]+){0,2})?"
    r"\s*(?:\([^()\n]{1,30}\))?(?:\s*(?:—|–|--?)\s+(?=\S)|\s+(?:—|–|-)(?=[A-Z])"
    r"|(?<=[A-Z)])(?:—|–|--)(?=[A-Z]))"
)  # "TAIPEI (Reuters) -China’s …", "BEIJING--China …": the dash may touch the first word
_DATELINE_IN = re.compile(r"(?:^|\n)\s*" + DATELINE.pattern)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+\s+[—–-]+\s+")
_OPENING_ADVERBIAL = re.compile(r"^(?:[A-Z][a-z]+(?:\s+\w+){0,6},\s+)")


def names_document_author(phrase: str) -> bool:
    """``The statement, attributed to an unnamed spokesperson`` / ``a report by the Pentagon``:
    a document with its author named."""
    match = _DOCUMENT.match(phrase)
    return bool(match and match.group("author"))


def sentence_subject(sentence: str) -> str:
    """The noun phrase a sentence opens with, up to its first verb-like word: the subject a
    participle cue refers back to (``Thousands of farmers blocked roads, demanding that …``)."""
    sentence = _DATELINE.sub("", sentence[:300])
    sentence = _OPENING_ADVERBIAL.sub("", sentence)
    words = []
    for position, word in enumerate(sentence.split()):
        bare = word.strip(",;:")
        if position > 0 and (_VERBISH.match(bare) or bare.lower() in _FINITE):
            return " ".join(words)
        if word != bare or len(words) >= 10:
            return ""  # "North Korean leader Kim Jong Un’s sister Kim Yo Jong issued": 9 words
        words.append(word)
    return ""


_FINITE = set(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "may",
        "might",
        "met",
        "made",
        "gave",
        "took",
        "went",
        "came",
        "said",
        "told",
        "held",
        "began",
        "left",
        "kept",
        "led",
        "won",
        "lost",
        "sent",
        "set",
        "put",
        "ran",
        "saw",
    ]
)


_TRAILING_ADVERB = re.compile(r"\s+[a-z]+ly$")
_NOT_ADVERBS = frozenset({"ally", "family", "daily", "weekly", "monthly", "italy", "assembly"})


def _strip_filler(segment: str) -> str:
    previous = None
    segment = segment.strip()
    while segment and segment != previous:
        previous = segment
        segment = _TRAILING_FILLER.sub("", " " + segment).strip()
        adverb = _TRAILING_ADVERB.search(" " + segment)
        if adverb and adverb.group().strip() not in _NOT_ADVERBS and " " in segment:
            segment = segment[: adverb.start()].strip()  # "Seoul promptly voiced" -> Seoul
    return segment


_SURNAMED = re.compile(r"^(?:(?i:a|an|the|one)\s+)?[a-z][\w\s-]{0,40}?\bsurnamed\s+([A-Z][\w-]+)$")
_OWNER_BEFORE = re.compile(r"\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?[’']s\s+$")
_DATELINE_START = re.compile(r"^[A-Z][A-Z .,'-]*[A-Z]\s+(?:\([^()]{1,40}\)\s+)?[-—–]{1,2}\s+")
# "the paper published by the ruling Communist Party": who publishes it is no speaker
_PUBLISHER = (
    r"\s+(?:published|owned|run|operated|controlled|backed|funded|affiliated)\s+(?:by|with)\s.*$"
)
_PUBLISHER_TAIL = re.compile(_PUBLISHER, re.S)
_RELATIVE_TAIL = re.compile(
    r"\s+(?:who|which|whom|whose)\s.*$|\s+that\s+(?:belongs|belonged)\s+to\s.*$"
    rf"|{_PUBLISHER}"
    r"|\s+(?:in|on|at|via|through)\s+(?:its|his|her|their|a|an|"
    r"the)\s+(?:[\w-]+\s+){0,2}(?:statement|remarks|comments|post|message|briefing|interview|"
    r"website|account|letter|speech|address)\b.*$",
    re.S,
)


def _tidy_phrase(phrase: str) -> str:
    """A source phrase without a dateline before it (``BEIJING --``), a relative clause or the
    channel after it (``who asked not to be named``, ``in its statement``) and a time
    (``Sunday``): ``officials who demanded anonymity`` → ``officials``."""
    phrase = _DATELINE_START.sub("", phrase)
    phrase = _RELATIVE_TAIL.sub("", phrase)
    tidy = _strip_time(phrase).strip(" ,")
    return tidy or phrase


_NAME_MODIFIER = NAME_EPITHET
_ORG_HEAD_END = re.compile(
    r"\b(?:Ministry|Department|Council|Office|Agency|Commission|Committee|Bureau|Institute|"
    r"Administration|Authority|Association|Chamber|Federation|Service)$"
)
_ORG_TAIL = (
    r"\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:and|of|for|the)\s+)*[A-Z][\w’'-]*){0,5}"
)
_SHORT_MINISTRY = re.compile(
    r"^(?P<owner>(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*[’']s\s+)?(?P<mod>[A-Z][a-z]+)\s+"
    r"(?P<head>Ministry|Department)$"
)
_PARTITIVE = re.compile(
    r"^(?:(?:one|some|many|most|each|several|all|any|none|two|three|four)\s+)?of\s+"
    r"((?i:the|these|those)\s+\S.*)$",
    re.I,
)
_HEAD_THEN_PREPOSITION = re.compile(
    r"^(?:a|an|the|one)\s+(?:[a-z][\w-]*\s+){1,3}(?:of|for|at|from|with|in)\s+(?:the\s+)?"
    r"[A-Z][\w.-]*[’']s\s+(?:[a-z][\w-]*\s+){0,2}$",
    re.I,
)
_THAT_RELATIVE = re.compile(
    r"(?:^|[.!?,]\s+)((?:[Tt]he\s+)?[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,4}?)\s+that\s+(?:belongs|belonged|"
    r"is\s+(?:owned|run|published)|was\s+(?:owned|run|published)|runs|publishes|owns|represents|"
    r"speaks\s+for|oversees|controls|operates)\b[^,;:“”\"]{0,120}$"
)
_WORD_REST = re.compile(r"[\w’'-]+")
_PREDICATE_START = re.compile(
    r"(?:have|has|had|is|are|was|were|will|would|can|could|did|do|does|never|not|also)\b"
)
# "North Korea has since claimed": "since" after an auxiliary is an adverb, no subordinator
_SINCE_ADVERB = re.compile(r"\b(has|have|had)\s+since\s*$")
# a sentence adverb after the subject: "China meanwhile stressed"
_SENTENCE_ADVERB_END = re.compile(
    r"(?<=\w)\s+(?:meanwhile|however|though|too|instead|nevertheless|likewise|similarly|"
    r"separately|also|again|later|earlier|then)$"
)
# an outlet named as another's owner: "the sister paper of China’s state-controlled People’s
# Daily", "under the auspices of the People’s Daily", "the party’s flagship, the People’s Daily"
# "the Global Times, published by the People’s Daily": the owner (an editorial "published by"
# its outlet is that outlet's)
_OWNER_CONTEXT = re.compile(
    r"(?:\b|(?=,))(?:sister\s+(?:paper|publication|newspaper)\s+of|affiliated\s+with|under\s+the\s+"
    r"auspices\s+of|owned\s+by|flagship,?|parent\s+(?:paper|company),?|"
    r"subsidiary\s+of|compared\s+with|,\s+(?:published|run)\s+by)\s+(?:[\w’'-]+\s+){0,4}$"
)
# "BEIJING (Reuters) -": the wire that publishes the story
_WIRE_DATELINE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z.'/ -]*[A-Z]\s*\($")
_THE_NAME = re.compile(r"(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*){0,4}")
_QUANTITY_OF = re.compile(
    r"^(?:(?i:a|an|the)\s+)?(?:(?:growing|large|small|increasing|rising|record|significant|"
    r"sizable|substantial)\s+)?(?:number|handful|majority|minority|host|slew)\s+of\s+"
    r"((?!the\b|these\b|those\b|them\b)[\w’'-]+(?:\s+[\w’'-]+){0,5})$",
    re.I,
)
_JUNK_START = re.compile(
    r"^(?:to|of|past|in|on|at|for|from|by|with|about|than|into|over|under|after|before|during|"
    r"and|or|but|that|which|what|who|whom|whose|how|when|where|why|if|as|not|no|[a-z]+ly|"
    # participles, but not the adjectives of a source ("unnamed source", "leading analyst")
    r"(?!(?:unnamed|unidentified|retired|respected|renowned|concerned|informed|elected|"
    r"detained|disgruntled|leading|visiting|ruling|outgoing|incoming|acting|governing|"
    r"founding|presiding|sitting|serving|ranking|dissenting|striking)\b)(?:[a-z]+ing|[a-z]+ed)|"
    r"spoke|said|says|told|made|gave|took|went|came|met|held|wrote|saw|knew|"
    r"thought|began|left|sent|won|lost|ran|brought|sought|found|put|set|kept|led|is|was|were|are|"
    r"has|had|have|will|would|could|should|can|may|might|must)\b(?!-)"  # not "democratically-elected"
)
_TIME_ONLY = re.compile(
    rf"^(?:(?:on|last|this|next|early|late)\s+)?(?:{_DAY_WORDS}|week|month|year|weekend|"
    r"morning|afternoon|evening|night|Jan\.?|Feb\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)$",
    re.I,
)


def not_a_speaker(phrase: str) -> bool:
    """True for a speaker string that is no noun phrase: a time word (``Friday``), the tail of
    a preposition or a clause (``to``, ``of the sources``, ``spoke of …``), a bare possessive
    (``Takaichi’s``: the head noun is missing) or a piece of a quotation (``China “continues``)."""
    phrase = phrase.strip()
    if not phrase:
        return False
    if _TIME_ONLY.match(phrase) or _JUNK_START.match(phrase):
        return True
    if _QUOTE_MARK.search(phrase) or _POSSESSIVE_END.search(phrase):
        return True
    return not _LETTER.search(phrase)  # "—"


def is_passive(text: str, lower: int, cue_start: int) -> bool:
    window = text[max(lower, cue_start - 30) : cue_start]
    return bool(_BE_BEFORE.search(window))


_COMPASS = frozenset({"North", "South"})
_COMPANY_MENTION = re.compile(r"^(?i:the)\s+(?:company|firm|chipmaker|carmaker|automaker)$")
_COMPANY_NAME = re.compile(r"\b(?:Co|Corp|Inc|Ltd|LLC|Plc|Company|Corporation|Holdings|Group)\.?$")
_MINISTRY_MENTION = re.compile(r"^(?i:the)\s+(?:[a-z]+\s+)?(?:ministry|department)$")
_SINGULAR_OUTLET = re.compile(
    r"\b(?:newspaper|paper|daily|outlet|agency|broadcaster|tabloid|mouthpiece)$", re.I
)
_POSSESSIVE_PLACE = re.compile(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s?\s+")


class SpeakerResolver:
    """Resolves subject phrases to sources, using the document's name index."""

    def __init__(self, names: NameIndex, text: str = "") -> None:
        self.names = names
        self.text = text
        self.last_speaker: str | None = None
        self.last_outlet: str | None = None
        self.last_person: str | None = None
        self.sieve = MentionSieve()
        self._nationalities_said: dict[str, set[str]] = {}
        self._compass: dict[str, str] = {}

    def remember(self, source: Source, position: int = -1) -> None:
        if source.speaker:
            self.sieve.remember(
                source.speaker,
                source.speaker == source.outlet,
                self._animacy(source),
                gender_of(source.role, self.names.roles.get(source.speaker))
                or self.names.gender_of(source.speaker),
                position,
            )
            self.last_speaker = source.speaker
            if source.role:
                self.names.roles.setdefault(source.speaker, source.role)
            if source.is_person:
                self.last_person = source.speaker
        if source.outlet:
            self.last_outlet = source.outlet

    def remember_outlet(self, outlet: str, position: int) -> None:
        """An outlet that passed someone's words on: later ``the newspaper`` may mean it, but
        ``it said`` does not (the speaker of the sentence is someone else)."""
        self.sieve.remember(outlet, True, None, None, position)
        self.last_outlet = outlet

    def resolve(self, phrase: str, position: int) -> Source:
        # "‘…,’ the minister said": a closing single mark is no part of the subject
        stripped = _LEADING_MARKS.sub("", phrase).strip(" ,")
        # "U.S." keeps the period of its last initial
        stripped = stripped if _KEPT_PERIOD.search(stripped) else stripped.strip(" ,.")
        phrase = _LEADING_CONJUNCTION.sub("", stripped)
        # "…, and with Beijing warning that …": the absolute construction's noun phrase
        phrase = _LEADING_WITH.sub("", phrase)
        # "the Joint Chiefs of Staff of the Republic of Korea (JCS)": the acronym glosses it
        phrase = _ACRONYM_GLOSS.sub("", phrase)
        # "Vincent Chen (陳文賢)": the name in Chinese characters glosses it
        phrase = _CJK_GLOSS.sub("", phrase)
        if not phrase:
            return Source(None)
        phrase = _tidy_phrase(phrase)
        phrase = _SENTENCE_ADVERB_END.sub("", phrase)  # "China meanwhile stressed"
        if not phrase:
            return Source(None)
        phrase = _NAME_MODIFIER.sub("", phrase)  # "Taipei-based United Daily News"
        surnamed = _SURNAMED.match(phrase)
        if surnamed:
            # "a resident surnamed Liu": the description is the source; later "Liu" is it too
            bare = _LEADING_DETERMINER.sub("", phrase)
            self.names.fullest[surnamed.group(1)] = bare
            return Source(bare, is_person=True)
        if phrase in self.names.fullest and _SURNAMED.search(self.names.fullest[phrase]):
            return Source(self.names.fullest[phrase], is_person=True)
        partitive = _PARTITIVE.match(phrase)
        if partitive:  # "one of the sources" -> the sources named before
            phrase = partitive.group(1)
        quantity = _QUANTITY_OF.match(phrase)
        if quantity:  # "a growing number of Japanese officials" -> Japanese officials
            phrase = quantity.group(1)
        lowered = phrase.lower()
        if lowered in {"another", "another one", "a second", "a third", "a fourth"}:
            # "“…,” one diplomat said. Another said …": one more of the unnamed sources
            for speaker, _, _, spoken_at in reversed(self.sieve.referents):
                if position - spoken_at > PRONOUN_DESCRIPTION_REACH:
                    break
                if speaker[:1].islower():
                    return Source(speaker.split()[-1], is_person=True)
                break
        if lowered in {"the former", "former", "the latter", "latter"}:
            pair = self._last_pair(position)
            if pair is None:
                return Source(None)
            name = pair[0] if lowered.endswith("former") else pair[1]
            return Source(name, self._role(name), is_person=self._is_person_name(name))
        if lowered in PRONOUNS:
            # the sieve's pronoun pass: the last person who spoke, of the pronoun's gender when
            # that is known (measured on the tune half: better than the last person named, who
            # is often the object of the last sentence)
            gender = "f" if lowered in {"she", "her", "hers"} else "m"
            name = self.sieve.last_referent(PERSON, gender)
            if name is None:
                # a name inside a quotation (a title, someone's words) is no antecedent
                mention = self.names.last_before(
                    position, (EntityKind.PERSON,), gender=gender, skip=self._quoted
                )
                name = self.names.full_name(mention.name) if mention else None
            if name is None:
                name = self._person_subject_before(position, gender)
            if name is None:
                name = self._possessor_of_staff_before(position)
            return Source(name, self._role(name), is_person=name is not None)
        if lowered == "it":
            # an organisation or outlet that spoke shortly before ("…,” it said)
            thing = self.sieve.last_referent(THING, since=position - IT_REACH)
            if thing is None:
                issuer = self._issuer_before(position, IT_REACH)
                if issuer is None:
                    issuer = self._thing_subject_before(position)
                return issuer if issuer is not None else Source(None)
            return Source(thing, self._role(thing), outlet=self._outlet_of(thing))
        if lowered in PLURAL_PRONOUNS or re.match(
            r"(?:one|some|two|three|many|most|each|all|several|none)\s+of\s+(?:them|those)$",
            lowered,
        ):
            return Source(self.last_speaker, outlet=self._outlet_of(self.last_speaker))
        author = self._document_author(phrase, position)
        if author is not None:
            return author
        sieved = self.sieve.resolve(phrase)
        if sieved is None and _MINISTRY_MENTION.match(phrase):
            # "the ministry" -> the ministry named before, spoken or not
            head = "Department" if "department" in phrase.lower() else "Ministry"
            for mention in reversed(self.names.mentions):
                if mention.start >= position or position - mention.start > DESCRIPTION_REACH:
                    continue
                if re.search(rf"\b{head}\b", mention.name) and modifiers_agree(
                    phrase, mention.name
                ):
                    # with its possessor, the fullest form: "Korea’s Foreign Ministry"
                    owner = _OWNER_BEFORE.search(
                        self.text, max(0, mention.start - 40), mention.start
                    )
                    name = self.names.full_name(mention.name)
                    if owner and name == mention.name:
                        name = owner.group() + name
                    sieved = (self._completed(name), None)
                    break
        if (
            sieved is not None
            and _SOURCE_DESCRIPTION.match(phrase)
            and is_generic_outlet(sieved[0])
        ):
            # "a US broadcaster reported …", then "… Voice of America", then "the broadcaster
            # said": the outlet named since the unnamed description
            mention = self._last_outlet_mention(position)
            described_at = self.text.rfind(
                sieved[0], max(0, position - DESCRIPTION_REACH), position
            )
            if (
                mention is not None
                and described_at < mention.start
                and (position - mention.start <= DESCRIPTION_REACH)
            ):
                return Source(mention.name, outlet=mention.name)
        if sieved is None and _COMPANY_MENTION.match(phrase):
            company = self._company_before(position)
            if company is not None:
                return Source(company, self._role(company))
        if sieved is None:
            person = self._person_described(phrase, position)
            if person is not None:
                return person
        if sieved is None:
            sieved = self._described_before(phrase, position)
        if sieved is not None:
            speaker, owner = sieved
            outlet = canonical_outlet(owner) if owner and looks_like_outlet(owner) else None
            if speaker == owner or (outlet is None and sieved[1] == speaker):
                return Source(speaker, outlet=speaker)
            return Source(speaker, self._role(speaker), outlet=outlet)
        if _SOURCE_DESCRIPTION.match(phrase):
            mention = self._last_outlet_mention(position)
            outlet = mention.name if mention else self.last_outlet
            return Source(outlet, outlet=outlet)
        if " and " in phrase and all(
            strip_article(part)[:1].isupper() for part in phrase.split(" and ")
        ):
            # coordination: "Japan and the Philippines" -> both, each in its fullest form
            parts = []
            for part in phrase.split(" and "):
                name = self.resolve(part, position).speaker or strip_article(part)
                parts.append(part.strip() if name == strip_article(part) and parts else name)
            return Source(" and ".join(parts))
        if phrase in SURNAME_WORDS and self.names.fullest.get(phrase, phrase) != phrase:
            return self._named(phrase, None)  # "…, An said" after "spokesperson An Fengshan"
        if lowered in {"the", "a", "an", "this", "that", "it", "which", "who"}:
            return Source(None)
        description = self._description(phrase, position)
        if description is not None:
            return description
        outlet = self._outlet_phrase(phrase, position)
        if outlet is not None:
            return Source(outlet, outlet=outlet)
        run = _NAME_RUN.search(phrase)
        if run and _TITLE_COMPLEMENT.search(phrase[: run.start()]):
            # "Minister for Foreign Affairs Penny Wong": a title's complement, then the name
            name, role = split_role(phrase)
            if role is not None:
                return self._named(name, role)
        if (
            run
            and (
                re.search(
                    r"\b(?:at|of|from|with|for|in)(?:\s+the)?$", phrase[: run.start()].strip(), re.I
                )
                # "a spokesman of China's customs Bureau": the head is the unnamed spokesman
                or _HEAD_THEN_PREPOSITION.match(phrase[: run.start()])
            )
        ):
            # "Analysts at ING": the head is the unnamed group, the name only qualifies it
            bare = _LEADING_DETERMINER.sub("", _OUR.sub("", phrase))
            return Source(bare, outlet=bare if is_generic_outlet(bare) else None)
        if run:
            prefix = phrase[: run.start()].strip()
            if prefix.lower() in {"", "the", "a", "an"}:
                return self._named(*split_role(run.group()))
            # "ROK Foreign Minister Chung", "The more conservative Korea Herald"
            name, role = split_role(phrase)
            if name == phrase:
                name, role = split_role(run.group())
            if name == run.group() and prefix.lower() == "to":
                # "(Ambassador) to South Korea Xing Haiming": the place is the role's, not the name's
                words = name.split()
                while len(words) > 2 and words[0] in NOT_NAMES:
                    words = words[1:]
                if len(words) < len(name.split()) and not any(w in NOT_NAMES for w in words):
                    name = " ".join(words)
            return self._named(name, role)
        # an unnamed source: "experts", "the sides", "one South Korean media outlet"
        bare = _LEADING_DETERMINER.sub("", _OUR.sub("", phrase))
        return Source(bare, outlet=bare if is_generic_outlet(bare) else None)

    def _compass_place(self, word: str) -> str:
        """``the North`` → ``North Korea`` when the text names one place ``North X``."""
        if word not in self._compass:
            followers = {
                match.group(1)
                for match in re.finditer(rf"\b{word}[ \t]+([A-Z][a-z]+)\b", self.text)
            }
            # "North Korean" is the adjective of "North Korea", no other place
            followers = {
                f for f in followers if not any(f != g and f.startswith(g) for g in followers)
            }
            self._compass[word] = f"{word} {followers.pop()}" if len(followers) == 1 else word
        return self._compass[word]

    def _company_before(self, position: int) -> str | None:
        """``the company said`` → the last company named shortly before, in its fullest form
        (``TSMC`` → ``Taiwan Semiconductor Manufacturing Co.``), or ``None``."""
        index = bisect_left(self.names._starts, position) - 1
        for mention in reversed(self.names.mentions[max(0, index - 60) : index + 1]):
            if mention.start >= position:
                continue
            if position - mention.start > DESCRIPTION_REACH:
                break
            full = self.names.full_name(mention.name)
            if _COMPANY_NAME.search(full):
                abbreviated = re.search(r"\b(?:Co|Corp|Inc|Ltd)$", full)
                if abbreviated and self.text[mention.end : mention.end + 1] == ".":
                    full += "."  # "Co." keeps its period
                return full
        return None

    def _person_described(self, phrase: str, position: int) -> Source | None:
        """``the presidential official`` / ``the veteran diplomat``: a definite description of a
        person that names no earlier unnamed speaker refers back to a person who spoke shortly
        before (the mention pass of the sieve): the last one whose role shares a word with the
        description (``deputy director at the presidential …``), else, for a bare ``the
        official``, the last person who spoke. ``None`` when there is none."""
        match = _PERSON_DESCRIPTION.match(phrase)
        if match is None:
            return None
        head = match.group("head").lower()
        if head not in PERSON_HEADS:
            return None
        modifiers = {word.lower() for word in match.group("mods").split()} - {"other"}
        if "other" in match.group("mods").lower() or "another" in phrase.lower():
            return None  # "the other official": someone else
        fallback: str | None = None
        for speaker, animacy, _, spoken_at in reversed(self.sieve.referents):
            if 0 <= spoken_at < position - DESCRIPTION_REACH:
                break
            if animacy != PERSON or not speaker[:1].isupper() or " " not in speaker:
                continue  # a full name: "Kim Hyun-chong", not "senior official"
            role = (self.names.roles.get(speaker) or "").lower()
            role_words = set(re.findall(r"[a-z][\w-]*", role))
            if (modifiers and modifiers & role_words) or (not modifiers and head in role_words):
                return Source(speaker, self._role(speaker), is_person=True)
            if fallback is None:
                fallback = speaker
        if not modifiers and fallback is not None:
            return Source(fallback, self._role(fallback), is_person=True)
        return None

    def _described_before(self, phrase: str, position: int) -> tuple[str, None] | None:
        """``the embassy`` → the fullest description with that head the text gave shortly
        before, spoken or not (``South Korea’s embassy in Beijing``): the mention pass of the
        sieve, for descriptions that did not speak yet."""
        match = _BARE_DESCRIPTION.match(phrase)
        if match is None or not self.text:
            return None
        head = match.group(1).lower()
        if head not in _DESCRIBED_HEADS:
            return None
        window_start = max(0, position - DESCRIPTION_REACH)
        # the mention being resolved ends right before ``position``: it is no antecedent of itself
        window_end = max(window_start, position - len(phrase) - 3)
        word_end = (
            _WORD_REST.match(self.text, window_end, window_end + 40)
            if window_end > window_start and self.text[window_end - 1].isalnum()
            else None
        )
        if word_end:  # never cut a word: "The government in Nor|land"
            window_end = word_end.end()
        window = self.text[window_start:window_end]
        best: str | None = None
        for found in _mention_pattern(head).finditer(window):
            if found.group(1).endswith(head) and _NOUN_AFTER.match(window, found.end()):
                continue  # "the first official contact": the head is an adjective there
            named = _NAME_AFTER_ROLE.match(window, found.end())
            full = self.names.full_name(named.group(1)) if named else ""
            if named and self.names.kind_of_name(full) is EntityKind.PERSON:
                best = full  # "the Foreign Ministry spokesman Li Qiang": the role of a name
                continue
            described = found.group(1).strip()
            if described.lower().startswith(("the ", "a ", "an ")):
                described = strip_article(described)
            if described.lower() == head:
                continue
            if best is None or len(described) >= len(best):
                best = described
        return (best, None) if best else None

    def _issuer_before(self, position: int, reach: int) -> Source | None:
        """Who issued the last document mentioned shortly before ``position``: ``The foreign
        ministry issued a statement on Friday. “…,” the statement read`` → the foreign ministry
        (gold rules: a document's words are its author's). ``None`` when no sentence within
        ``reach`` says who issued one."""
        window_start = max(0, position - reach)
        issued = max(
            _ISSUING.finditer(self.text, window_start, position),
            key=lambda match: match.start(),
            default=None,
        )
        if issued is None:
            return None
        sentence_start = window_start
        for boundary in SENTENCE_BREAK.finditer(self.text, window_start, issued.start()):
            sentence_start = boundary.end()
        opening = sentence_subject(self.text[sentence_start : issued.start()] + " issued")
        if not opening or _DOCUMENT.match(opening) or opening.split()[0].endswith("ing"):
            return None  # "Keeping … issued …": a gerund is no issuer
        source = self.resolve(opening, sentence_start)
        return source if source.speaker else None

    def _last_outlet_mention(self, position: int) -> Mention | None:
        """The last outlet named before ``position`` that is not named as another outlet's
        owner (``the Global Times, the sister paper of the People’s Daily``) nor as the wire
        in a dateline (``BEIJING (Reuters) -``)."""
        offset = position
        for _ in range(20):
            mention = self.names.last_before(offset, (EntityKind.OUTLET,))
            if mention is None:
                return None
            before = self.text[max(0, mention.start - 60) : mention.start]
            if not (_OWNER_CONTEXT.search(before) or _WIRE_DATELINE.search(before)):
                return mention
            offset = mention.start
        return None

    def _document_author_before(self, position: int, noun: str) -> Source | None:
        """Who put out the last document of that kind named shortly before ``position`` (``X
        said in a report``, ``X released a report``, ``X said in a statement``), or ``None``."""
        window_start = max(0, position - STATEMENT_REACH)
        introduced = max(
            _document_introduced(noun).finditer(self.text, window_start, position),
            key=lambda found: found.start(),
            default=None,
        )
        if introduced is None:
            return None
        sentence_start = window_start
        for boundary in SENTENCE_BREAK.finditer(self.text, window_start, introduced.start()):
            sentence_start = boundary.end()
        subject = subject_before(self.text, sentence_start, introduced.start()).phrase
        if not subject or _DOCUMENT.match(subject) or not_a_speaker(subject):
            return None
        source = self.resolve(subject, introduced.start())
        return source if source.speaker else None

    def _thing_subject_before(self, position: int) -> Source | None:
        """``The foreign ministry in Tokyo summoned China's ambassador. It said …``: ``it`` with
        no organisation that spoke before is the organisation the previous sentence opened
        with (``None`` when that sentence opened with no organisation)."""
        window_start = max(0, position - IT_SUBJECT_REACH)
        breaks = [
            match.end() for match in SENTENCE_BREAK.finditer(self.text, window_start, position)
        ]
        if not breaks and window_start > 0:
            return None
        current = breaks[-1] if breaks else 0  # where the sentence holding "it" starts
        if not re.match(r"It\b", self.text[current : current + 3]):
            if re.search(
                r"\b(?:when|after|as|because|while|before|since|until)\s+(?:it\s+)?$",
                self.text[max(current, position - 16) : position],
            ):
                # "The ministry raised hopes … when it said …": the subject of its own sentence
                opening = sentence_subject(self.text[current:position])
                if opening and opening.lower() not in PRONOUNS | PLURAL_PRONOUNS | {"it"}:
                    source = self.resolve(opening, current)
                    if source.speaker and self._animacy(source) == THING:
                        return source
            return None  # "which it claims …": an "it" inside its sentence means something there
        if not breaks:
            return None
        sentence_start = breaks[-2] if len(breaks) > 1 else window_start
        if sentence_start == window_start and window_start > 0:
            return None  # the previous sentence starts out of reach
        opening = sentence_subject(self.text[sentence_start:current])
        if (
            not opening
            or opening.lower() in PRONOUNS | PLURAL_PRONOUNS | {"it", "we", "i", "you"}
            or opening.split()[0].endswith("ing")
            or re.search(r"[“”\"]", self.text[sentence_start:current])
        ):
            return None
        source = self.resolve(opening, sentence_start)
        if not source.speaker or self._animacy(source) != THING:
            return None
        return source

    def _possessor_of_staff_before(self, position: int) -> str | None:
        """``Yoon's office said he had told Xi …``: with no person before it, ``he`` is the
        person whose office, aides or spokesperson spoke just before."""
        found = max(
            _STAFF_OF.finditer(self.text, max(0, position - STAFF_REACH), position),
            key=lambda match: match.start(),
            default=None,
        )
        if found is None or self._quoted(found.start()):
            return None
        name = self.names.full_name(found.group(1))
        if self.names.kind_of_name(name) not in (EntityKind.PERSON, None) or ORG_WORDS.search(name):
            return None
        return name

    def _person_subject_before(self, position: int, gender: str) -> str | None:
        """``The minister arrived in Oslo on Monday. She said …``: a pronoun with no named or
        speaking person before it means the person a recent sentence opened with, described
        without a name (the last one not of the other gender, within
        ``PRONOUN_DESCRIPTION_REACH``)."""
        found: str | None = None
        for match in _PERSON_SUBJECT.finditer(
            self.text, max(0, position - PRONOUN_DESCRIPTION_REACH), position
        ):
            if gender_of(match.group("head")) not in (None, gender):
                continue
            found = _LEADING_DETERMINER.sub("", match.group("phrase"))
        return found

    def _document_author(self, phrase: str, position: int) -> Source | None:
        """A document speaking stands for its author (gold rules): ``a statement by the
        ministry`` / ``the ministry’s statement`` → the ministry; ``her statement`` → the woman
        who spoke last; ``its editorial`` → the organisation; ``a Washington Post piece`` → the
        Post; ``the editorial`` / ``the article`` → the outlet named last. ``None`` otherwise."""
        match = _DOCUMENT.match(phrase)
        if match is None:
            return None
        if match.group("author"):
            source = self.resolve(match.group("author"), position)
            return source if source.speaker else None
        if match.group("venue") and _OUTLET_DOCUMENT.match(match.group("noun")):
            # "the article in the Daily Clarion": the outlet that published it
            source = self.resolve(match.group("venue"), position)
            return Source(source.speaker, outlet=source.speaker) if source.speaker else None
        if match.group("owner"):
            source = self.resolve(match.group("owner"), position)
            return source if source.speaker else None
        determiner = (match.group("det") or "").lower()
        if determiner in {"his", "her", "its"}:
            pronoun = {"his": "he", "her": "she", "its": "it"}[determiner]
            source = self.resolve(pronoun, position)
            return source if source.speaker else None
        mods = match.group("mods").strip()
        owner = re.search(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)[’']s?\b(?!\w)", mods)
        if owner:  # "a translation of Xi’s purported message"
            source = self.resolve(owner.group(1), position)
            return source if source.speaker else None
        named = _NAME_RUN.search(mods)
        if named and not DEMONYM.match(named.group()):  # "a Chinese readout": no author named
            source = self.resolve(named.group(), position)
            return source if source.speaker else None
        if (
            determiner in {"the", "this", "that"}
            and not mods
            and _ISSUED.match(match.group("noun"))
        ):
            # "In a statement issued on Sunday by the Ministry of National Defence, Pyongyang
            # criticised …. “…,” the statement said": the issuer the sentence names
            issued_by = max(
                _DOCUMENT_ISSUED_BY.finditer(
                    self.text, max(0, position - STATEMENT_REACH), position
                ),
                key=lambda found: found.start(),
                default=None,
            )
            if issued_by is not None and issued_by.group("noun").lower() == match.group("noun"):
                source = self.resolve(issued_by.group("issuer"), issued_by.start("issuer"))
                if source.speaker:
                    return source
            # "“…,” the embassy's spokesperson said in a statement. … “…,” the statement
            # read": whoever said it in that statement
            author = self._document_author_before(position, match.group("noun"))
            if author is not None:
                return author
            # "the statement said" right after "the council said on its website": its author
            # is the organisation or person who spoke last, when that was shortly before
            for speaker, _, _, spoken_at in reversed(self.sieve.referents):
                if 0 <= spoken_at < position - STATEMENT_REACH:
                    break
                if not _DOCUMENT.match(speaker) and not _ISSUED.match(head_noun(speaker)):
                    return Source(speaker, self._role(speaker), outlet=self._outlet_of(speaker))
                break
            issuer = self._issuer_before(position, STATEMENT_REACH)
            if issuer is not None:
                return issuer
        if determiner in {"the", "this", "that"} and not mods and match.group("noun") == "report":
            # "…, the Mainland Affairs Council said in a report published yesterday. … the
            # report said": the report is its author's
            author = self._document_author_before(position, "report")
            if author is not None:
                return author
        if determiner in {"the", "this", "that"} and _OUTLET_DOCUMENT.match(match.group("noun")):
            mention = self._last_outlet_mention(position)
            if mention is not None and position - mention.end <= OUTLET_DOCUMENT_REACH:
                # in its fullest form: "the Rodong" named before is the Rodong Sinmun
                outlet = canonical_outlet(self.names.full_name(mention.name))
                return Source(outlet, outlet=outlet)
        return None

    def _outlet_phrase(self, phrase: str, position: int) -> str | None:
        """An outlet named or described: ``the overseas edition of People’s Daily`` → People’s
        Daily; ``the North’s state news agency`` / ``a Chinese outlet`` → the outlet named last
        before (the sieve's outlet pass), else ``None``."""
        canonical = canonical_outlet(phrase)
        # "a US broadcaster", "the South Korean newspaper": a place describes the outlet
        place_only = all(
            word in NOT_NAMES or DEMONYM.match(word) for word in canonical.replace(".", "").split()
        )
        if place_only and re.match(r"(?:a|an|one)\s", phrase, re.I) and names_outlet_kind(phrase):
            return strip_article(phrase)  # an outlet not named (yet)
        if (
            canonical != strip_article(phrase)
            and not place_only
            and (
                canonical.lower().replace("’", "'") in GAZETTEER
                or canonical in GAZETTEER.values()
                or looks_like_outlet(canonical)
                or names_outlet_kind(phrase)
            )
        ):
            return canonical
        if (
            _SINGULAR_OUTLET.search(phrase)
            and not is_other_agency(phrase)  # "the UN refugee agency"
            and not re.match(r"(?:a|an|one)\s", phrase, re.I)
            and not _NAME_RUN.search(_POSSESSIVE_PLACE.sub("", strip_article(phrase)))
        ):
            mention = self.names.last_before(position, (EntityKind.OUTLET,))
            if mention is not None:
                return canonical_outlet(mention.name)
            return self.last_outlet
        return None

    def _description(self, phrase: str, position: int) -> Source | None:
        """``the South Korean foreign minister`` / ``The Chinese General Secretary``."""
        matches = list(_ROLE_IN_PHRASE.finditer(phrase))
        role_match = matches[-1] if matches else None
        possessed = _COUNTRY_POSSESSIVE.match(phrase)
        if role_match and possessed and role_match.end() == len(phrase):
            # "Japan’s foreign minister said" after "Foreign Minister Yoshimasa Hayashi": the
            # person named before in that role, unless the mention says another country
            before = position
            for _ in range(4):  # the last few people in that role, nearest first
                mention = self.names.last_before(
                    before, (EntityKind.PERSON,), role=role_match.group(1)
                )
                if mention is None:
                    break
                name = self.names.full_name(mention.name)
                if not self._nationality_differs(possessed.group(1), name):
                    return Source(name, self._role(name), is_person=True)
                before = mention.start
            return None
        if not (role_match and _ANAPHORIC_HEAD.match(phrase) and role_match.end() == len(phrase)):
            return None
        role_text = role_match.group(1)
        mention = self.names.last_before(position, (EntityKind.PERSON,), role=role_text)
        if mention is not None:
            name = self.names.full_name(mention.name)
            return Source(name, self._role(name), is_person=True)
        if self.last_person and (
            # an unnamed description ends in a lower-case head: "a JCS official"
            (
                self.last_person.split()[-1][:1].islower()
                and head_noun(self.last_person) != role_text.lower().split()[-1]
            )
            or self._nationality_differs(phrase[: role_match.start()], self.last_person)
        ):
            # "The Japanese Defense Minister said" after "a JCS official" or "North Korean
            # leader Kim Jong-un" spoke: someone new, not the last person
            return None
        if self.last_person:
            return Source(self.last_person, self._role(self.last_person), is_person=True)
        mention = self.names.last_before(position, (EntityKind.PERSON,))
        if mention is not None and not self._quoted(mention.start):
            name = self.names.full_name(mention.name)
            # a one-word "person" nobody described is as likely a place ("In Lagos, the
            # finance minister said"): the description then stands for itself
            if " " in name or name in self.names.roles:
                return Source(name, self._role(name), is_person=True)
        return None

    def _nationality_differs(self, modifiers: str, name: str) -> bool:
        """Whether ``modifiers`` (``The Japanese``) name a nationality and the mentions of
        ``name`` say another one and not this one (``North Korean leader Kim Jong-un``)."""
        nationalities = [w for w in re.findall(r"[A-Z][a-z]+", modifiers) if DEMONYM.match(w)]
        nationalities += _COUNTRY_WORD.findall(modifiers)
        if not nationalities:
            return False
        said = self._nationalities_said.get(name)
        if said is None:  # once per name: the mentions are fixed for the document
            last_word = name.split()[-1]
            windows = " ".join(
                self.text[max(0, mention.start - 40) : mention.start]
                for mention in self.names.mentions
                if mention.name == name or mention.name.split()[-1] == last_word
            )
            said = {w[:4] for w in re.findall(r"[A-Z][a-z]+", windows) if DEMONYM.match(w)}
            said |= {word[:4] for word in _COUNTRY_WORD.findall(windows)}
            self._nationalities_said[name] = said
        return bool(said) and not any(word[:4] in said for word in nationalities)

    def _last_pair(self, position: int) -> tuple[str, str] | None:
        """The two names of the last ``X and Y`` before ``position`` (within
        ``PAIR_REACH``), each in its fullest form: what ``the former`` / ``the latter`` mean."""
        found = max(
            _NAME_PAIR.finditer(self.text, max(0, position - PAIR_REACH), position),
            key=lambda match: match.start(),
            default=None,
        )
        if found is None:
            return None
        first = self.resolve(found.group(1), found.start()).speaker or found.group(1)
        second = self.resolve(found.group(2), found.start(2)).speaker or found.group(2)
        return first, second

    def _is_person_name(self, name: str) -> bool:
        return self.names.kind_of_name(name) is EntityKind.PERSON

    def _quoted(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation of its paragraph: a name in someone's
        words (``“The era of the Cold War is over,” the leader said``) is no antecedent of the
        description of the one who says them."""
        paragraph_start = self.text.rfind("\n", max(0, offset - 600), offset) + 1
        before = self.text[max(paragraph_start, offset - 600) : offset]
        if before.rfind("“") > before.rfind("”"):
            return True
        return before.count('"') % 2 == 1

    def _named(self, name: str, role: str | None) -> Source:
        bare = strip_article(name)
        if bare in _COMPASS:
            bare = self._compass_place(bare)  # "the North" -> "North Korea"
        head, of, rest = bare.partition(" of ")
        if of and ORG_WORDS.search(rest) and not ORG_WORDS.search(head):
            # "Analyst Mia Stone of the Brookings Institution": the person, not the institution
            person, person_role = split_role(head)
            kind = self.names.kind_of_name(self.names.full_name(person))
            if kind is EntityKind.PERSON or (
                kind is None
                and person_role is not None
                and not all(word in NOT_NAMES for word in person.split())
            ):
                return self._named(person, role or person_role)
        if looks_like_outlet(bare) or self.names.kind_of_name(canonical_outlet(bare)) is (
            EntityKind.OUTLET
        ):
            outlet = canonical_outlet(self.names.full_name(bare))  # "the Rodong" -> Rodong Sinmun
            return Source(outlet, outlet=outlet)
        full = self._completed(self.names.full_name(bare))
        kind = self.names.kind_of_name(full)
        return Source(
            full,
            role or self._role(full),
            is_person=kind is EntityKind.PERSON or kind is None,
        )

    def _completed(self, name: str) -> str:
        """``Taiwan's Ministry`` → ``Taiwan's Ministry of Foreign Affairs`` when the text gives
        the organisation's name in full (one full form only), else ``name``."""
        if not _ORG_HEAD_END.search(name) or not self.text:
            return name
        inverted = _SHORT_MINISTRY.match(name)
        if inverted:
            # "Taiwan's Defense Ministry" → "Taiwan's Ministry of National Defense"
            owner = inverted.group("owner") or ""
            long_form = (
                rf"{inverted.group('head')}\s+of\s+(?:the\s+)?(?:[A-Z][a-z]+\s+){{0,2}}"
                rf"{inverted.group('mod')}(?:\s+Affairs)?\b"
            )
            for prefix in ([re.escape(owner)] if owner else []) + [""]:
                forms = {m.group() for m in re.finditer(prefix + long_form, self.text)}
                if len(forms) == 1:
                    form = forms.pop()
                    return form if prefix or not owner else owner + form
        found = {
            match.group().rstrip(" .,")
            for match in re.finditer(rf"{re.escape(name)}{_ORG_TAIL}", self.text)
        }
        return found.pop() if len(found) == 1 else name

    def animacy(self, source: Source) -> str | None:
        """Person, group or thing, for the pronoun pass."""
        return self._animacy(source)

    def _animacy(self, source: Source) -> str | None:
        """Person, group or thing, for the pronoun pass."""
        speaker = source.speaker or ""
        if source.outlet == speaker or looks_like_outlet(speaker):
            return THING
        if " and " in speaker:
            return GROUP
        kind = self.names.kind_of_name(speaker)
        if kind is EntityKind.PERSON:
            return PERSON
        if kind is not None:
            return THING
        described = animacy_of_description(speaker)
        if speaker[:1].islower() or (described and speaker.split()[-1].islower()):
            return described  # "North Korea’s state television": a thing
        if all(word in NOT_NAMES for word in speaker.split()) or ORG_WORDS.search(speaker):
            return THING
        return PERSON if source.is_person else None

    def _role(self, name: str | None) -> str | None:
        return self.names.roles.get(name) if name else None

    def _outlet_of(self, name: str | None) -> str | None:
        if name and (looks_like_outlet(name) or name.lower() in GAZETTEER):
            return canonical_outlet(name)
        return None
