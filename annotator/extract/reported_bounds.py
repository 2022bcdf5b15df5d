"""Where a reported clause may not reach, and cue forms that report nothing (issue #11).

Four regularities of news prose, each read from the words around one cue (no parse, bounded
windows):

* **A cue inside a fronted adverbial clause** (``While admitting that …, Choi added …``,
  ``After the ministry said …, the union responded …``, ``Regarding Kim’s claim that …, the paper
  questioned …``): the reported clause belongs to the adverbial and ends at the comma that closes
  it, where the main clause begins (a subject and a finite verb), not at a comma of a list.
* **A cue form used as an adjective** (``the mayor’s reported plan``, ``his stated aim``): a past
  participle between a determiner or possessive and the noun it modifies is no reporting verb.
* **An ``as`` clause naming another source** (``Tokyo has maintained that X as the IAEA has
  said Y``): the first clause ends before it; the inner cue reports ``Y``.
* **A noun cue that is the object of a verb cue** (``called Lee’s remarks “a serious
  violation”``, ``described the ministry’s statements as …``): the noun is part of what the verb
  reports, not a cue of its own (its possessor is the one talked about, not the speaker).
* **A passive cue with no speaker of its own** (``said it had not been confirmed that …``, ``the
  company was informed that …``): it is part of the clause an earlier cue reports, not a new
  report framed by it (the frame rule of ``extractor.py`` skips it).
"""

from __future__ import annotations

import re

from annotator.extract.attribution import DATELINE
from annotator.extract.reported import IRREGULAR_PAST, LOOKAHEAD, Cue, Unit

# subordinators and prepositions that open a fronted adverbial; "As" is left out ("As Kim said,
# …" frames the main clause as the speaker's words)
_FRONTED = re.compile(
    # "Days after Washington reiterated that …, Pelosi led …": a measure of time before it too
    r"^[\s“\"‘']*(?:(?:(?:Days|Weeks|Months|Years|Hours|Minutes|Shortly|Soon|Just|Only|Moments)"
    r"\s+(?:after|before))|While|Whilst|After|Before|When|Although|Though|Even\s+though|Since|Because|"
    r"If|Once|Until|Unless|Whereas|Regarding|Concerning|Despite|Following)\b"
    r"[^,;:“”\"«»()]*$"
)
_MAIN_CLAUSE = re.compile(
    r",\s+((?:(?!and\b|or\b|but\b|which\b|who\b|where\b)[\w’'.-]+\s+){1,7}?)"
    r"(?:(?:also|then|later|quickly|immediately|again)\s+)?"
    rf"(?:is|was|were|are|has|have|had|will|would|can|could|did|does|said|says|told|[a-z]{{3,}}ed|"
    rf"{IRREGULAR_PAST})\b"
)
_AS_SOURCE = re.compile(
    r"\s+as\s+(?:the|a|an|[A-Z])[\w’'.-]*(?:\s+(?!as\b|that\b|and\b|in\b|on\b|at\b|for\b|with\b|to\b|from\b|by\b)[\w’'.-]+){0,7}?\s+"
    r"(?:(?:has|have|had)\s+)?(?:(?:also|already|repeatedly|previously)\s+)?$"
)
_DETERMINER = re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their|our|your|this|that|these|those)|[’']s?)\s+$", re.I
)
_NOUN_NEXT = re.compile(
    r"\s+(?!that\b|to\b|by\b|in\b|on\b|at\b|as\b|it\b|he\b|she\b)[a-z][a-z-]+\b"
)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:is|was|were|are|been|being|be)\s+(?:(?:not|never|also|already|reportedly)\s+)?$"
)


def fronted_adverbial_end(text: str, unit: Unit, cue: Cue) -> int | None:
    """Where the fronted adverbial clause holding the cue ends (``While admitting that …,``
    ``After X said …,``): the comma that opens the main clause, a subject and a finite verb
    (``…, the union responded``); ``None`` when the cue is in no fronted adverbial."""
    if cue.start - unit.start > 200:
        return None
    before = text[unit.start : cue.end]  # a noun cue's form holds its possessor: "Regarding X’s"
    dateline = DATELINE.match(before)  # "BEIJING, Aug. 18 (Xinhua) -- Days after …"
    if dateline:
        before = before[dateline.end() :]
    if _FRONTED.match(before) is None:
        return None
    index = cue.end
    limit = min(unit.end, cue.end + LOOKAHEAD)
    while (index := text.find(",", index, limit)) != -1:
        if not unit.inside(index) and _MAIN_CLAUSE.match(text, index, min(unit.end, index + 120)):
            return index
        if text[index + 1 : index + 2] in ("”", '"', "’") and _MAIN_CLAUSE.match(
            "," + text[index + 2 : min(unit.end, index + 122)]
        ):
            return index + 2  # "… not support “Taiwan independence,” Pelosi led …": after the mark
        index += 1
    return None


def fronted_participle_subject(text: str, unit: Unit, cue: Cue, comma: int) -> str | None:
    """The main clause's subject after a fronted participial clause (``While admitting that …,
    Choi added …``, ``After saying …, the minister left``): the participle's speaker."""
    if not cue.form.split()[0].lower().endswith("ing"):
        return None
    match = _MAIN_CLAUSE.match(text, comma, min(unit.end, comma + 120))
    return match.group(1).strip() if match else None


def as_source_end(text: str, unit: Unit, start: int, end: int, later: list[Cue]) -> int:
    """``Tokyo has maintained that X as the IAEA has said Y``: an ``as`` clause whose verb is a
    cue with a subject of its own names another source; the first clause ends before it."""
    for cue in later:
        if cue.start >= end:
            break
        if cue.start <= start or cue.lemma in ("according_to", "noun", "opinion"):
            continue
        window = text[max(start, cue.start - 120) : cue.start]
        match = _AS_SOURCE.search(window)
        if match and re.search(r"\b(?:as\s+\w+|such|so)$", window[: match.start()]):
            match = None  # "as soon as the court has said": a time clause, not a source
        if match and not unit.inside(cue.start):
            cut = cue.start - len(window) + match.start()
            if cut - start > 20:
                return cut
    return end


def is_adjectival(text: str, unit: Unit, cue: Cue) -> bool:
    """True when a past-participle cue form modifies the noun after it (``Trump’s reported
    request``, ``the alleged remarks``): a determiner or possessive right before, a noun after."""
    form = cue.form
    if " " in form or not (form.endswith("ed") or form.lower() in {"written", "spoken"}):
        return False  # "a written report" too
    before = text[max(unit.start, cue.start - 12) : cue.start]
    if _DETERMINER.search(before) is None:
        return False
    return _NOUN_NEXT.match(text, cue.end, min(unit.end, cue.end + 30)) is not None


# only the words of a noun phrase between a verb cue and a noun cue: "called [the envoy’s] remarks"
_NOUN_PHRASE_BETWEEN = re.compile(r"^\s+(?:[\w’'.-]+\s+){0,5}$")


def is_object_noun_cue(text: str, unit: Unit, cue: Cue, earlier: Cue | None) -> bool:
    """True when ``cue`` is a noun (``remarks``, ``claims``: right after a determiner or a
    possessive) in the object of the verb cue ``earlier`` (``Wang called Lee’s remarks “…”``)."""
    if earlier is None or " " in cue.form or earlier.end > cue.start:
        return False
    if cue.start - earlier.end > 60:
        return False
    before = text[max(unit.start, cue.start - 12) : cue.start]
    if _DETERMINER.search(before) is None:
        return False
    return _NOUN_PHRASE_BETWEEN.match(text[earlier.end : cue.start]) is not None


def is_passive_cue(text: str, unit: Unit, cue: Cue) -> bool:
    """True when the cue form follows a form of ``be`` (``had not been confirmed``, ``was
    informed``): a passive, whose agent, if any, is not a subject before it."""
    before = text[max(unit.start, cue.start - 30) : cue.start]
    return _PASSIVE_BEFORE.search(before) is not None
