"""More reported-speech shapes (issue #11, recall): content the main cue rules find none for.

``reported.reported_content`` knows the classic shapes (``said that …``, ``said he …``,
``stressed the importance of …``, ``urged Y to …``). This module adds general shapes of news
prose, each tried only when those rules found no content for a cue:

* a ``that`` dropped after any clause-taking verb: ``the ministry stressed it does not …``,
  ``the North has long claimed such drills are …`` (a short noun phrase, then a finite verb);
* a cue inside a relative clause, its content the verb phrase after it (RULES: relative-clause
  content): ``missiles that it said were tests``, ``a plan which he claims intends to …``;
* a promise or threat with its infinitive: ``vowed to …``, ``threatening to …``;
* a directive with addressee and infinitive: ``advised citizens to …``, ``told students to …``
  (VerbNet advise-37.9 / order verbs; the addressee belongs to the content, NOTES-a);
* judgement verbs with their reason (VerbNet judgement-33): ``accused X of …``, ``praised X
  for …``, ``slammed X over …``; without the reason there is no content (NOTES-a);
* ``described/cited/dismissed X as Y`` (``as Y`` alone when X is a pronoun), ``called X a Y``;
* a content noun phrase with a named possessor (``reiterated China's determination to …``) and
  ``demanded <noun phrase>``;
* concern voiced about something: ``raised concerns about X``, ``voiced complaints over X`` → X.

Besides, :func:`extra_cues` finds cues that are not one verb form: a content noun with its
``that`` clause and a source (``a statement by X that …``, ``protests from Beijing that …``,
``news reports that …``), ``made it clear that`` / ``was adamant that``, ``dismissed the idea of …`` / ``ruled out the
possibility that …``, and ``…, Reuters reports.`` at a sentence end.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from annotator.extract import reported
from annotator.extract.reported import (
    LOOKAHEAD,
    Cue,
    Unit,
    content_end,
    reach,
    verb_position,
    word_count,
)

# a finite verb (or auxiliary) that opens a clause's predicate
_FINITE = (
    r"(?:is|are|was|were|has|have|had|will|would|can|cannot|could|should|must|may|might|does|"
    r"did|do|won[’']t|isn[’']t|wasn[’']t|doesn[’']t|didn[’']t)"
)
# a word that may be part of a short subject noun phrase (no verbs, prepositions but "of",
# conjunctions, relatives or punctuation)
_NP_WORD = (
    r"(?!(?:to|for|in|on|at|with|by|from|that|which|who|as|and|but|or|if|when|because|while|"
    r"after|before|into|about|over|not|also|been|being|be)\b)[\w’'.$%-]+"
)
_DROPPED_THAT = re.compile(
    rf"\s+(?=(?:(?:he|she|it|they|we|I|there|this|these|those|such|the|a|an|its|his|her|"
    rf"their|our|some|many|most|all|both|no|any|each|every|[A-Z][\w’'.-]*|[a-z][\w’'-]*)"
    rf"(?:\s+{_NP_WORD}){{0,4}}?\s+(?:{_FINITE}|not)\b))"
)
_RELATIVE_BEFORE = re.compile(
    r"\b(?:that|which|what|who)\s+(?:it|he|she|they|we|I|(?:the\s+)?[A-Z][\w’'.-]*"
    r"(?:\s+[A-Z][\w’'.-]*){0,3}|the\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:(?:has|had|have)\s+)?"
    r"(?:(?:also|long|later|previously|repeatedly|once)\s+)?\Z"
)
_IRREGULAR_PAST = reported.IRREGULAR_PAST
_PREDICATE_AFTER = re.compile(
    rf"\s+(?=(?:(?:{_FINITE}|{_IRREGULAR_PAST}|[a-z]+ed|(?:intend|seek|want|pose|threaten|"
    rf"remain|mean|need|plan|aim|hope|try|tri|represent|constitute|violate|undermine|"
    rf"help|hurt|show|prove)s?)\b))"
)
_CLAUSE_LEMMAS = frozenset(reported.CLAUSE_VERBS) | reported.BARE_CLAUSE_VERBS
RELATIVE_LEMMAS = frozenset(
    {
        "say",
        "add",
        "claim",
        "insist",
        "allege",
        "note",
        "warn",
        "argue",
        "report",
        "write",
        "assert",
        "contend",
        "tell",
        "state",
        "suggest",
    }
)

# promises and threats: the content is the infinitive (NOTES-a: "vowed to …")
INFINITIVE_LEMMAS = frozenset({"vow", "pledge", "promise", "threaten", "claim", "swear"})
_INFINITIVE = re.compile(
    r"\s+(?=to\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b|this\b|that\b)[a-z]{2,})"
)

# directives (VerbNet advise-37.9, order/urge verbs): "advised citizens to avoid …"
DIRECTIVE_LEMMAS = frozenset(
    {
        "advise",
        "tell",
        "instruct",
        "request",
        "implore",
        "beg",
        "caution",
        "urge",
        "ask",
        "press",
        "warn",
        "call",
        "demand",
    }
)
_ADDRESSEE_TO = re.compile(
    r"\s+(?:on\s+|upon\s+)?(?=(?!(?:to|that|for|in|on|at|by|with|from)\b)"
    rf"(?:{_NP_WORD}\s+){{1,6}}?to\s+(?!the\b|a\b|an\b)[a-z]{{2,}})"
)
_ADVISED_AGAINST = re.compile(rf"\s+(?=(?:{_NP_WORD}\s+){{1,6}}?against\s+[a-z]+ing\b)")

# judgement verbs (VerbNet judgement-33) and the preposition that brings the reason
JUDGEMENT_LEMMAS = {
    "accuse": ("of",),
    "blame": ("for",),
    "criticize": ("for", "over"),
    "criticise": ("for", "over"),
    "condemn": ("for", "over"),
    "denounce": ("for", "over"),
    "praise": ("for",),
    "commend": ("for",),
    "rebuke": ("for", "over"),
    "reprimand": ("for", "over"),
    "scold": ("for",),
    "chide": ("for",),
    "castigate": ("for", "over"),
    "fault": ("for",),
    "slam": ("for", "over"),
    "attack": ("for", "over"),
    "lambaste": ("for", "over"),
    "censure": ("for", "over"),
    "lash_out_at": ("for", "over"),
}
# a day or a venue between the object and the reason: "accused Seoul on Friday of …"
_ADVERBIAL_BETWEEN = (
    r"(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|"
    r"in\s+a\s+statement|last\s+(?:week|month)|earlier\s+this\s+(?:week|month))"
)
_REASON_START = r"(?:[a-z]+ing|the|a|an|its|his|her|their|our|this|these|those|what|not|[A-Z])\b"

# "described X as Y", "cited X as Y", "dismissed the report as …"
AS_LEMMAS = frozenset(
    {
        "describe",
        "characterize",
        "characterise",
        "cite",
        "label",
        "brand",
        "portray",
        "depict",
        "dismiss",
        "denounce",
        "condemn",
        "criticize",
        "criticise",
        "hail",
        "praise",
        "reject",
        "slam",
        "refer_to",
    }
)
_AS_OBJECT = re.compile(
    # not "cited X as saying …": the saying is the cue of X's words
    rf"\s+(?=((?:(?:and|{_NP_WORD})\s+){{1,12}}?)as\s+(?!well\b|soon\b|long\b|much\b|part\b|if\b|"
    r"saying\b|telling\b|stating\b|writing\b|adding\b|warning\b|"
    r"though\b|such\b|of\b|to\b|for\b|in\b|far\b|usual\b|expected\b|it\b|they\b|he\b|she\b)\S)"
)
_AS_CLAUSE = re.compile(r"\s+as\s+(?:he|she|they|it|we|I|the|a|an)\b")
# an object that only points back ("it", "such levels"): the description alone is the content
_PRONOUN_OBJECT = re.compile(
    r"^(?:it|them|him|her|this|that|these|those|himself|herself|"
    r"(?:such|this|that|these|those)\s+[\w-]+)\s+$"
)
_CALL_OBJECT = re.compile(
    r"\s+(?=(?!(?:on|upon|for|off|up|in|out|a|an|to|at|back)\b)"
    rf"(?:{_NP_WORD}\s+){{1,5}}?(?:a|an)\s+[a-z][\w-]*\s+[\w-]+)"
)

# noun-phrase content with a named possessor: "reiterated China's determination to …"
_POSSESSED_OBJECT = re.compile(
    r"\s+(?=[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}[’']s?\s+[a-z][\w-]*\s+(?:to|of|for|that|"
    r"toward|towards|against|over|with|in|on)\b)"
)
POSSESSED_LEMMAS = frozenset(reported.OBJECT_VERBS) | {"reaffirm"}
_DEMANDED = re.compile(
    r"\s+(?=(?:the|a|an|its|his|her|their|an?\s+immediate|immediate|more|stronger|greater|"
    r"full|further)\s+[\w’'-]+\s+\S)"
)
_CONCERN_OVER = re.compile(
    r"\s+(?:(?:its|his|her|their|our|serious|strong|grave|deep|new|fresh|growing|many)\s+){0,2}"
    r"(?:concerns?|complaints?|doubts?|questions|objections?|fears|alarm|worries|reservations)"
    r"(?:\s+to\s+(?:[\w’'.-]+\s+){1,4}?)?\s+(?:about|over|regarding|at|on|with)\s+(?=\S)"
)
CONCERN_LEMMAS = frozenset({"voice", "express", "raise"})


def extra_content(
    text: str,
    unit: Unit,
    cue: Cue,
    later: list[Cue],
    tag_at: Callable[[int], str | None] | None = None,
) -> tuple[int, int, float] | None:
    """``(start, end, confidence)`` of a cue's content in one of this module's shapes, or
    ``None``. Called only when ``reported.reported_content`` found none. ``tag_at(offset)``
    gives the parse's Penn tag of the word at an offset (``None`` without a parse): a cue form
    the parse tags as no verb (``a cautious promise to …``, ``rival claims to …``) is refused."""
    if cue.lemma in ("noun", "opinion", "according_to") or unit.inside(cue.start):
        return None
    if cue.subject.lower() in {"the", "a", "an", "this"} or not verb_position(
        text, unit, cue.start
    ):
        return None  # a noun: "the call for …", "its claims"
    if reported._inverted_position(text, unit, cue):
        return None  # "…, said the ministry": the content came before
    if reported._ANONYMITY.match(text, cue.end, reach(unit, cue.end)):
        return None
    window = reach(unit, cue.end)
    for shape in (_relative, _infinitive, _directive, _judgement, _as_object, _called,
                  _concern, _possessed, _demanded, _dropped_that):  # fmt: skip
        found = shape(text, unit, cue, later, window)
        if found is not None:
            tag = tag_at(cue.start) if tag_at is not None else None
            if tag is not None and not tag.startswith("VB"):
                return None
            return found
    return None


# "… and the education ministry on Sunday told …": a new clause with a subject and a cue
_NEW_CLAUSE = re.compile(r",?\s+(?:and|but)\s+(?:(?:the|a|an|its|his|her|their|[A-Z][\w’'.-]*)\s+)")


def _span(
    text: str,
    unit: Unit,
    cue: Cue,
    later: list[Cue],
    start: int,
    confidence: float,
    least: int,
    phrase: bool = True,
) -> tuple[int, int, float] | None:
    """The content from ``start``; a phrase (not a full clause) ends at its first comma outside
    a quotation (``After demanding X, Mao said …``) and before a coordinated clause with its own
    subject and cue (``advised X to …, and the ministry told Y …``)."""
    if unit.inside(start):
        return None
    end = content_end(text, unit, start, later, cue.subordinate or phrase)
    for other in later:
        if not start < other.start < end:
            continue
        joint = None
        for match in _NEW_CLAUSE.finditer(text, start, other.start):
            joint = match
        if (
            joint
            and word_count(text[joint.end() : other.start]) <= 6
            and not unit.inside(joint.start())
        ):
            end = joint.start()
            break
    if word_count(text[start:end]) < least:
        return None
    return (start, end, confidence)


def _relative(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    if cue.lemma not in RELATIVE_LEMMAS or cue.form.lower().endswith("ing"):
        return None
    if not _RELATIVE_BEFORE.search(text, max(unit.start, cue.start - 60), cue.start):
        return None
    predicate = _PREDICATE_AFTER.match(text, cue.end, window)
    if predicate is None:
        return None
    return _span(text, unit, cue, later, predicate.end(), 0.7, 3, phrase=True)


def _infinitive(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    if cue.lemma not in INFINITIVE_LEMMAS:
        return None
    match = _INFINITIVE.match(text, cue.end, window)
    return None if match is None else _span(text, unit, cue, later, match.end(), 0.65, 3)


def _directive(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    if cue.lemma not in DIRECTIVE_LEMMAS:
        return None
    match = _ADDRESSEE_TO.match(text, cue.end, window)
    if match is None and cue.lemma in ("advise", "warn", "caution"):
        match = _ADVISED_AGAINST.match(text, cue.end, window)
    if match is None:
        return None
    addressee = text[match.end() : match.end() + 60].split()
    if addressee and addressee[0].lower() in {"he", "she", "they", "we", "it", "i"}:
        return None  # a clause, not an addressee
    return _span(text, unit, cue, later, match.end(), 0.65, 3)


def _judgement(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    prepositions = JUDGEMENT_LEMMAS.get(cue.lemma)
    if prepositions is None:
        return None
    pattern = re.compile(
        rf"\s+(?=(?:{_NP_WORD}\s+){{1,8}}?(?:{_ADVERBIAL_BETWEEN}\s+)?"
        rf"(?:{'|'.join(prepositions)})\s+{_REASON_START})"
    )
    match = pattern.match(text, cue.end, window)
    return None if match is None else _span(text, unit, cue, later, match.end(), 0.65, 4)


def _as_object(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    if cue.lemma not in AS_LEMMAS:
        return None
    match = _AS_OBJECT.match(text, cue.end, window)
    if match is None:
        return None
    start = match.end()
    after_as = start + len(match.group(1)) + len("as ")
    pronoun = _PRONOUN_OBJECT.match(match.group(1)) is not None
    if text[after_as : after_as + 1] in ("“", '"', "«", "‘") and pronoun:
        return None  # "described it as “…”": the quotation is the quote (scope)
    if pronoun:
        start = after_as  # "described it as …": the description
    # "slammed the drills as “a dangerous provocation”": the object with the quotation, one
    # mixed quote (RULES.md, round eight)
    found = _span(text, unit, cue, later, start, 0.65, 2)
    if found is None:
        return None
    clause = _AS_CLAUSE.search(text, after_as, found[1])  # "… as constructive as he left"
    return (found[0], clause.start(), found[2]) if clause else found


def _called(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    if cue.lemma != "call":
        return None
    match = _CALL_OBJECT.match(text, cue.end, window)
    if match is None:
        return None
    return _span(text, unit, cue, later, match.end(), 0.65, 4, phrase=False)


def _concern(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    if cue.lemma not in CONCERN_LEMMAS:
        return None
    match = _CONCERN_OVER.match(text, cue.end, window)
    return None if match is None else _span(text, unit, cue, later, match.end(), 0.6, 2)


def _possessed(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    if cue.lemma not in POSSESSED_LEMMAS or cue.lemma in JUDGEMENT_LEMMAS:
        return None  # "criticized Seoul’s move to …" is content only with its reason (NOTES-a)
    match = _POSSESSED_OBJECT.match(text, cue.end, window)
    return None if match is None else _span(text, unit, cue, later, match.end(), 0.6, 5)


def _demanded(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    if cue.lemma != "demand":
        return None
    match = _DEMANDED.match(text, cue.end, window)
    return None if match is None else _span(text, unit, cue, later, match.end(), 0.6, 3)


def _dropped_that(text: str, unit: Unit, cue: Cue, later: list[Cue], window: int):  # type: ignore[no-untyped-def]
    if cue.lemma not in _CLAUSE_LEMMAS or cue.lemma in ("tell", "inform", "remind", "accuse"):
        return None  # "told X …" needs its addressee first (handled by the main rules)
    if cue.form.lower().endswith("ing") or text[max(0, cue.start - 3) : cue.start] == "to ":
        return None  # "saying …" and "to add …" are handled elsewhere or are no report
    match = _DROPPED_THAT.match(text, cue.end, window)
    if match is None:
        return None
    return _span(text, unit, cue, later, match.end(), 0.7, 3, phrase=False)


# ---------------------------------------------------------------------------- cues of their own
CONTENT_NOUNS = (
    "announcement|statement|claims?|warnings?|reports?|protests?|assertions?|explanation|"
    "allegations?|assurances?|denial|insistence|accusations?|argument|remarks|comments|"
    "complaints?|suggestion|admission|threats?"
)
_NOUN_THAT_CUE = re.compile(
    rf"\b((?:[A-Z][\w.’'&-]*\s+(?:\([A-Z]+\)\s+)?){{0,4}})({CONTENT_NOUNS})"
    r"((?:\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"week|month|year))?(?:\s+(?:by|from)\s+([^.;:“”\"()]{2,120}?))?,?)\s+that\s+"
)
# "the statement that the ministry issued": a relative clause, not the statement's content
_RELATIVE_OBJECT = re.compile(
    r"(?:\S+\s+){1,4}?(?:issued|released|published|made|gave|sent|wrote|received|delivered|read|"
    r"saw|heard|cited|quoted|mentioned|denied|rejected|dismissed|filed|carried|ran|aired)\b"
)
_RELATIVE_SUBJECT = re.compile(rf"(?:{_FINITE}|{_IRREGULAR_PAST}|[a-z]+ed)\b")
_SENTENCE_OPENING = re.compile(r"^\s*(?:(?:The|A|An|This|[A-Z][\w’'.-]*)\s+)*$")
_TIME_TAIL = re.compile(
    r"\s+(?:on\s+|last\s+|this\s+|earlier\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|month|year|yesterday|today)\b.*$"
)
_RAISED = re.compile(r"\b(?:raised|raises|raising|raise)\b")
_MADE_CLEAR = re.compile(
    r"\b(?:(?:made|make|makes|making)\s+(?:it\s+)?clear"
    # "Biden was clear that …", "Xi was adamant that …": a statement, not a belief
    r"|(?<![Ii]t\s)(?<![Tt]his\s)(?<![Tt]hat\s)(?:was|were|is|are)\s+"
    r"(?:(?:also|quite|very|equally|particularly|just\s+as)\s+)?"
    r"(?:clear|adamant|emphatic|explicit|insistent|unequivocal|categorical|blunt))"
    r"(?=\s+that\b)"
)
_CHARACTERISATION = re.compile(
    r"\b(?P<owner>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})[’']s?\s+"
    r"(?P<noun>characteri[sz]ation|description|depiction|portrayal|labell?ing|branding)\s+of\s+"
    r"(?=[^.;:“”\"]{1,120}?\s+as\s+\S)"
)
# "dismissed the idea of a summit", "ruled out the possibility that …": what was dismissed is
# the content (a statement about it)
_DISMISSED_IDEA = re.compile(
    r"\b(?:dismissed|dismisses|dismissing|rejected|rejects|rejecting|ruled\s+out|rules\s+out|"
    r"ruling\s+out|played\s+down|plays\s+down|playing\s+down|downplayed|downplays|"
    r"downplaying)\s+(?:the|any)\s+(?:idea|notion|possibility|prospect|suggestion|likelihood|"
    r"chances?)\s+(?:of|that)\b"
)
_OUTLET_REPORTS = re.compile(
    r"(?<=,)\s+((?:[A-Z][\w.-]*)(?:\s+[A-Z][\w.-]*){0,3})\s+(reports|notes|writes|states)"
    r"(?=\s*[.,]\s*(?:$|[A-Z\n]))"
)
DISMISSED_IDEA_LEMMA = "dismiss_idea"
_DETERMINER_NEAR = re.compile(r"\b(?:the|a|an)\s+$")


def extra_cues(text: str, unit: Unit, known: list[Cue]) -> list[Cue]:
    """Cues of this module's shapes in a unit (see the module docstring), skipping any that a
    known cue already covers."""
    # a verb form in a noun's position ("a warning by X that") gives way to the noun cue
    taken = [(cue.start, cue.end) for cue in known if verb_position(text, unit, cue.start)]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    found: list[Cue] = []
    for match in _NOUN_THAT_CUE.finditer(text, unit.start, unit.end):
        if unit.inside(match.start(2)) or not free(match.start(2), match.end()):
            continue
        if _RELATIVE_OBJECT.match(text, match.end(), reach(unit, match.end())):
            continue
        if _RELATIVE_SUBJECT.match(text, match.end(), reach(unit, match.end())):
            continue  # "the threat that led to …": "that" is the relative's subject
        if _SENTENCE_OPENING.match(text[unit.start : match.start(2)]):
            continue  # the noun opens the sentence: its clause runs into the main verb
        noun = match.group(2)
        source = _TIME_TAIL.sub("", (match.group(4) or "").split(",")[0].strip())
        if not source:
            source = match.group(1).strip()
            source = re.sub(r"\s*\([A-Z]+\)$", "", source)
        if not source and noun in ("reports", "report"):
            before = text[max(unit.start, match.start(2) - 6) : match.start(2)]
            source = "news reports" if before.endswith("news ") else ""
        if not source or source.lower() in {"the", "a", "an"}:
            continue  # a cue needs a plausible source
        cue = Cue(match.start(2), match.end(), match.group().strip(), "noun")
        cue.subject = source
        found.append(cue)
    for match in _RAISED.finditer(text, unit.start, unit.end):
        if unit.inside(match.start()) or not free(match.start(), match.end()):
            continue
        if _CONCERN_OVER.match(text, match.end(), reach(unit, match.end())):
            found.append(Cue(match.start(), match.end(), match.group(), "raise"))
    for match in _CHARACTERISATION.finditer(text, unit.start, unit.end):
        if unit.inside(match.start()) or not free(match.start("noun"), match.end()):
            continue
        # "Nakayama’s characterisation of Taiwan as a country": the owner's words, "X as Y"
        cue = Cue(match.start("noun"), match.end(), match.group("noun") + " of", "noun")
        cue.subject = match.group("owner")
        found.append(cue)
    for match in _DISMISSED_IDEA.finditer(text, unit.start, unit.end):
        # the verb alone may be a known cue ("dismissed"): this longer cue replaces it
        if not unit.inside(match.start()) and free(match.end() - 1, match.end()):
            found.append(Cue(match.start(), match.end(), match.group(), DISMISSED_IDEA_LEMMA))
    for match in _MADE_CLEAR.finditer(text, unit.start, unit.end):
        if not unit.inside(match.start()) and free(match.start(), match.end()):
            found.append(Cue(match.start(), match.end(), match.group(), "state"))
    for match in _OUTLET_REPORTS.finditer(text, unit.start, unit.end):
        start = match.start(2)
        if unit.inside(start) or not free(start, match.end(2)):
            continue
        lemma = {"reports": "report", "notes": "note", "writes": "write", "states": "state"}
        found.append(Cue(start, match.end(2), match.group(2), lemma[match.group(2)]))
    return found


__all__ = ["DISMISSED_IDEA_LEMMA", "LOOKAHEAD", "extra_content", "extra_cues"]
