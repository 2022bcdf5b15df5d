"""Cues and reported clauses: the cues of a sentence and the span of the content each introduces.

A *unit* is a sentence, joined with the next ones while a quotation runs across them. A cue is a
reporting verb (``cues.py``), ``according to``, ``in his opinion``, a that-only verb (``found
that``) or a possessive noun cue (``X’s claims that``). Its content is a that-clause, a bare clause,
a noun phrase or a quotation; the clause ends at the end of the unit, a coordinated new cue
(``…, and noted that``), a parenthesis, a semicolon, a contrastive ``, but``/``, while``, or the
comma closing a subordinate clause (``While Seoul says it …, Beijing …``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from annotator.extract.cues import (
    BARE_CLAUSE_VERBS,
    CLAUSE_VERBS,
    NOUN_CUES,
    OBJECT_VERBS,
    find_cue_forms,
    lemma_of,
)
from annotator.extract.marks import Passage
from annotator.extract.sentences import sentence_spans

# up to five words between a cue and its "that" ("told reporters on Monday that"), abbreviations
# with full stops among them ("notified the U.S. Commerce Department that", "warned Mr. Xi
# that"); measured and dropped: up to nine words of a prepositional phrase ("reiterated in a
# phone call with Beijing that"), which lowered precision on dev and val
_GAP_WORD = r"(?:(?:[A-Z]\.){2,3}|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Prof|St)\.|[^\s,.;:“”\"()]+)"
THAT_AFTER = re.compile(rf"\s+(?:(?:{_GAP_WORD}\s+){{0,5}}?)that\s+")
TO_QUOTE = re.compile(r"[\s,:]*(?:to\s+|that\s+)?(?=[“\"«‘'])")
# common irregular past forms (a finite verb the "-ed" patterns miss)
IRREGULAR_PAST = (
    r"took|made|went|came|gave|saw|became|began|knew|put|set|ran|kept|left|held|brought|sent|"
    r"meant|stood|won|lost|got|led|told|said|found|thought|felt|paid|built|fell|rose|struck"
)
_BARE_CLAUSE = re.compile(
    # "said this week, speaking in his office": a time, no clause (the lead adverbial's)
    r"\s+(?!(?:this|last|next)\s+(?:week|month|year|weekend|morning|afternoon|evening)\b)"
    r"(?=(?:he|she|it|they|we|I|there|this|these|those|the|a|an|his|her|its|their|our|"
    r"[a-z]+\s+(?:will|would|is|are|was|were|has|have|had|could|should|must|can|may)\s|"
    r"[A-Z][a-z]+(?:\s+[A-Z][\w-]+)*\s+(?:is|was|were|are|has|had|have|will|would|should|"
    r"could|can|cannot|must|may|might|did|does|do|[a-z]{3,}ed(?!\s+by\b)|"
    # irregular pasts: "said Kim oversaw the launch"
    rf"{IRREGULAR_PAST}|oversaw|met|spoke|wrote|broke|chose|drew|flew|fought|sought|threw|"
    r"grew|hid|rode|sold|shot|stole|swore|taught|tore|woke|wore)|"
    # a number opening the clause: "quoted the ministry as saying 20 aircraft had crossed"
    r"\d[\d,.]*\s+(?:[a-z]+\s+){0,3}(?:is|are|was|were|had|have|has|will|would|[a-z]{3,}ed)|"
    # "saying only Taiwan’s people can decide": a possessive subject, "only" before it; "said
    # Trump and Xi’s talks had focused …", "Seoul’s bilateral ties have": coordinated owners, an
    # adjective
    r"(?:only\s+)?(?:[A-Z][\w-]*\s+and\s+)?[A-Z][\w-]*[’']s\s+"
    # "said Beijing's “so-called” peace proposal was …": a quoted modifier in the subject
    r"(?:[“\"][^”\"]{1,30}[”\"]\s+)?(?:[a-z]+\s+)?[a-z]+\s+"
    r"(?:can|could|will|would|should|must|may|might|is|are|was|were|has|have|had))\b)"
)
_ADDRESSEE = re.compile(
    r"\s+(?:reporters|journalists|the\s+\w+|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}|him|her|them|us)"
    r"(?=\s*[:,]?\s*(?:[“\"«‘]|'(?![st]\b))|\s+that\b)"  # not "Korea's"
)
_TITLED_ADDRESSEE = re.compile(
    r"\s+(?:(?:his|her|their|its|the)\s+)?(?:[A-Z][\w’'-]*\s+){0,3}(?:president|prime\s+minister|"
    r"foreign\s+minister|defen[cs]e\s+minister|minister|leader|counterpart|ambassador|envoy|"
    r"chancellor|premier)(?:\s+[A-Z][\w’'-]*){0,3}"
)
_OBJECT = re.compile(
    # "stressed again the importance of …", "emphasizing in particular the need for …"
    r"\s+(?:(?:again|once\s+again|once\s+more|in\s+particular|particularly|especially|also|"
    r"repeatedly|strongly|firmly)\s+)?"
    r"(?:(?:strong|deep|grave|serious|firm|great|its|his|her|their)\s+)?(?=(?:the|his|her|its|"
    r"their|our|a|an)\s|(?:concern|opposition|regret|hope|support|dissatisfaction|willingness|"
    r"desire|readiness|displeasure|anger|objection|condolences|gratitude|thanks|appreciation|"
    r"confidence|doubts?|fears?|interest|determination|commitment)\b|"
    # "denounced Lai Ching-te, a politician from the DPP, for misinterpreting …"
    r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2}(?:,[^,;:“”\"]{3,120},)?\s+(?:as|for|of)\b)"
)
_CLAUSE_LEMMAS = frozenset(CLAUSE_VERBS) | BARE_CLAUSE_VERBS
# stance verbs carry content only with their reason (NOTES-a: "criticized X for Y" is a quote,
# "condemned the violence" is not)
_WARNED_OF_OBJECT = re.compile(r"\s+(?=[a-z][\w-]*\s+[A-Za-z])")
_REASON_NEEDED = frozenset({"criticize", "criticise", "condemn", "denounce"})
_REASON = re.compile(r"\s(?:for|as|over)\s")
# a stance noun with the preposition that takes its object: "(its strong) opposition to",
# "concern(s) over/about", "support for", "dissatisfaction with"; nouns taking an infinitive
# ("willingness to …") are content themselves, as in RULES.md
_STANCE_OBJECT = re.compile(
    r"\s+(?:(?:its|his|her|their|our|the|a)\s+)?(?:(?:strong|deep|grave|serious|firm|great|"
    r"growing|full|strongest|utmost|sharp|continued|renewed|particular|some|vehement)\s+"
    r"(?:and\s+)?){0,2}(?:concerns?|opposition|support|objections?|dissatisfaction|displeasure|"
    r"anger|outrage|doubts?|fears?|alarm|skepticism|scepticism|worries|worry|unease|"
    r"disappointment|frustration|indignation)\s+(?:over|about|at|regarding|to|for|with|toward|"
    r"towards|against)\s+(?=\S)"
)
_NEW_PREDICATE = re.compile(
    r",?\s+(?:but|and)\s+(?:also\s+)?(?:did|does|do|didn[’']t|doesn[’']t|was|were|is|are|has|"
    r"have|had|would|will|could|can|cannot|stopped|refused|declined)\b"
)
_LOOSE_ADDRESSEE = re.compile(
    r"\s+(?:reporters|journalists|lawmakers|him|her|them|us|me|(?:the\s+)?[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]*){0,3}"
    # "told South Korea's Yonhap news agency in an interview that …"
    r"(?:\s+(?:news\s+agency|agency|newspaper|daily|broadcaster|television|radio|magazine))?)"
    r"(?=\s)"
)
_INFINITIVE_LEMMAS = frozenset({"vow", "pledge", "promise", "threaten", "urge", "call", "ask"})
# a day named in the writer's adverbials ("said Monday", "released on Saturday")
DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.)"
)
# "told a regular news briefing on Tuesday that …", "told an audience at the Asia Society that
# …", "told a parliamentary committee in Seoul that …": the gathering addressed, not content
_TOLD_GATHERING = re.compile(
    # "told lawmakers on the Senate Intelligence Committee …": a plural needs no determiner
    r"\s+(?:(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?"
    r"|(?=(?:students|graduates|audiences|crowds|supporters|lawmakers|legislators|diplomats)\b))"
    r"(?:briefing|news\s+conference|"
    r"press\s+conference|conference|audience|committee|forum|meeting|gathering|crowd|rally|"
    r"summit|session|hearing|parliament|assembly|seminar|symposium|event|panel|delegation|"
    r"students|graduates|audiences|crowds|supporters|lawmakers|legislators|diplomats)\b"
    r"(?:\s+(?:at|in|of|on|organi[sz]ed\s+by|hosted\s+by)\s+(?:the\s+)?[A-Z][\w’'.-]*"
    # "Council on Foreign …"; a compass word opens the clause's subject ("… Committee North
    # Korea is …")
    r"(?:\s+(?:of\s+|for\s+|and\s+|on\s+)?(?!(?:North|South|East|West)\b)[A-Z][\w’'.-]*){0,5})?"
    rf"(?:\s+(?:on\s+|late\s+|early\s+|earlier\s+|last\s+)?{DAY}"
    r"(?:\s+(?:morning|afternoon|evening|night))?)?"
    # "… that …", or a bare clause: "told the forum China would open its market"
    r"(?=\s+that\s|\s+(?:[A-Z][\w’'.-]*|he|she|it|they|we|the|its|his|her|their)\s+"
    r"(?:[\w’'.-]+\s+){0,4}?(?:is|are|was|were|will|would|could|can|must|should|had|has|have|"
    r"did|does|may|might)\b)"
)
# "urged Washington to cease …", "called on Seoul to …", "called for restraint": the content is
# the addressee with its infinitive, or what is called for
_APPEAL_LEMMAS = frozenset({"urge", "ask", "call", "call_for", "demand", "warn", "press"})
_APPEAL = re.compile(
    r"\s+(?:on\s+|upon\s+)?(?=(?:[\w’'.-]+\s+){1,7}?to\s+(?!the\b|a\b|an\b)[“\"]?[a-z]+)"
)
_CALL_FOR = re.compile(r"(?:\s+for)?\s+(?=\S)")
_LEAD_ADVERBIAL = re.compile(
    rf"(?:\s+(?:on\s+|late\s+|early\s+|earlier\s+|last\s+)?{DAY}"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s+in\s+(?:(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}|(?=remarks|comments))"
    r"(?:remarks|comments|statement|release|"
    r"interview|commentary|editorial|report|post|speech|briefing|article|column|letter|message|"
    r"meeting|talks|conversation|phone\s+call|call|op-ed|piece|essay|readout|transcript|"
    r"notice|video|address|testimony|lecture|filing|submission)\b"
    # "said in a readout of the call that …", "in a speech to parliament that …", "in a filing
    # with the Securities and Exchange Commission that …"
    r"(?:\s+(?:of|to|at|before|with)(?:\s+[\w’'.-]+){1,7}?(?=\s+that\b))?"
    # "wrote in an op-ed for the Washington Post that …": the outlet of the piece
    r"(?:\s+(?:for|in)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}(?=\s+that\b))?"
    # "said in a statement carried by KCNA that …": the outlet that carried it is no content
    r"(?:\s+(?:carried|published|released|issued|posted|run|relayed|aired|broadcast)"
    rf"(?:\s+(?:on\s+|late\s+|early\s+)?{DAY})?"
    r"(?:\s+(?:by|on|in|through|via)\s+(?:the\s+)?"
    # "carried by state media", "published by North Korean state media"
    r"(?:(?:[A-Z][\w-]*\s+){0,2}(?:[a-z][\w-]*\s+){0,2}(?:media|outlets|press|television|TV)\b"
    r"|(?:[a-z][\w-]*\s+){0,2}[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}"
    r"(?:\s+(?:news\s+agency|agency|newspaper|daily|broadcaster|television|radio|website))?))?)?"
    # "said at a daily briefing", "told a news conference in Tokyo": the occasion of the words
    r"|\s+(?:at|during)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:briefing|"
    r"press\s+conference|news\s+conference|conference|meeting|forum|event|ceremony|summit|"
    r"rally|hearing|session|seminar|symposium|dialogue|talks)\b"
    r"(?:\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})?"
    # "reported, citing government sources, that …", "claimed, without evidence, that …"
    r"|\s*,\s*(?:citing|quoting)\s+[^,;:“”\"()]{2,80},"
    # "said in the interview, which aired on Sunday, that …"
    r"|\s*,\s*(?!and\b|but\b)[^,;:“”\"()]{2,50},(?=\s+that\s)"
    r"|\s+(?:also|further|again|separately|previously|earlier|later)"
    # "said in a speech in late October that …", "said last week that …", "in Beijing"
    rf"|\s+(?:(?:in|on)\s+)?(?:(?:late|early|mid)[\s-]+)?{_MONTH}(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?\b"
    r"|\s+(?:last|this)\s+(?:week|month|year|weekend)\b"
    # "told Moon in a meeting on the sidelines of the Asia Pacific Economic Co-operation (APEC)
    # summit in Papua New Guinea that …"
    r"|\s+on\s+the\s+sidelines\s+of\s+(?:the\s+|a\s+)?(?:[\w.-]+\s+|\([A-Z]{2,8}\)\s+){0,6}?"
    r"(?:summit|meeting|forum|conference|talks|games|Games|Summit|Forum)"
    r"(?:\s+in\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})?"
    # "said via the state-run Korean Central News Agency on Sunday that …"
    r"|\s+(?:via|through)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}"
    r"|\s+(?:in|at)\s+(?:the\s+)?[A-Z][a-z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}\b(?![’'])"
    r")+"
)
# "said in a commentary released Saturday while the talks were ongoing": the writer's time
_SUBORDINATOR = re.compile(r"\s+(?:while|when|as|after|before|because|since|if|although|though)\b")
# "As X has noted, …": a fronted source clause, the content is the main clause after its comma
_FRONTED_AS = re.compile(r"[\s“\"]*As\s+[A-Z][^,;:“”\"]{1,120}$")
_AS_CUE_COMMA = re.compile(
    r"(?:\s+(?:it|earlier|before|recently|repeatedly|in\s+(?:a|an|his|her|its|their)\s+[\w\s-]{1,40}?))?"
    r"\s*,\s+(?=[a-zA-Z])"
)
_THAT_NEXT = re.compile(r"\s+that\s+")
_FINITE_SOON = re.compile(
    r"^(?:\S+\s+){0,7}?(?:is|are|was|were|will|would|has|have|had|could|should|must|can|may|"
    r"might|did|does|do|[a-z]+ed)\b"
)
# a verb in -s: a word in -s followed by what follows a verb ("a new era begins today")
_PRESENT_VERB_SOON = re.compile(
    r"^(?:\S+\s+){1,7}?[a-z]{3,}(?<!s)s\s+(?:a|an|the|to|that|in|on|at|with|for|from|up|out|"
    r"over|its|his|her|their|our|no|not|more|less|today|now|[a-z]+ly)\b"
)
_ACCORDING = re.compile(
    r"\b(?:according to|from the (?:point of view|viewpoint|perspective) of|in the (?:view|opinion|"
    r"words) of)\s+",
    re.IGNORECASE,
)
# ambiguous verbs that are cues only with a that-clause: "the investigation found that"
_FOUND_THAT = re.compile(r"\b(found|finds|holds|held|felt|feels|noticed)(?=\s+that\b)")
_NOUN_THAT = re.compile(
    # the possessor nearest the noun: "Taiwan’s voters ignored China’s warnings that" → China
    # or a described possessor: "the minister’s claim that", "the two leaders’ statement that"
    # (not a capitalised preposition opening the sentence: "Regarding Xing’s remark that")
    rf"((?!(?:Regarding|Concerning|About|On|In|Despite|After|Following|Amid|Asked|Given|Unlike|"
    rf"Like|Under|With|Without|Against|Over)\b)[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*|"
    rf"(?<![\w’'-])[Tt]he\s+(?:[a-z][\w-]*\s+){{0,2}}?"
    rf"[a-z][\w-]*)[’']s?\s+(?:(?![A-Z][\w-]*[’']s?\s)[\w’'-]+\s+){{0,3}}?"
    rf"(?:{'|'.join(NOUN_CUES)})\s+that\s+\Z"
)
# the cheap anchor of ``_NOUN_THAT``: the possessor before it is looked for in a bounded window
_NOUN_THAT_ANCHOR = re.compile(rf"\b(?:{'|'.join(NOUN_CUES)})\s+that\s+")
POSSESSOR_WINDOW = 200  # the possessor and words before a noun cue: "Seoul’s repeated claims"
_OPINION = re.compile(r"\b(?:in|by)\s+(his|her|their|its)\s+(?:opinion|view|words)\s*,\s*", re.I)
MAX_CLAUSE = 1500  # a reported clause longer than this is not a clause: stop there
# How far after a cue its addressee, ``that`` or the opening of its content is looked for. Every
# pattern is matched in a window this size (never to the end of the unit), so the work per cue is
# bounded and the pass stays linear on a document that is one endless sentence.
LOOKAHEAD = 400
ACCORDING_REACH = 600  # ``according to X,``: the comma after the source is looked for this far


def reach(unit: Unit, offset: int, size: int = LOOKAHEAD) -> int:
    """The end of the bounded window that starts at ``offset`` inside ``unit``."""
    return min(unit.end, offset + size)


@dataclass
class Cue:
    start: int
    end: int
    form: str
    lemma: str
    subject: str = ""
    coordinated: bool = False
    passive: bool = False
    subordinate: bool = False
    role: str | None = None
    object_end: int = -1  # after the addressee of "told": "told the BBC: “…”"


@dataclass
class Unit:
    start: int
    end: int
    passages: list[Passage] = field(default_factory=list)
    _opens: list[int] | None = None

    def opens(self) -> list[int]:
        if self._opens is None or len(self._opens) != len(self.passages):
            self._opens = [passage.open_at for passage in self.passages]
        return self._opens

    def inside(self, offset: int) -> bool:
        """True when ``offset`` lies within one of the unit's quoted passages (binary search)."""
        position = bisect_right(self.opens(), offset) - 1
        return position >= 0 and offset < self.passages[position].close_at

    def between(self, start: int, end: int) -> list[Passage]:
        """Passages opening in ``[start, end)``."""
        opens = self.opens()
        return self.passages[bisect_left(opens, start) : bisect_left(opens, end)]

    def before(self, offset: int, count: int = 3) -> list[Passage]:
        """Up to ``count`` passages opening before ``offset``, nearest last."""
        position = bisect_left(self.opens(), offset)
        return self.passages[max(0, position - count) : position]


def build_units(text: str, passages: list[Passage]) -> list[Unit]:
    """Sentences, joined while a quotation runs across a sentence boundary (one merge pass)."""
    units: list[Unit] = []
    position = 0
    for start, end in sentence_spans(text):
        if units and start < units[-1].end:
            units[-1].end = max(units[-1].end, end)
        else:
            units.append(Unit(start, end))
        unit = units[-1]
        while position < len(passages) and passages[position].open_at < unit.end:
            unit.passages.append(passages[position])
            unit.end = max(unit.end, passages[position].close_at)
            position += 1
    if units:
        units[-1].passages.extend(passages[position:])
    return units


_TRAILING_ADVERB = re.compile(r",\s*(?:however|though|too|then|instead|nonetheless|still)$", re.I)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,;:—–-\n":
        start += 1
    while end > start and text[end - 1] in " ,;:.—–-\n":
        end -= 1
    adverb = _TRAILING_ADVERB.search(text, max(start, end - 20), end)
    if adverb:
        end = adverb.start()
    return start, end


def word_count(text: str) -> int:
    return len(text.split())


_IN_BEFORE = re.compile(r"\bin\s+(?:(?:his|her|its|their|the|these)\s+)?$", re.I)


def find_cues(
    text: str, unit: Unit, cue_forms: list[tuple[int, int, str]], cue_starts: list[int]
) -> list[Cue]:
    """The cues of a unit outside its quotations, in order."""
    cues: list[Cue] = []
    first = bisect_left(cue_starts, unit.start)
    last = bisect_left(cue_starts, unit.end)
    for start, end, form in cue_forms[first:last]:
        if end > unit.end or unit.inside(start):
            continue
        lemma = lemma_of(form)
        if lemma is None:
            continue
        if form[:1].isupper() and lemma not in ("say", "tell"):
            continue  # "Calling the two countries", "Regarding"
        if form.endswith("s") and _IN_BEFORE.search(text, max(unit.start, start - 10), start):
            continue  # "said in remarks broadcast by NHK": a noun, no verb
        cues.append(Cue(start, end, form, lemma))
    for match in _ACCORDING.finditer(text, unit.start, unit.end):
        if not unit.inside(match.start()):
            cues.append(Cue(match.start(), match.end(), "according to", "according_to"))
    for match in _OPINION.finditer(text, unit.start, unit.end):
        if not unit.inside(match.start()):
            cue = Cue(match.start(), match.end(), match.group().strip(" ,"), "opinion")
            cue.subject = match.group(1)
            cues.append(cue)
    for match in _FOUND_THAT.finditer(text, unit.start, unit.end):
        if not unit.inside(match.start()):
            form = match.group(1)
            cues.append(Cue(match.start(), match.start() + len(form), form, form))
    for match in noun_that_matches(text, unit.start, unit.end):
        if not unit.inside(match.start()):
            cue = Cue(match.start(), match.end(), match.group().strip(), "noun")
            cue.subject = match.group(1)
            cues.append(cue)
    cues.sort(key=lambda cue: (cue.start, cue.lemma != "noun"))
    return cues


def noun_that_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``X’s claims that``: matches of ``_NOUN_THAT`` in ``[start, end)``, in bounded windows.

    Searching for the possessor first would rescan every run of capitalised words from each of
    its words (quadratic on an all-capitals text); the anchor is found first instead.
    """
    previous_end = start
    for anchor in _NOUN_THAT_ANCHOR.finditer(text, start, end):
        window = max(previous_end, anchor.start() - POSSESSOR_WINDOW)
        match = _NOUN_THAT.search(text, window, anchor.end())
        if match:
            previous_end = match.end()
            yield match


# A clause hung on the end of the content with a comma is the writer's, not the speaker's: a
# participle clause ("…, citing …", "…, apparently accusing …"), a non-restrictive relative
# ("…, which China claims …"), an appositive on the whole clause ("…, a move that …") or an
# "as" clause ("…, as Seoul protests …").
_PARTICIPLE_TAIL = re.compile(
    r",\s+(?:[a-z]+ly\s+)?(?!including\b|according\b|excluding\b|notwithstanding\b|"
    r"something\b|nothing\b|anything\b|everything\b|during\b|bring\b|thing\b)[a-z]{3,}ing\b"
)
_RELATIVE_TAIL = re.compile(
    r",\s+(?:which|where|(?:a|an)\s+(?:[a-z-]+\s+)?(?:move|step|decision|"
    r"development|measure|act|sign|remark|statement)\s+(?:that|which)|"
    r"as\s+(?!well\b|part\b|a\s+result\b|such\b|of\b|to\b|for\b|in\b|much\b|many\b|"
    r"long\b|soon\b|far\b|expected\b|usual\b)[a-z]+)\b"
)


# the writer's adverbials hung on the end of the content with a comma: time and circumstance of
# the report ("…, before a planned meeting with Xi", "…, despite the language of …")
_ADVERBIAL_TAIL = re.compile(
    r",\s+(?:(?:(?:a|an|one|two|three|four|five|several|few|a\s+few|just|only)\s+)?"
    r"(?:days?|hours?|weeks?|months?|years?)\s+|shortly\s+|soon\s+|just\s+)?"
    r"(?:despite|before|after|during|amid|in\s+the\s+wake\s+of)\s"
)
# the writer's time of the report, told by a pronoun for the speaker ("said the islands were
# China's after he read …", "expressed optimism that … after his earlier threats"); a clause in
# the future of the past ("said he would resign after he …") keeps its time clause
_OWN_TIME_TAIL = re.compile(
    r"\s+(?:(?:shortly|soon|just|right)\s+)?(?:after|before|when)\s+(he|she|they|his|her|their)\s"
    # "… peace and dialogue with China as he marked one year in office": the occasion
    r"|\s+as\s+(he|she|they)\s+(?:marked|celebrated|visited|met|opened|addressed|arrived|"
    r"began|concluded|wrapped\s+up|hosted|toured|attended|welcomed|received)\b"
    # "… on a global stage as tensions simmer over …": the writer's background
    r"|\s+as\s+(?:the\s+)?(?:tensions?|relations|ties|frictions?)\s+(?:continue\s+to\s+)?"
    r"(?:rise|rises|rose|mount|mounts|mounted|grow|grows|grew|simmer|simmers|simmered|"
    r"escalate|escalates|escalated|flare|flared|deepen|deepened|worsen|worsened|run\s+high|"
    r"remain\s+high|sour|soured)\b"
)
_MODAL_IN = re.compile(r"\b(?:would|will|could|can|may|might|should|must|shall)\b")
# the speech event itself, named after the content: "… boost ties during an interview with
# Yonhap", "… at a regular press briefing on Monday": where the cue was said, not what
_SPEECH_EVENT_TAIL = re.compile(
    r"\s+(?:during|in|at|on|via|through)\s+(?:a|an|the|his|her|its|their)\s+"
    r"(?:(?!of\b|the\b|a\b)[\w-]+\s+){0,3}?"
    r"(?:interview|press\s+conference|news\s+conference|press\s+briefing|news\s+briefing|"
    r"briefing|statement|speech|address|post|remarks)\b[^,;:“”\"]{0,80}$"
)
# the writer's note that the speaker said no more, coordinated with the cue: "…, but gave no
# details", "… and declined to elaborate", "… without giving a reason"
# "must first cancel the tariffs, a step Trump rejected …", "…, a move Seoul called …": a noun
# in apposition to the whole clause with its own subject and verb
_CLAUSE_GLOSS_TAIL = re.compile(
    r",\s+(?:a|an)\s+(?:step|move|claim|demand|idea|proposal|position|request|suggestion|"
    r"accusation|charge|view|offer|condition)\s+(?:that\s+|which\s+)?(?:[A-Z][\w’'.-]*|he|she|"
    r"it|they|we)\s+(?:[a-z]+\s+)?[a-z]+(?:ed|ew|ade|ok|id|ld)\b[^;“”\"]{0,120}$"
)


def clause_gloss_start(text: str, start: int, end: int) -> int | None:
    """Where a writer's gloss on the whole clause (``_CLAUSE_GLOSS_TAIL``) starts in
    ``text[start:end]``, or ``None``: what follows it is another subject's."""
    for match in _CLAUSE_GLOSS_START.finditer(text, start, end):
        if _CLAUSE_GLOSS_TAIL.match(text, match.start(), min(end, match.start() + 240)):
            return match.start()
    return None


_CLAUSE_GLOSS_START = re.compile(r",\s+(?:a|an)\s+[a-z]+\s")
_WITHHELD_TAIL = re.compile(
    r"(?:,?\s+(?:but|and)\s+(?:(?:gave|offered|provided|released|cited)\s+no\b|"
    r"(?:declined|refused)\s+to\s+(?:elaborate|comment|give|provide|say|specify|name|identify)|"
    r"did\s+not\s+(?:elaborate|say|give|provide|specify|explain|comment|name|identify))"
    r"|\s+without\s+(?:giving|offering|providing|elaborating|specifying|citing|naming))"
    r"[^,;:“”\"]{0,80}$"
)
# a comma at the very end of a quoted fragment closes the clause when the writer's hedged
# reading follows: "would “regret it,” apparently accusing …" (a bare "…,” reiterating …" may
# still be the speaker's report, as in the seeds)
_CLOSED_COMMA = re.compile(r",[”’\"»]")
_HEDGED_PARTICIPLE = re.compile(
    r",\s+(?:apparently|reportedly|seemingly|presumably|possibly|probably|implicitly|"
    r"effectively|indirectly)\s+[a-z]{3,}ing\b"
)


def _trailing_clause_cut(text: str, unit: Unit, start: int, end: int) -> int:
    """The end of a clause without the writer's trailing clause (see ``_PARTICIPLE_TAIL``)."""
    end = _closing_comma_cut(text, unit, start, end)
    for match in _ADVERBIAL_TAIL.finditer(text, start, end):
        if not unit.inside(match.start()) and _at_least_words(text, start, match.start(), 3):
            end = match.start()
            break
    own = _OWN_TIME_TAIL.search(text, start, end)
    if (
        own
        and not unit.inside(own.start())
        and _at_least_words(text, start, own.start(), 3)
        and not (
            # a clause in the future of the past keeps its time or background clause: "said he
            # would resign after he …", "said ties would grow as tensions ease"
            (own.group(1) or own.group(2) or "").lower() in ("he", "she", "they")
            and _MODAL_IN.search(text, start, own.start())
        )
        and not (
            not (own.group(1) or own.group(2))
            and re.search(r"\b(?:would|will)\b", text[start : own.start()])
        )
    ):
        end = own.start()  # "said the islands were China's after he read a story …"
    event = _SPEECH_EVENT_TAIL.search(text, max(start, end - 200), end)
    if event and not unit.inside(event.start()) and _at_least_words(text, start, event.start(), 3):
        end = event.start()
    gloss = _CLAUSE_GLOSS_TAIL.search(text, max(start, end - 200), end)
    if gloss and not unit.inside(gloss.start()) and _at_least_words(text, start, gloss.start(), 3):
        end = gloss.start()  # "…, a step Trump rejected in an interview": the writer's gloss
    withheld = _WITHHELD_TAIL.search(text, max(start, end - 200), end)
    if (
        withheld
        and not unit.inside(withheld.start())
        and _at_least_words(text, start, withheld.start(), 3)
    ):
        end = withheld.start()  # "said they had made progress, but gave no details"
    for match in _PARTICIPLE_TAIL.finditer(text, start, end):
        if not unit.inside(match.start()) and word_count(text[start : match.start()]) >= 3:
            return match.start()
    for match in _RELATIVE_TAIL.finditer(text, start, end):
        if unit.inside(match.start()) or word_count(text[start : match.start()]) < 3:
            continue
        # only a relative that runs to the end: one closed by a comma sits inside the subject
        later = match.end()
        while (later := text.find(",", later, end)) != -1 and unit.inside(later):
            later += 1
        if later == -1:
            return match.start()
    return end


def _at_least_words(text: str, start: int, end: int, count: int) -> bool:
    """``word_count(text[start:end]) >= count``, reading a bounded prefix only."""
    return word_count(text[start : min(end, start + 40 * count)]) >= count


def _closing_comma_cut(text: str, unit: Unit, start: int, end: int) -> int:
    """``… would “definitely regret it,” apparently accusing …``: a quotation closing with a comma
    before a participle or relative tail ends the clause after its closing mark."""
    for match in _CLOSED_COMMA.finditer(text, start, end):
        if match.end() >= end or not _at_least_words(text, start, match.start(), 3):
            continue
        shifted = "," + text[match.end() : min(end, match.end() + 40)]
        if _HEDGED_PARTICIPLE.match(shifted) or _ADVERBIAL_TAIL.match(shifted):
            return match.start() + 2
    return end


# a parenthesis that only spells out or translates a name: capitalised words ("Terminal High
# Altitude Area Defense", "Ministry of Foreign Affairs") or a name in another script ("習近平")
_NAME_GLOSS = re.compile(
    r"^\s*(?:[A-Z][\w’'.-]*(?:\s+(?:of|and|for|the|on|in|[A-Z][\w’'.-]*))*|[^\x00-\x7f\s]+)\s*$"
)


def _parenthesis_cut(text: str, unit: Unit, start: int, end: int) -> int:
    """A parenthesis ends a clause when it is an aside of its own (more than four words, or a
    quotation): ``(or, more precisely, “…”)``; a short one glosses a name (``(PRC)``,
    ``(Taiwan's official name)``) and stays inside."""
    index = start
    while (index := text.find("(", index, end)) != -1:
        close = text.find(")", index, min(len(text), index + 400))
        inner = text[index + 1 : close if close != -1 else index + 400]
        if _NAME_GLOSS.match(inner) and not re.search(r"[“\"«]", inner):
            index += 1  # "THAAD (Terminal High Altitude Area Defense)": a name spelt out
            continue
        if not unit.inside(index) and (word_count(inner) > 4 or re.search(r"[“\"«]", inner)):
            return index
        index += 1
    return end


_POSSESSIVE_NAME_NEXT = re.compile(r"[ \t]+[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*){0,2}[’']s[ \t]+[a-z]")


def continues_clause(text: str, passage: Passage) -> bool:
    """True when the clause goes on after a quotation that opens it (``said that “in the months
    ahead” talks would continue``, ``“The handshake” was an “amazing event”``): the quoted words
    end without punctuation of their own and a lower-case word follows the closing mark that
    does not open the writer's relative clause (``“…” which is why …``)."""
    if text[passage.start : passage.end].rstrip()[-1:] in tuple(",.;:!?…"):
        return False
    after = text[passage.close_at : passage.close_at + 40]
    # "said that “China was behind” North Korea’s defiant attitude": a possessive name too
    return (
        re.match(r"[ \t]+(?!which\b|who\b|whom\b|where\b)[a-z]", after) is not None
        or _POSSESSIVE_NAME_NEXT.match(after) is not None
    )


def _opens_clause(text: str, unit: Unit, offset: int) -> bool:
    """True when a quotation opening at ``offset`` is only the first words of a clause that goes
    on outside the marks (see ``continues_clause``)."""
    passages = unit.between(offset, offset + 1)
    return bool(passages) and continues_clause(text, passages[0])


_CONTENT_NOUN = re.compile(
    r"(?:importance|need|necessity|significance|value|urgency|commitment|determination|"
    r"willingness|readiness|support|opposition|concern|hope)\b"
)


def _object_content_follows(text: str, unit: Unit, cue: Cue) -> bool:
    """True when an object verb's participle has content of its own after it: a noun phrase
    headed by a content noun (``emphasizing the importance of …``, ``reiterating its support
    for …``), not a bare object (``reiterating their joint efforts``)."""
    obj = _OBJECT.match(text, cue.end, reach(unit, cue.end, 80))
    if obj is None:
        return False
    words = text[obj.end() : reach(unit, obj.end(), 60)].split()[:3]
    return any(_CONTENT_NOUN.match(word) for word in words)


def content_end(
    text: str,
    unit: Unit,
    start: int,
    later: list[Cue],
    subordinate: bool = False,
    noun_object: bool = False,
) -> int:
    """Where a reported clause starting at ``start`` ends (see the package docstring)."""
    end = min(unit.end, start + MAX_CLAUSE)
    cut = inverted_cut(text, unit, start, later)
    if cut is not None:
        end = min(end, cut)
    for cue in later:
        if cue.start >= end:
            break
        subject_at = _new_subject_start(text, unit, start, cue)
        if subject_at is not None:
            end = min(end, subject_at)
            break
        if cue.form.endswith("ing") and re.search(r"\s+by\s+$", text[cue.start - 5 : cue.start]):
            by = text.rfind(" by ", start, cue.start)
            if by > start and not unit.inside(by):
                # "warned the U.S. by saying he can order …": the saying has the clause
                end = min(end, by)
                break
        between = text[max(start, cue.start - 12) : cue.start]
        joint = re.search(r"(?:,?\s*\b(?:and|but|or)(?:\s+also)?|,[”’\"»]?)\s*$", between)
        if (
            joint
            and cue.lemma == "according_to"
            and joint.group().lstrip().startswith(",")
            and according_closes(text, unit, cue)
        ):
            # "…, according to the White House.": the source is no part of the content
            mark = joint.group().lstrip()[1:2]
            end = min(end, cue.start - len(joint.group()) + (2 if mark.strip() else 0))
            break
        if joint and cue.lemma not in ("according_to",):
            tail = text[cue.end : cue.end + 12]
            if re.match(r"\s+by\s", tail):
                continue  # "administered by Japan but claimed by China": a participle, no cue
            if (
                cue.form.endswith("ing")
                and not re.match(r"[\s,:]*(?:that\b|to\s+[“\"]|[“\"])", tail)
                # "…,” vowing to bolster its deterrent": an infinitive of a promise is content
                and not (cue.lemma in _INFINITIVE_LEMMAS and re.match(r"\s+to\s+[a-z]", tail))
                # "…, emphasizing in particular the importance of …": a content of its own
                and not (cue.lemma in OBJECT_VERBS and _object_content_follows(text, unit, cue))
            ):
                continue  # "reiterating their joint efforts": no new content
            if cue.form.lower() == cue.lemma and re.search(r"\bto\s+\w+", text[start : cue.start]):
                continue  # "to safeguard X and maintain order": a base form inside an infinitive
            mark = re.match(r",([”’\"»])", joint.group())
            # "…,” adding …": the clause ends after the closing mark of its last quotation
            end = min(end, cue.start - len(joint.group()) + (2 if mark else 0))
            break
    end = _parenthesis_cut(text, unit, start, end)
    for mark in (";", ", but ", ", while ", ", whereas ", ", although "):
        index = text.find(mark, start, end)
        if index == -1:
            continue
        if mark == ", but " and re.search(r"\bnot\b", text[start:index]):
            continue  # "not X, but Y" is one clause
        gerund = re.match(r"[a-z]+ing\b", text[index + 8 : index + 30])
        if mark == ", while " and gerund and lemma_of(gerund.group()) is None:
            continue  # "would keep trying, while encouraging exporters to …": the same subject's
        if not unit.inside(index):
            end = index
    end = _trailing_clause_cut(text, unit, start, end)
    if noun_object:
        # "expressed support for X but did not say …": a coordinated predicate of the speaker's
        predicate = _NEW_PREDICATE.search(text, start, min(end, start + MAX_CLAUSE))
        if predicate and not unit.inside(predicate.start()):
            end = min(end, predicate.start())
        # "stressed the need for X and “reaffirmed …”": the quotation is a new predicate
        for passage in unit.between(start + 1, end):
            joined = re.search(
                r"\s+and\s+$", text[max(start, passage.open_at - 24) : passage.open_at]
            )
            if joined:
                end = passage.open_at - len(joined.group())
                break
    if subordinate:
        index = start
        while (index := text.find(",", index, end)) != -1:
            if not unit.inside(index):
                end = index
                break
            index += 1
    return end


_NAMED_SUBJECT_AFTER_COMMA = re.compile(
    r",\s+(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}|he|she|they)\s+$"
)


def _new_subject_start(text: str, unit: Unit, start: int, cue: Cue) -> int | None:
    """Where a new subject of the later finite ``cue`` starts, ending the clause that began at
    ``start``: ``…, Mao said on Thursday that …`` (with a that-clause of its own) or ``…, and
    experts said …``; ``None`` when the cue has no subject of its own there."""
    if cue.form.endswith("ing"):
        return None
    named = _NAMED_SUBJECT_AFTER_COMMA.search(text, max(start, cue.start - 40), cue.start)
    if named and not unit.inside(named.start()) and _own_that_clause(text, unit, cue):
        return named.start()
    joined = _NEW_SUBJECT_AFTER_AND.search(text, max(start, cue.start - 50), cue.start)
    if (
        joined
        and not unit.inside(joined.start())
        and cue.form.lower() != cue.lemma  # a finite form: "said", "warned", "says"
        and _at_least_words(text, start, joined.start(), 3)
    ):
        return joined.start()
    return None


_NEW_SUBJECT_AFTER_AND = re.compile(
    r",\s+(?:and|but|while|whereas)\s+(?:(?:the|some|many|other|several|most)\s+)?"
    r"(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}|[a-z]{3,}s|he|she|they)\s+$"
)


def _own_that_clause(text: str, unit: Unit, cue: Cue) -> bool:
    """Whether a that-clause or a quotation follows the cue (after a short adverbial: ``said
    on Thursday that``, ``said on Thursday, “…”``)."""
    window = reach(unit, cue.end)
    if THAT_AFTER.match(text, cue.end, window) or _QUOTATION_NEXT.match(text, cue.end, window):
        return True
    lead = _LEAD_ADVERBIAL.match(text, cue.end, window)
    return bool(
        lead
        and (
            _THAT_NEXT.match(text, lead.end(), reach(unit, lead.end()))
            or _QUOTATION_NEXT.match(text, lead.end(), reach(unit, lead.end()))
        )
    )


_AGENT_THEN_THAT = re.compile(r"\s+by\s+[^,;:“”\"]{2,60}?(?=\s+that\s)")
_QUOTATION_NEXT = re.compile(r"\s*[,:]\s*[“\"]")


_CLAUSE_BETWEEN = re.compile(
    r"^\s*(?:he|she|they|we|I|it|there)\b|\b(?:is|are|was|were|will|would|can|cannot|could|"
    r"should|must|may|might|has|have|had|does|did|do)\b"
)


# a name and a finite verb after the cue open its clause ("Teodoro, for his part, said Manila
# welcomed the support"), no inverted subject
_NAMED_CLAUSE = re.compile(r"^\s*[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s+[a-z]{3,}(?:ed|es)\b")


# a "that" followed at once by a finite verb, after a noun, is a relative pronoun, not the
# complementizer of a reported clause ("drills that were to take place")
_PLURAL_SUBJECT_THEN_VERB = re.compile(
    r"[a-z]{3,}s\s+(?:(?:in|of|from|at)\s+[A-Z][\w’'-]*\s+)?(?:(?:also|still|now|not)\s+)?"
    rf"(?:is|are|was|were|will|would|could|can|has|have|had|may|might|must|should|"
    rf"[a-z]{{3,}}ed|{IRREGULAR_PAST}|fell|rose|grew)\b"
)
_RELATIVE_THAT = re.compile(
    r"(?:(?:also|still|now|already|only|never|not)\s+)?"
    r"(?:is|are|was|were|will|would|could|can|has|have|had|may|might|must|should|"
    r"[a-z]{3,}(?:ed|es))\b"
)
# "cited as saying that wages …": after a speech verb, "that" is the complementizer even when the
# next word looks like a verb ("wages")
_SPEECH_BEFORE_THAT = re.compile(r"\b(?:saying|say|says|said|stating|adding|warning)\s*$")
_ANONYMITY = re.compile(
    r"\s+(?:not\s+to\s+be\s+(?:named|identified|quoted)|for\s+anonymity|anonymity)\b"
)


def _clause_between(words: str) -> bool:
    """True when the words between a cue and a ``that`` hold a clause of their own (a subject
    pronoun or a finite auxiliary): the ``that`` then belongs to that clause, not to the cue."""
    return _CLAUSE_BETWEEN.search(words) is not None


_DATE_COMMA = re.compile(r"\b\d{1,2},\s+\d{4},\s*$")


def _inverted_position(text: str, unit: Unit, cue: Cue) -> bool:
    """A finite cue with no subject before it, right after a comma or a closing quotation mark
    (``…, said the ministry``): the subject follows the cue, the content came before it."""
    if cue.coordinated or cue.lemma not in INVERTED_CUES:
        return False
    if cue.form.split()[0].lower().endswith("ing"):
        return False
    before = text[max(unit.start, cue.start - 4) : cue.start].rstrip()
    if not before.endswith((",", "”", '"', "’", "»")):
        return False
    if _DATE_COMMA.search(text, max(unit.start, cue.start - 16), cue.start):
        return False  # "Kim Jong Il on Sept. 17, 2002, admitted": the comma closes a date
    if not cue.subject:
        return True
    parts = text[unit.start : cue.start].split(",") if cue.start - unit.start <= 300 else []
    if (
        len(parts) == 3
        and not parts[2].strip()
        and _opening_subject(parts[0])
        and _APPOSITIVE_ROLE.match(parts[1])
        and not re.search(r"[“”\"«»]", parts[1])
    ):
        return False  # "Oriana Mastro, a fellow at Stanford, contends the buildup …"
    if (
        len(parts) == 3
        and not parts[2].strip()
        and _DESCRIBED_SUBJECT.match(parts[0])
        and NAME_SEGMENT.match(parts[1])
        and word_count(parts[1]) <= 4
    ):
        # "A ministry spokesman, Li Wei, said the talks failed …", "A spokesperson for China’s
        # Eastern Theater Command, Shi Yi, said …"
        return False
    # a subject before a comma-delimited insertion ("Bush, a fellow at Brookings, said Beijing
    # might …") is followed by a clause; a sentence-final cue only by a noun phrase and adverbials
    tail = text[cue.end : min(sentence_final_tail(text, unit, cue), reach(unit, cue.end))]
    return (
        word_count(tail) <= 12
        and len(tail) < LOOKAHEAD
        and _CLAUSE_BETWEEN.search(tail) is None
        and _NAMED_CLAUSE.match(tail) is None
        and "that" not in tail
    )


def reported_content(
    text: str, unit: Unit, cue: Cue, later: list[Cue]
) -> tuple[int, int, float] | None:
    """``(start, end, confidence)`` of the content a cue introduces, or ``None``."""
    if cue.lemma == "noun":
        return (cue.end, content_end(text, unit, cue.end, later), 0.8)
    if cue.subject.lower() in {"the", "a", "an", "this"} or re.search(
        r"\s(?:the|a|an|this|its|his|her|their)$", cue.subject
    ):
        return None  # a noun, not a verb: "the call for ...", "Chiu rejected the claim, …"
    if cue.lemma == "opinion":
        start = cue.end
        return (start, content_end(text, unit, start, later), 0.85)
    if cue.lemma == "dismiss_idea":  # "dismissed the idea of …" (shapes._DISMISSED_IDEA)
        start = cue.end
        end = content_end(text, unit, start, later, noun_object=True)
        return (start, end, 0.7) if word_count(text[start:end]) >= 2 else None
    fronted_as = (
        _FRONTED_AS.match(text, unit.start, cue.start) if cue.start - unit.start <= 200 else None
    )
    if fronted_as and cue.subordinate and cue.lemma in _CLAUSE_LEMMAS | {"put"}:
        # "As Ryan Hass of Brookings has noted, the relationship is …": the main clause
        comma = _AS_CUE_COMMA.match(text, cue.end, reach(unit, cue.end))
        if comma and not unit.inside(comma.end()):
            start = comma.end()
            end = content_end(text, unit, start, later)
            if word_count(text[start:end]) >= 4:
                return (start, end, 0.7)
    after = cue.end
    if cue.lemma == "tell":
        addressee = _ADDRESSEE.match(text, cue.end, reach(unit, cue.end))
        gathering = (
            None if addressee else _TOLD_GATHERING.match(text, cue.end, reach(unit, cue.end))
        )
        if addressee:
            after = cue.object_end = addressee.end()
        elif gathering:
            after = cue.object_end = gathering.end()
        else:
            # "told reporters her country had …": the addressee, then a bare clause
            loose = _LOOSE_ADDRESSEE.match(text, cue.end, reach(unit, cue.end))
            # "told a regular media briefing": without an addressee no bare clause follows
            after = loose.end() if loose else -1
            if loose and re.match(r"\s*[,:]?\s*[“\"]", text[loose.end() : loose.end() + 4]):
                # "told the Huffington Post “I don’t know …”": the addressee, then the words
                cue.object_end = loose.end()
    if _inverted_position(text, unit, cue):
        return None  # "“…,” said the source who …": what follows is the speaker, not content
    if _ANONYMITY.match(text, cue.end, reach(unit, cue.end)):
        return None  # "an official who asked not to be named": a formula, not reported speech
    stance = _STANCE_OBJECT.match(text, cue.end, reach(unit, cue.end))
    if stance and cue.lemma in OBJECT_VERBS:
        # "voiced concern over the drills", "expressed its opposition to plans that …": the
        # stance is the cue's, its object is what was said (NOTES-c)
        start = stance.end()
        end = content_end(text, unit, start, later, cue.subordinate, noun_object=True)
        if word_count(text[start:end]) >= 2:
            return (start, end, 0.6)
    that = THAT_AFTER.match(text, cue.end, reach(unit, cue.end))
    if that is None and cue.lemma == "tell" and after > cue.end:
        that = _THAT_NEXT.match(text, after, reach(unit, after))
    # "was quoted as saying by local media that …": the agent, then the clause
    agent = (
        _AGENT_THEN_THAT.match(text, cue.end, reach(unit, cue.end))
        if cue.form.lower() == "saying"
        else None
    )
    if that is None and agent:
        that = _THAT_NEXT.match(text, agent.end(), reach(unit, agent.end()))
    if that is None:
        # "said in a statement carried by the official KCNA news agency that …"
        lead_from = max(after, cue.end)  # "told the BBC in an interview on Friday that …"
        if cue.lemma == "tell":
            # "told South Korean president Moon Jae-in in a bilateral meeting … that"
            titled = _TITLED_ADDRESSEE.match(text, cue.end, reach(unit, cue.end))
            if titled and titled.end() > lead_from:
                lead_from = titled.end()
        lead = _LEAD_ADVERBIAL.match(text, lead_from, reach(unit, lead_from))
        if lead:
            that = _THAT_NEXT.match(text, lead.end(), reach(unit, lead.end()))
    if that and _clause_between(text[cue.end : that.end()].rsplit("that", 1)[0]):
        that = None  # "said he cannot disclose the details that …": the that-clause is inside
    if (
        that
        and agent is None
        and word_count(text[cue.end : that.end()].rsplit("that", 1)[0]) > 0
        and not _SPEECH_BEFORE_THAT.search(text[cue.end : that.end()].rsplit("that", 1)[0])
        and _RELATIVE_THAT.match(text, that.end())
        # "said in a statement that forces had crossed …": a plural subject and its verb
        and not _PLURAL_SUBJECT_THEN_VERB.match(text, that.end())
    ):
        that = None  # "referred to drills announced by X that were to …": a relative pronoun
    if that and (not unit.inside(that.end()) or _opens_clause(text, unit, that.end())):
        start = that.end()
        confidence = 0.85 if word_count(text[cue.end : that.start() + 1]) == 0 else 0.75
        return (start, content_end(text, unit, start, later, cue.subordinate), confidence)
    quote = TO_QUOTE.match(text, max(after, cue.end), reach(unit, max(after, cue.end)))
    if quote and cue.lemma in _CLAUSE_LEMMAS and _opens_clause(text, unit, quote.end()):
        start = quote.end()  # "said “in the coming weeks” the crews would …": one mixed quote
        return (start, content_end(text, unit, start, later, cue.subordinate), 0.75)
    if (
        quote
        and (cue.lemma in OBJECT_VERBS or cue.lemma in ("call_for", "demand"))
        and _opens_clause(text, unit, quote.end())
    ):
        # "warned of “overwhelming” countermeasures against …", "called for “bold” steps to …":
        # the quoted word opens the noun phrase reported, one mixed quote
        start = quote.end()
        end = content_end(text, unit, start, later, cue.subordinate, noun_object=True)
        if word_count(text[start:end]) >= 3:
            return (start, end, 0.7)
    if quote:
        return None  # a cue for the quotation that follows (scope attribution)
    if cue.lemma in _APPEAL_LEMMAS:
        if cue.lemma == "call_for" or (cue.lemma == "call" and text.startswith(" for ", cue.end)):
            lead = _CALL_FOR.match(text, cue.end, unit.end)
            if lead:
                start = lead.end()
                end = content_end(text, unit, start, later, cue.subordinate, noun_object=True)
                if word_count(text[start:end]) >= 2:
                    return (start, end, 0.65)
        appeal = _APPEAL.match(text, cue.end, unit.end)
        if appeal and not unit.inside(appeal.end()):
            start = appeal.end()
            end = content_end(text, unit, start, later, cue.subordinate)
            if word_count(text[start:end]) >= 3:
                # "urged Seoul to “stay independent” and not be swayed …", "urged Japan to
                # “stop interfering.”": the addressee is content too, so one mixed quote (the
                # corpus gold, RULES.md round eight); a bare "to “…”" stays a direct quote
                return (start, end, 0.65)
    if cue.lemma in BARE_CLAUSE_VERBS and after >= 0:
        bare = _BARE_CLAUSE.match(text, after, reach(unit, after))
        if (
            bare
            and re.match(r"(?:a|an)\s", text[bare.end() : bare.end() + 4])
            and not _FINITE_SOON.match(text[bare.end() : bare.end() + 120])
            and not _PRESENT_VERB_SOON.match(text[bare.end() : bare.end() + 120])
        ):
            bare = None  # "wrote a book about the war": an object, no clause
        if bare is None:
            # "said Monday four of its stores were closed", "said in a statement it would …"
            lead = _LEAD_ADVERBIAL.match(text, after, reach(unit, after))
            if lead and not _SUBORDINATOR.match(text, lead.end()):
                bare = _BARE_CLAUSE.match(text, lead.end(), reach(unit, lead.end()))
                if bare is None and _FINITE_SOON.match(text[lead.end() : lead.end() + 120].strip()):
                    that = THAT_AFTER.match(text, lead.end() - 1, reach(unit, lead.end()))
                    if (
                        that is None
                        and text[lead.end() : lead.end() + 1] == " "
                        # "said in a written report to lawmakers, noting …": more adverbial
                        and not _ADVERBIAL_GOES_ON.match(text, lead.end(), lead.end() + 12)
                    ):
                        bare = re.compile(r"\s+").match(text, lead.end(), reach(unit, lead.end()))
        if bare:
            start = bare.end()
            end = content_end(text, unit, start, later, cue.subordinate)
            if word_count(text[start:end]) >= 3:
                return (start, end, 0.7)
    if cue.lemma in _GERUND_LEMMAS and cue.subject and _GERUND_OBJECT.match(text, cue.end):
        # "a US official reported being unaware of …", "denied having met him": the gerund
        start = cue.end + 1
        end = content_end(text, unit, start, later, cue.subordinate)
        if word_count(text[start:end]) >= 3:
            return (start, end, 0.65)
    if cue.lemma in OBJECT_VERBS:
        obj = _OBJECT.match(text, cue.end, reach(unit, cue.end))
        if obj is None and cue.lemma == "warn_of":
            # "warned of likely retaliation", "warned of rising tensions": the danger, whatever
            # word opens it
            obj = _WARNED_OF_OBJECT.match(text, cue.end, reach(unit, cue.end))
        if obj:
            start = obj.end()
            end = content_end(text, unit, start, later, cue.subordinate, noun_object=True)
            reason = cue.lemma not in _REASON_NEEDED or _REASON.search(text, start, end)
            if word_count(text[start:end]) >= 5 and reason:
                return (start, end, 0.6)
    return None


_ADVERBIAL_GOES_ON = re.compile(r"\s+(?:to|at|in|on|for|with|by|from|of|about|over)\s")
_QUOTED_CLAUSE_LEMMAS = _CLAUSE_LEMMAS | _APPEAL_LEMMAS | OBJECT_VERBS | {"call", "agree"}
_POINTING_BACK = re.compile(
    r"^(?:it|this|that|them|these|those|him|her|itself|themselves|(?:such|this|that|these|those)"
    r"\s+[\w-]+)(?:\s+as)?$",
    re.I,
)
_PREPOSITION_FIRST = re.compile(
    r"^(?:at|in|on|during|after|before|from|with|by|of|for|about|over|via|through|while|when)\b",
    re.I,
)


# "condemned Beijing’s attempts to “…”": the infinitive belongs to a noun the content is about
_NOUN_BEFORE_TO = re.compile(
    r"(?:^|\s)(?:[A-Z][\w.-]*[’']s?|the|its|their|his|her|our)\s+(?:[a-z][\w-]*\s+){0,2}?"
    r"(?:attempts?|efforts?|plans?|moves?|bids?|push|drive|calls?|decision|refusal|failure|"
    r"threats?|ambitions?|intention|determination|readiness|willingness|desire|campaign)"
    r"\s+to$"
)
# a quotation that opens with a finite verb continues the clause of the name before it
_FINITE_QUOTED = re.compile(
    r"(?:[a-z]+ly\s+)?(?:[a-z]{3,}(?:es|ed)|[a-z]{2,}[^s\W]s|is|was|were|are|will|would|has|had|"
    r"have|must|should|can|cannot|could|may|might)\b"
)
_WEEKDAY = re.compile(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday")
_NAMING_WORD = re.compile(
    r"\b(?:so-called|called|titled|entitled|headlined|dubbed|named|nicknamed|known\s+as)$", re.I
)


def quoted_clause_content(
    text: str, unit: Unit, cue: Cue, later: list[Cue], next_start: int
) -> tuple[int, int, float] | None:
    """A reported clause that runs into a quotation: ``said Beijing's repeated drills were the
    “greatest risk”``, ``urged Seoul to “act with caution”``, ``called the plan “a betrayal”``.
    The words between the cue (or its addressee) and the opening mark belong to the content, so
    the quote is one mixed quote from there, not a direct quote of the fragment. Not when those
    words are an adverbial (``said on Monday in Seoul “…”``), end in a comma or colon, only point
    back (``called it “…”``, ``described them as “…”``) or are an infinitive's ``to`` (RULES.md's
    ``pledging to “…”``): the quotation alone is then the quote. (An appeal's addressee and its
    ``to``, ``urged Seoul to “…”``, is one mixed quote from the addressee: ``reported_content``.)"""
    if cue.lemma not in _QUOTED_CLAUSE_LEMMAS:
        return None
    start = max(cue.end, cue.object_end)
    lead = _LEAD_ADVERBIAL.match(text, start, reach(unit, start))
    if lead:
        start = lead.end()
    that = re.compile(r"\s+that\b").match(text, start, reach(unit, start))
    if that:
        start = that.end()
    passages = unit.between(start, min(next_start, reach(unit, start, 250)))
    if not passages:
        return None
    gap = text[start : passages[0].open_at].strip()
    words = gap.split()
    # "said Beijing “firmly opposes” …": a name whose verb opens the quotation (not "told
    # Reuters “…”", "said Monday “…”")
    named_clause = (
        len(words) == 1
        and gap[:1].isupper()
        and cue.lemma != "tell"
        and _FINITE_QUOTED.match(text, passages[0].start) is not None
        and not _WEEKDAY.fullmatch(gap)
    )
    if (
        len(words) < 1
        or (len(words) < 2 and not that and not named_clause)
        or re.search(r"[.;:!?,()“”\"«»]", gap)
    ):
        return None
    if _POINTING_BACK.match(gap) or _PREPOSITION_FIRST.match(gap):
        return None
    if (
        words[-1].lower() == "to" or (words[0].lower() == "to" and "that" not in words)
    ) and not _NOUN_BEFORE_TO.search(gap):
        return None  # "agreed to continue to “…”": the quotation is it ("urged X to": above)
    if len(words) == 1 and gap[:1].isupper() and not named_clause:
        return None
    if _NAMING_WORD.search(gap):
        return None  # "criticized Lee in a column titled “…”": a title, not the speaker's words
    while start < len(text) and text[start].isspace():
        start += 1
    end = content_end(text, unit, start, later, cue.subordinate)
    if end <= passages[0].close_at - 1:
        return None
    return (start, end, 0.7)


_TAIL_WORDS = re.compile(r"\s+[^\s,.;:]+(?:\s+[^\s.;:“”\"]+){2,14}")
_NO_CLAUSE_NEXT = re.compile(
    r"\s+(?:to|at|during|after|before|when|while|of|about|for|with|from|by|as|on|in)\s+"
    r"(?:a|an|the|his|her|its|their|our|this|that|these|[A-Z]|\w+ing\b)"
)
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their|our|this|these|those|such)|[’']s?)\s+$",
    re.I,
)
_MAYBE_FINITE = re.compile(
    r"\s(?:is|are|was|were|will|would|can|cannot|could|should|must|may|might|has|have|had|"
    r"does|did|do|[a-z]{2,}(?:ed|es|s))\b"
)


def may_take_parsed_clause(text: str, unit: Unit, cue: Cue) -> bool:
    """True when a cue the rules found no content for may still govern a clause the parse can
    find (``KCNA said Kim and Trump discussed …``): a verb that takes a clause, not in the
    position of a sentence-final cue, not directly before a quotation."""
    if cue.lemma not in _CLAUSE_LEMMAS or _inverted_position(text, unit, cue):
        return False
    if cue.subject.lower() in {"the", "a", "an", "this"} or not verb_position(
        text, unit, cue.start
    ):
        return False
    after = max(cue.end, cue.object_end)
    if TO_QUOTE.match(text, after, reach(unit, after)) is not None:
        return False
    return clause_may_follow(text, unit, after)


def clause_may_follow(text: str, unit: Unit, after: int) -> bool:
    """A cheap look before the parse is asked: some words after ``after``, then something that
    may be a finite verb."""
    tail = _TAIL_WORDS.match(text, after, reach(unit, after))
    if tail is None or _NO_CLAUSE_NEXT.match(tail.group()):
        return False
    return _MAYBE_FINITE.search(tail.group()) is not None


def verb_position(text: str, unit: Unit, start: int) -> bool:
    """False when a cue form is a noun (``the remarks``, ``Xi's comments``, ``its claims``)."""
    return _NOUN_BEFORE.search(text, max(unit.start, start - 12), start) is None


def clause_from(
    text: str, unit: Unit, cue: Cue, later: list[Cue], start: int
) -> tuple[int, int, float] | None:
    """The reported clause starting at ``start`` (found by the parse), ended by the rules."""
    if unit.inside(start):
        return None
    end = content_end(text, unit, start, later, cue.subordinate)
    if word_count(text[start:end]) < 3:
        return None
    return (start, end, 0.7)


def according_closes(text: str, unit: Unit, cue: Cue) -> bool:
    """True when ``…, according to X.`` closes its sentence: a comma before it and only the
    source (no comma, at most 15 words) after it."""
    if not re.search(r",[”’\"»]?\s*$", text[max(unit.start, cue.start - 4) : cue.start]):
        return False
    rest = text[cue.end : min(unit.end, cue.end + 200)]
    return cue.end + 200 >= unit.end and word_count(rest) <= 15 and "," not in rest


def according_parts(
    text: str, unit: Unit, cue: Cue, later: list[Cue]
) -> tuple[str, tuple[int, int, float] | None]:
    """Source phrase and content of ``According to X, …`` / ``…, according to X.`` /
    ``From the point of view of X, …``."""
    limit = reach(unit, cue.end, ACCORDING_REACH)  # a comma further away is > 12 words away
    comma = text.find(",", cue.end, limit)
    while comma != -1 and re.match(r",\s+(?:who|which|whose)\b", text[comma : comma + 8]):
        comma = text.find(",", comma + 1, limit)  # skip a relative clause on the source
    if comma != -1:
        # "According to Victor Cha, a Korea expert at CSIS, the summit …": the source's
        # appositive (a role, no verb) is no content
        appositive = _SOURCE_APPOSITIVE.match(text, comma, min(unit.end, comma + 120))
        if (
            appositive
            and _APPOSITIVE_ROLE_WORD.search(appositive.group(1))
            and not _APPOSITIVE_VERB.search(appositive.group(1))
        ):
            comma = appositive.end() - 1
    phrase_match = re.match(
        r"(?:[^,.;(“\"]|\.(?=\s+[A-Z][a-z]+\s+[A-Z]))*",
        text[cue.end : min(unit.end, cue.end + 200)],
    )
    phrase = phrase_match.group().strip() if phrase_match else ""
    # a tail that ends the sentence within 200 characters (a bounded window)
    tail_end = unit.end if comma != -1 and unit.end - comma <= 200 else -1
    listed = _LISTED_SOURCES.fullmatch(text, comma, tail_end) if tail_end != -1 else None
    if listed:
        # "…, according to South Korea's military, Japanese and US officials.": the sources
        # are a list that ends the sentence, the content is before them
        phrase = text[cue.end : listed.start("end")].strip()
        comma = -1
    elif tail_end != -1 and _CITING_TAIL.fullmatch(text, comma, tail_end):
        comma = -1  # "…, according to Yonhap, citing officials.": the content is before
    if (
        comma == -1
        or word_count(text[cue.end : comma]) > 12
        or cue.start > unit.start + ((unit.end - unit.start) // 2)
    ):
        # "…, according to X." closes the sentence: the content is before it
        start, end = trim(text, max(unit.start, cue.start - MAX_CLAUSE), cue.start)
        inner = [p for p in unit.before(cue.start, 1) if p.close_at <= cue.start]
        if end > start and not inner:
            return phrase, (start, end, 0.8)
        return phrase, None
    start = comma + 1
    return phrase, (start, content_end(text, unit, start, later), 0.85)


_SOURCE_APPOSITIVE = re.compile(r",\s+((?:a|an|the)\s+[^,;:“”\"()]{2,90}),")
_APPOSITIVE_ROLE_WORD = re.compile(
    r"\b(?:expert|official|analyst|professor|fellow|spokes(?:man|woman|person)|director|"
    r"minister|researcher|scholar|advis[eo]r|diplomat|envoy|ambassador|chief|head|chair(?:man|"
    r"woman)?|president|secretary|commander|lawmaker|senator|economist|strategist|editor|"
    r"journalist|correspondent|specialist|lecturer|author)s?\b"
)
_APPOSITIVE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|"
    r"said|says|[a-z]{3,}ed)\b"
)
# the rest of a list of sources after "according to A": ", B and C." to the sentence end
_LISTED_SOURCES = re.compile(
    r",\s+(?:(?!(?:is|are|was|were|has|have|had|will|would|said|says|which|who)\b)"
    r"[\w’'.-]+\s+){0,6}(?:and|or)\s+(?:(?!(?:is|are|was|were|has|have|had|will|would|"
    r"said|says)\b)[\w’'.-]+\s+){0,5}[\w’'-]+(?P<end>)[.!]?[”’\"]?\s*"
)
_CITING_TAIL = re.compile(r",\s+(?:citing|quoting)\s+[^,;:“”\"]{1,80}?[.!]?[”’\"]?\s*")
# cues that close a sentence whose content came first: "Talks will resume soon, Kim said Monday."
INVERTED_CUES = frozenset(
    {
        "say",
        "add",
        "tell",
        "read",  # "…, read a statement from the army" (a document only: cues.find_cue_forms)
        "note",
        "warn",
        "write",
        "explain",
        "argue",
        "insist",
        "claim",
        "state",
        "stress",
        "report",
        "believe",
        "predict",
        "announce",
        "confirm",
        "emphasize",
        "emphasise",
        "caution",
        "suggest",
        "reply",
        "respond",
        "conclude",
        "acknowledge",
        "admit",
        "think",
        "point_out",
        "contend",
        "assert",
        "maintain",
        "observe",
        "estimate",
        "allege",
    }
)
_INVERTED_TAIL = re.compile(r"^(?:(?:\s+|\s*,\s*)[\w’'.$%-]+){0,18}[\s.!?”’\"»)]*$")
_NAMED_INVERTED_TAIL = re.compile(r"^(?:(?:\s+|\s*,\s*)[\w’'.$%-]+){0,28}[\s.!?”’\"»)]*$")
_NAME_THEN_APPOSITIVE = re.compile(
    r"\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3},\s+(?:a|an|the)\s+[a-z]"
)
_TAIL_CLAUSE = re.compile(r",\s*(?:and|but|so)\s|\b(?:because|although|though|whereas)\b")


# a role with its complement, no verb: "spokesperson for the State Council Taiwan Affairs Office"
ROLE_BEFORE_CUE = re.compile(
    r"^\s*(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){0,2}(?:spokes(?:man|woman|person)|minister|"
    r"secretary|director|ambassador|official|chief|head|chairman|chairwoman|chair|president|"
    r"adviser|advisor|envoy|commander|professor|fellow|researcher|analyst|editor|deputy)\s+"
    r"(?:of|for|at|to|with)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+|for\s+|and\s+)?"
    r"[A-Z][\w’'.-]*){0,7}"
    # "the head of People’s Liberation Army’s delegation to the recent Shangri-La Dialogue in
    # Singapore said": lower-case words of the role's object, ending on a name
    r"(?:(?:\s+(?!(?:is|was|were|are|has|have|had|said|says|told|who|which|that)\b)[a-z][\w’'-]*){1,6}"
    r"(?:\s+[A-Z][\w’'.-]*)+){0,2}\s*$"
)
_APPOSITIVE_ROLE = re.compile(r"^\s*(?:a|an|the|[a-z][\w’'-]*)\b")
NAME_SEGMENT = re.compile(r"^\s*(?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|of|the|de|van|von))*\s*$")


_DESCRIBED_SUBJECT = re.compile(
    r"^\s*(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Aa]nother|[Oo]ne|[Ss]ome|[Ss]everal|"
    r"[Tt]wo|[Tt]hree)\s+[\w’'-]+(?:\s+[\w’'-]+){0,6}\s*$"
)


def _opening_subject(segment: str) -> bool:
    """``Oriana Mastro`` / ``The company``: a name or a description opening the sentence before an
    appositive or relative clause set off by commas, with no verb of its own."""
    if word_count(segment) > 5 or _CLAUSE_BETWEEN.search(segment):
        return False
    return bool(NAME_SEGMENT.match(segment) or _DESCRIBED_SUBJECT.match(segment))


# a short parenthesis glossing a name, and a long subject with no verb of its own ("a source in
# Sinuiju city in North Pyongan province told"): still the subject of a sentence-final cue
_GLOSS = re.compile(r"\s*\((?:[^()“”\"]{1,40})\)")
_LONG_SUBJECT = re.compile(
    r"^\s*(?:(?:a|an|the|one|two|three|several|[A-Z][\w’'.-]*)\s+)"
    r"(?:(?!is\b|are\b|was\b|were\b|has\b|have\b|had\b|will\b|would\b|can\b|could\b|"
    r"should\b|may\b|might\b|must\b|do\b|does\b|did\b|not\b|also\b|then\b)[\w’'.-]+\s+){6,13}$"
)


# three plain words that cannot end a clause: an auxiliary, an infinitive's "to", a preposition
_OPEN_LEAD_IN = re.compile(
    r"\s*[\w’'-]+\s+[\w’'-]+\s+(?:had|has|have|was|were|is|are|will|would|could|should|"
    r"must|may|might|can|to|of|for|with|on|in|at|into|as|by|from|against|about)\s*",
    re.IGNORECASE,
)
# words that open a sentence without being part of its clause ("But “…,” he said")
_LEAD_CONNECTIVE_WORDS = re.compile(
    r"^\s*(?:(?:but|and|yet|so|still|now|also|indeed|however|instead|then|again|meanwhile|"
    r"moreover|furthermore|besides|rather|thus|hence|otherwise|nevertheless|finally|later)\b"
    r"[\s,]*)+",
    re.IGNORECASE,
)


# after the comma, a preposition or subordinator leads a phrase, never the subject of a cue
_PREPOSITION_LED = re.compile(
    r"\s*(?i:following|after|before|including|unlike|like|than|besides|since|until|compared\s+"
    r"with|such\s+as)\s+\S"
)


def _cut_before(text: str, unit: Unit, lower: int, cue: Cue, cutting: bool = False) -> int | None:
    """The comma that ends the content of a sentence-final cue, or ``None``. ``cutting``: the
    content started at ``lower`` (a clause of an earlier cue), so a short lead-in before a
    closing quotation is that clause's, not a quotation attributed by scope."""
    start = max(unit.start, lower, cue.start - MAX_CLAUSE)
    head = text[start : cue.start]
    comma = head.rfind(",")
    if comma == -1:
        return None
    if unit.inside(start + comma):
        # "… and “resolutely counter …,” said the command": the comma closing a quotation that
        # ends a clause with more words outside it
        closing = [p for p in unit.before(start + comma + 1, 1) if p.open_at > start]
        if not closing or not 0 < closing[0].close_at - (start + comma) <= 2:
            return None
        lead_in = _LEAD_CONNECTIVE_WORDS.sub("", text[start : closing[0].open_at])
        # a lead-in of three plain words with no cue of its own is a clause's subject and verb
        # ("Fishing fleets had “entered …,” the coast guard said": one mixed quote)
        plain = _OPEN_LEAD_IN.fullmatch(lead_in) and not find_cue_forms(lead_in)
        short = word_count(lead_in) < 4 and not plain
        if short and not cutting:
            return None  # "“…,” said X" (or a short lead-in): the quotation, attributed by scope
        between = text[closing[0].close_at : cue.start]
        if word_count(between) > 7 or re.search(r"[;:“”\"«»()]|\b(?:that|and|but)\b", between):
            return None
        return closing[0].close_at
    between = _GLOSS.sub("", head[comma + 1 :])  # "Vincent Yao (姚金祥) told"
    if ROLE_BEFORE_CUE.match(between):
        # "…, Ma Xiaoguang, spokesperson for the State Council Taiwan Affairs Office said": the
        # appositive's closing comma left out, the name before it is the subject
        name_comma = head.rfind(",", 0, comma)
        name = head[name_comma + 1 : comma]
        if name_comma != -1 and NAME_SEGMENT.match(name) and word_count(name) <= 4:
            return start + name_comma
    if word_count(between) > 7 and not _LONG_SUBJECT.match(between):
        return None
    if _PREPOSITION_LED.match(between):
        return None  # "…, following the one confirmed in May.": a phrase, no subject and cue
    if re.search(r"[;:“”\"«»()]|\b(?:that|and|but|which|who)\b", between):
        return None
    if not between.strip():
        # "…, Kim Hyun-chong, a deputy adviser, said" (an appositive before the cue)
        earlier = head.rfind(",", 0, comma)
        if earlier != -1 and NAME_SEGMENT.match(head[earlier + 1 : comma]):
            # "“…,” a ministry spokesman, Li Wei, said": a description, then the name
            opened = head.rfind(",", 0, earlier)
            segment = head[opened + 1 : earlier]
            closing = len(segment) - len(segment.lstrip('”’"»'))
            if opened != -1 and _DESCRIBED_SUBJECT.match(segment[closing:]):
                return start + opened + (1 + closing if closing else 0)
        if earlier != -1 and _APPOSITIVE_ROLE.match(head[earlier + 1 : comma]):
            name_comma = head.rfind(",", 0, earlier)
            name = head[name_comma + 1 : earlier]
            if name_comma != -1 and _opening_subject(name):
                comma = name_comma
            elif name_comma == -1 and _opening_subject(name):
                return None  # "Oriana Mastro, a fellow at Stanford, contends …": the subject
    return start + comma


def sentence_final_tail(text: str, unit: Unit, cue: Cue) -> int:
    """Where the tail after a sentence-final cue ends: the unit's end, or a participle clause
    that adds the speaker's next point (``…, he said, adding that …``)."""
    window = reach(unit, cue.end)
    ends = [unit.end]
    for pattern in (_PARTICIPLE_TAIL, _RELATIVE_TAIL):
        match = pattern.search(text, cue.end, window)
        if match and not unit.inside(match.start()):
            ends.append(match.start())
    return min(ends)


def final_cue_content(
    text: str, unit: Unit, cues: list[Cue]
) -> tuple[int, tuple[int, int, float]] | None:
    """``(index, content)`` of the unit's sentence-final cue when it closes the whole sentence
    (``Kim Jong Un, by his visit, also signaled that …, said Troy Stangarone.``): the cues
    inside that content are the speaker's words, not cues of the writer's."""
    for index in range(len(cues) - 1, -1, -1):
        cue = cues[index]
        if cue.lemma not in INVERTED_CUES or cue.form.split()[0].lower().endswith("ing"):
            continue
        tail_end = sentence_final_tail(text, unit, cue)
        tail = text[cue.end : min(tail_end, cue.end + 400)]
        if _CLAUSE_BETWEEN.search(tail) or _NAMED_CLAUSE.match(tail):
            return None  # "…, said Beijing might …": a clause follows, the cue is not final
        content = inverted_content(text, unit, cue, unit.start)
        if content is None:
            return None
        return index, content
    return None


def inverted_content(
    text: str, unit: Unit, cue: Cue, lower: int, cutting: bool = False
) -> tuple[int, int, float] | None:
    """The content before a sentence-final cue: ``Talks will resume soon, Kim said on Monday.``
    / ``…, said Jane Park, director of …``. ``None`` unless the cue follows a comma (at most a
    short subject between) and only a short tail (time, place, addressee, the subject) follows."""
    if re.search(r"\bto\s+$", text[max(unit.start, cue.start - 4) : cue.start]):
        return None  # "…, the government is determined to say": an infinitive reports nothing yet
    if re.search(
        r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?$",
        text[max(unit.start, cue.start - 24) : cue.start],
    ):
        return None  # "According to the source, officials were told to …": a passive cue
    if _DATE_COMMA.search(text, max(unit.start, cue.start - 16), cue.start):
        return None  # "Kim Jong Il on Sept. 17, 2002, admitted": the comma closes a date
    end = _cut_before(text, unit, lower, cue, cutting)
    if end is None:
        return None
    tail_end = sentence_final_tail(text, unit, cue)
    tail = text[cue.end : min(tail_end, cue.end + 400)]
    if _GERUND_OBJECT.match(tail):
        return None  # "…, a US official reported being unaware of …": the gerund is the content
    # "…, wrote Sun Xingjie, a professor at Jilin University, in the article first published
    # by Ming Pao": a named subject with its appositive and the venue is a longer tail
    named = _NAME_THEN_APPOSITIVE.match(tail) is not None
    longest = 28 if named else 18
    if (
        cue.end + 400 < tail_end
        or word_count(tail) > longest
        or re.search(r"[“\"«;:]|\bthat\b", tail)
    ):
        return None
    shape = _NAMED_INVERTED_TAIL if named else _INVERTED_TAIL
    if not shape.match(tail) or _TAIL_CLAUSE.search(tail) or _NAMED_CLAUSE.match(tail):
        return None
    start = max(unit.start, lower, cue.start - MAX_CLAUSE)
    if word_count(text[start:end]) < 4:
        return None
    inner = unit.between(start, end)
    if inner and inner[-1].close_at > end + 2:
        return None
    if inner and _SUBJECT_AND_APPOSITIVE.match(text, inner[-1].close_at + 1, end):
        return None  # "“…,” the Global Times, published by …, wrote": the subject, no content
    return (start, end, 0.75)


# a gerund right after a cue is its object ("reported being unaware", "denied having met"),
# not the tail of a sentence-final cue
_GERUND_OBJECT = re.compile(
    r"\s+(?:not\s+)?(?:being|having|seeing|knowing|[a-z]{3,}ing\s+(?:to|of|that|the|a|an|any|no)\b)"
)
_GERUND_LEMMAS = frozenset(
    {"report", "deny", "admit", "acknowledge", "recall", "mention", "confirm"}
)
# after a quotation, a name and its appositive: "…,” the Global Times, published by the ruling
# Communist Party’s People’s Daily, wrote"
_SUBJECT_AND_APPOSITIVE = re.compile(
    r"[\s,]*(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*){0,5}\s*,\s+[^,“”\"]{3,120}$"
)


def inverted_cut(text: str, unit: Unit, start: int, later: list[Cue]) -> int | None:
    """Where a clause starting at ``start`` gives way to a sentence-final cue of its own
    (``saying it harms trust, news reports said Monday``)."""
    for cue in later:
        if cue.start > start + MAX_CLAUSE:
            break
        if cue.lemma not in INVERTED_CUES or cue.start <= start:
            continue
        if sentence_final_tail(text, unit, cue) - cue.end > 400:
            continue  # not sentence-final
        content = inverted_content(text, unit, cue, start, cutting=True)
        if content is not None:
            return content[1]
    return None


_INSERTED_AFTER = re.compile(rf"(?:\s+(?:on\s+)?{DAY})?\s*,\s+(?=[a-z])")


# a short connective or adverbial opening the sentence before an inserted cue ("As a result, he
# said, …", "In the meantime, she said, …"): what follows the cue is the reported clause
_LEAD_CONNECTIVE = re.compile(
    r"^\s*(?:As|In|On|For|At|By|With|Under|Since|Until|Meanwhile|However|Instead|Still|Now|"
    r"Also|Besides|Moreover|Otherwise|Therefore|Thus|Yet|Then|Last|Next|Earlier|Later|Today|"
    r"Eventually|Ultimately|Overall|Currently|Previously)\b"
    r"(?:\s+(?!is\b|are\b|was\b|were\b|has\b|have\b|had\b|will\b|would\b)[\w’'-]+){0,4}\s*$"
)


_FINITE_AFTER_INSERT = re.compile(
    r"(?:(?:also|still|never|already|only|now|not)\s+)?"
    r"(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might|remains?|"
    r"remained|seems?|seemed|appears?|appeared)\b"
)
_VERBLESS_SUBJECT = re.compile(
    r"^\s*(?:The|This|That|These|Those|Such|Its|Their|His|Her|Any|Some|No|Most|Many|A|An|"
    r"[A-Z][\w’'-]*[’']s)\s+"
    r"(?:(?!(?:is|are|was|were|has|have|had|will|would|said|says)\b)[\w’'-]+\s*){1,6}$"
)


def inserted_content(text: str, unit: Unit, cue: Cue, lower: int) -> tuple[int, int, float] | None:
    """A cue inserted in reported speech: ``What Beijing wants, Kim said, is a weaker
    alliance.`` → the whole sentence (one span, cue included: spans are contiguous)."""
    if unit.passages or unit.end - unit.start > MAX_CLAUSE:
        return None
    start = max(unit.start, lower)
    head = text[start : cue.start]
    comma = head.rfind(",")
    if comma == -1 or word_count(head[comma + 1 :]) > 5 or word_count(head[:comma]) < 2:
        return None
    lead = _LEAD_CONNECTIVE.match(head[:comma])
    wh_clause = re.match(r"\s*(?:What|Why|How|Whether|Where|When|Who)\b", head)
    after_cue = _INSERTED_AFTER.match(text, cue.end, unit.end)
    if (
        not lead
        and not wh_clause
        and not (
            # "The sanctions, the minister said, had failed …": a subject with no verb of
            # its own before the insertion, the finite verb right after it
            after_cue
            and not re.match(r"\s*as\b", head[comma + 1 :])  # ", as observers note," agrees
            and _FINITE_AFTER_INSERT.match(text, after_cue.end())
            and _VERBLESS_SUBJECT.match(head[:comma])
        )
    ):
        return None
    if re.search(r"[;:()]|\b(?:that|and|but|which|who)\b", head[comma + 1 :]):
        return None
    after = _INSERTED_AFTER.match(text, cue.end, unit.end)
    if after is None or word_count(text[after.end() : unit.end]) < 3:
        return None
    if lead:
        # "As a result, he said, fewer traders …": the writer's connective is no part of it
        return (after.end(), content_end(text, unit, after.end(), []), 0.7)
    return (start, unit.end, 0.6)
