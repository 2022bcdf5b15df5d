"""A deterministic mention sieve for speakers (after Muzny et al. 2017, CoreNLP quote attribution).

The extractor tells the sieve every speaker it settles on, in text order; the sieve answers for a
later *mention* which earlier speaker it means:

* an unnamed description with a definite article or a possessor (``the official``, ``the
  source``, ``RFA’s source``, ``the diplomat``) → the fullest earlier description with the same
  head noun (``senior European diplomat in Seoul``);
* an outlet description (``the newspaper``, ``the paper’s English edition``, ``the state-run
  daily``, ``the news agency``) → the last outlet;
* ``the ministry`` / ``the foreign ministry`` → the last speaker that is a ministry.

Names (→ fullest form) are resolved by ``attribution.SpeakerResolver`` with the document's name
index; the sieve adds the passes that need the speakers already chosen, among them the pronoun
pass: each speaker is remembered with its animacy (person, group, thing: :func:`animacy_of_description`
for unnamed ones) and gender when known (:func:`gender_of`), and :meth:`MentionSieve.last_referent`
answers ``he``/``she`` (the last person not of the other gender) and ``it`` (the last thing). It
keeps no more than :data:`MEMORY` speakers.
"""

from __future__ import annotations

import re

from annotator.extract.outlets import is_other_agency

MEMORY = 200

_DESCRIPTION = re.compile(
    r"^(?:(?i:the|this|that)\s+|(?P<owner>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)[’']s\s+)"
    r"(?P<modifiers>(?:[a-z][\w-]*\s+){0,3})(?P<head>[a-z][\w-]*)$"
)
# "the state-run daily", "the paper's English edition" (never "a Japanese newspaper": an
# indefinite description brings in an outlet not named before)
_OUTLET_DESCRIPTION = re.compile(
    r"^(?!(?:a|an|one|another)\s)(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}"
    r"(?:newspaper|paper|daily|tabloid|publication|news\s+agency|agency|broadcaster|outlet|"
    r"news\s+outlet|weekly|magazine)"
    r"(?:[’']s\s+(?:(?:[a-z][\w-]*|English|Chinese|Korean|Japanese)\s+){0,2}"
    r"(?:edition|website|editorial|commentary))?$",
    re.IGNORECASE,
)
_MINISTRY = re.compile(r"^(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}(ministry|department)$", re.I)
PERSON_HEADS = frozenset(
    {
        "official",
        "source",
        "diplomat",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "analyst",
        "expert",
        "officer",
        "resident",
        "trader",
        "worker",
        "researcher",
        "scholar",
        "professor",
        "insider",
        "lawmaker",
        "aide",
        "envoy",
        "observer",
        "commentator",
        "man",
        "woman",
        "person",
        "defector",
        "businessman",
        "journalist",
        "reporter",
        "negotiator",
    }
)


def head_noun(description: str) -> str:
    """The head noun of an unnamed description: ``senior official in Seoul`` → ``official``."""
    core = re.split(r"\s+(?:in|at|of|from|with|based|close|who|familiar|for|on)\b", description)[0]
    words = core.split()
    return words[-1].lower().rstrip(",.") if words else ""


def modifiers_agree(description: str, name: str) -> bool:
    """Whether every modifier of ``the education ministry`` is a word of ``name``: the
    foreign ministry is no education ministry (``the ministry`` agrees with any)."""
    words = re.findall(r"[a-z][\w-]*", description.lower())
    modifiers = [word for word in words[:-1] if word not in {"the", "this", "that"}]
    named = set(re.findall(r"[a-z][\w-]*", name.lower()))
    return all(word in named for word in modifiers)


PERSON, GROUP, THING = "person", "group", "thing"
_GROUP_HEADS = frozenset(
    {"people", "sides", "officials", "sources", "experts", "analysts", "residents", "leaders"}
)
_THING_HEADS = frozenset(
    {
        "ministry",
        "department",
        "embassy",
        "government",
        "administration",
        "office",
        "statement",
        "report",
        "reports",
        "newspaper",
        "paper",
        "daily",
        "agency",
        "editorial",
        "commentary",
        "article",
        "media",
        "outlet",
        "broadcaster",
        "country",
        "military",
        "army",
        "council",
        "committee",
        "party",
        "regime",
        "letter",
        "message",
        "note",
        "readout",
        "television",
        "radio",
        "tv",
        "mouthpiece",
        "tabloid",
        # issue #11: organisations that speak as "it"
        "guard",
        "navy",
        "force",
        "command",
        "authority",
        "bureau",
        "company",
        "firm",
        "group",
        "alliance",
        "organisation",
        "organization",
        "union",
        "court",
        "parliament",
        "assembly",
        "cabinet",
        "commission",
        "presidency",
        "secretariat",
        "institute",
        "bank",
    }
)
_MALE = re.compile(
    r"\b(?:Mr|Mister|Sir|King|Prince|spokesman|chairman|businessman|man|father|son|brother)\b",
    re.I,
)
_FEMALE = re.compile(
    r"\b(?:Ms|Mrs|Miss|Madam|Queen|Princess|spokeswoman|chairwoman|businesswoman|woman|mother|"
    r"daughter|sister)\b",
    re.I,
)


def gender_of(*texts: str | None) -> str | None:
    """``"m"``/``"f"`` when a title or role says so (``Ms``, ``spokesman``), else ``None``."""
    for text in texts:
        if not text:
            continue
        if _FEMALE.search(text):
            return "f"
        if _MALE.search(text):
            return "m"
    return None


def animacy_of_description(description: str) -> str | None:
    """What an unnamed description is: a person (``senior official in Seoul``), a group
    (``sources close to …``) or a thing (``the ministry``); ``None`` when unknown."""
    head = head_noun(description)
    if head in PERSON_HEADS:
        return PERSON
    if head in _GROUP_HEADS or (head.endswith("s") and head[:-1] in PERSON_HEADS):
        return GROUP
    if head in _THING_HEADS:
        return THING
    return None


class MentionSieve:
    """Remembers settled speakers and resolves descriptions to them."""

    def __init__(self) -> None:
        self.speakers: list[tuple[str, bool]] = []  # (speaker, is an outlet)
        # (speaker, animacy, gender, position) in text order, for the pronoun pass
        self.referents: list[tuple[str, str | None, str | None, int]] = []

    def remember(
        self,
        speaker: str,
        is_outlet: bool,
        animacy: str | None = None,
        gender: str | None = None,
        position: int = -1,
    ) -> None:
        self.speakers.append((speaker, is_outlet))
        self.referents.append((speaker, animacy, gender, position))
        if len(self.speakers) > MEMORY:
            del self.speakers[0]
            del self.referents[0]

    def last_referent(
        self, animacy: str, gender: str | None = None, since: int | None = None
    ) -> str | None:
        """The last speaker of this animacy (and not of the other gender), optionally only one
        remembered at or after offset ``since``: the pronoun pass (``he`` → the last man or
        person of unknown gender, ``it`` → the last organisation or outlet)."""
        for speaker, kind, known, position in reversed(self.referents):
            if since is not None and 0 <= position < since:
                return None
            if kind != animacy:
                continue
            if gender and known and known != gender:
                continue
            return speaker
        return None

    def resolve(self, phrase: str) -> tuple[str, str | None] | None:
        """``(speaker, outlet)`` for a description naming an earlier speaker, else ``None``."""
        phrase = phrase.strip()
        if (
            _OUTLET_DESCRIPTION.match(phrase)
            and not re.search(r"\b(?!English\b|Chinese\b|Korean\b|Japanese\b)[A-Z]", phrase[4:])
            and not is_other_agency(phrase)
        ):
            for speaker, is_outlet in reversed(self.speakers):
                if is_outlet:
                    return speaker, speaker
            return None
        if _MINISTRY.match(phrase):
            for speaker, _ in reversed(self.speakers):
                if re.search(r"\bministry\b|\bdepartment\b", speaker, re.I) and (
                    modifiers_agree(phrase, speaker)
                ):
                    return speaker, None
            return None
        match = _DESCRIPTION.match(phrase)
        if not match:
            return None
        head = match.group("head")
        if head not in PERSON_HEADS and not (head.endswith("s") and head[:-1] in PERSON_HEADS):
            return None
        owner = match.group("owner")
        fullest: str | None = None
        for speaker, _ in reversed(self.speakers):
            if speaker[:1].isupper() and not speaker.lower().startswith(("senior", "other")):
                continue  # a name, not a description
            if head_noun(speaker) in (head, head + "s", head.removesuffix("s")) and (
                fullest is None or len(speaker) > len(fullest)
            ):
                fullest = speaker
                break
        if fullest is None:
            return None
        return fullest, owner
