"""Cue lists: reporting verbs, nominal cues and source words, with every inflected form.

The verb list merges three reference systems:

* textacy's ``_reporting_verbs`` (textacy.extract.triples: according, accuse, acknowledge, add,
  admit, agree, allege, announce, argue, ask, assert, believe, blame, charge, cite, claim,
  complain, concede, conclude, confirm, contend, criticize, declare, decline, deny, describe,
  disagree, disclose, estimate, explain, fear, hope, insist, maintain, mention, note, observe,
  order, post, predict, promise, read, recall, recommend, reply, report, say, scream, state,
  stress, suggest, tell, testify, think, tweet, urge, warn, worry, write);
* BBC R&D's citron (github.com/bbc/citron, ``citron/cue.py``), whose cue classifier is trained on
  PARC with VerbNet class features; we take the members of the VerbNet communication and belief
  classes it relies on (say-37.7, tell-37.2, transfer_mesg-37.1, complain-37.8, advise-37.9,
  declare-29.4, conjecture-29.5, manner_speaking-37.3) that occur in news;
* PARC 3.0 (Pareti 2016), whose most frequent attribution cues add ``point out``, ``according
  to``, ``reiterate``, ``emphasize``, ``underline``, ``highlight``, ``voice``, ``express``,
  ``find``, ``hold`` (a view holds that), ``characterize``, ``refer to``, ``pledge``, ``vow``.

Verbs are grouped by the complement they take, which decides what the reported content is:
``CLAUSE_VERBS`` take a ``that`` clause; ``BARE_CLAUSE_VERBS`` may drop ``that`` (``Suh said he
...``); ``OBJECT_VERBS`` report a noun phrase (``stressed the importance of ...``); every cue can
attribute a direct quotation in its scope (``agreed to “...”``).
"""

from __future__ import annotations

import re
from functools import cache

# verbs whose content is a that-clause (or a direct quotation)
CLAUSE_VERBS = [
    "post",  # "posted on Truth Social that …" (only "posted"/"posting": the others are nouns)
    "acknowledge",
    "accuse",
    "add",
    "admit",
    "affirm",
    "agree",
    "allege",
    "announce",
    "answer",
    "argue",
    "assert",
    "assure",
    "believe",
    "boast",
    "caution",
    "charge",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "declare",
    "deny",
    "disclose",
    "emphasize",
    "emphasise",
    "estimate",
    "explain",
    "fear",
    "feel",
    "find",
    "hint",
    "hold",
    "hope",
    "imply",
    "indicate",
    "inform",
    "insist",
    "maintain",
    "mention",
    "note",
    "notice",
    "observe",
    "point_out",
    "predict",
    "proclaim",
    "promise",
    "recall",
    "reckon",
    "recommend",
    "reiterate",
    "remark",
    "remind",
    "repeat",  # "repeated that China was open to negotiations"
    "reply",
    "report",
    "respond",
    "reveal",
    "say",
    "signal",
    "speculate",
    "state",
    "stress",
    "suggest",
    "suspect",
    "tell",
    "testify",
    "think",
    "tweet",
    "underline",
    "underscore",
    "urge",
    "vow",
    "warn",
    "write",
    # issue #11 (recall): VerbNet say-37.7 / advise-37.9 / inform members common in news
    "request",
    "notify",
    "stipulate",
    "assess",
    # "“…,” the statement read": only with a document as its subject (see find_cue_forms)
    "read",
    # found on fresh pages (issue #11): "In the report, Xi posits, “…”"
    "lament",
    "muse",
    "opine",
    "posit",
    "recognise",
    "retort",
    "surmise",
]

# verbs that may drop "that": "Suh said he ...", "experts believe it ..."
BARE_CLAUSE_VERBS = set(
    [
        "add",
        "allege",  # "alleges North Korea abducted 17 citizens"
        "argue",
        "assert",
        "believe",
        "claim",
        "contend",
        "fear",
        "feel",
        "hope",
        "insist",
        "reckon",
        "say",
        "suggest",
        "suspect",
        "tell",
        "think",
        "warn",
        "write",
    ]
)

# verbs whose content may be a noun phrase object: "stressed the importance of ..."
OBJECT_VERBS = set(
    [
        "characterize",
        "characterise",
        "describe",
        "emphasize",
        "emphasise",
        "express",
        "highlight",
        "mention",
        "note",
        "reaffirm",
        "reiterate",
        "stress",
        "underline",
        "underscore",
        "voice",
        # stance verbs whose object is what was said: "criticized China for …", "condemned the
        # summit as …", "labeled China a …", "proposed talks …"
        "criticize",
        "criticise",
        "condemn",
        "denounce",
        "label",
        "propose",
        "blame",
        # "spoke of a growing threat posed by …", "warned of a crisis", "talked of a new era"
        "speak_of",
        "warn_of",
        "talk_of",
    ]
)

# cues that attribute quotations but do not introduce reported clauses of their own
QUOTE_ONLY_VERBS = [
    "ask",
    "call",
    "call_for",
    "demand",
    "describe",
    "pledge",
    "plead",
    "quip",
    "urge",
    "vow",
    # issue #11 (recall): shapes of ``shapes.py``: promises and threats with an infinitive,
    # directives with an addressee (VerbNet advise-37.9), judgement verbs with a reason
    # (VerbNet judgement-33), "X as Y" verbs
    "threaten",
    "swear",
    "lash_out_at",  # "lashed out at X for …" (a judgement with its reason)
    "advise",
    "instruct",
    "implore",
    "praise",
    "commend",
    "rebuke",
    "reprimand",
    "scold",
    "chide",
    "castigate",
    "fault",
    "slam",
    "attack",
    "lambaste",
    "censure",
    "cite",
    "brand",
    "portray",
    "depict",
    "dismiss",
    "hail",
    "refer_to",  # content only as "referred to X as Y" (NOTES-c: "referred to X" is none)
]

# cues added for their reported content (``shapes.py``) that are no speech verbs: a short quotation
# in their scope is a term or a scare quote ("slammed the “reform”"), not the subject's words
STANCE_ONLY_VERBS = frozenset(
    {
        "praise",
        "commend",
        "rebuke",
        "reprimand",
        "scold",
        "chide",
        "castigate",
        "fault",
        "slam",
        "attack",
        "lambaste",
        "censure",
        "cite",
        "brand",
        "portray",
        "depict",
        "dismiss",
        "hail",
        "refer_to",
        "advise",
        "instruct",
        "implore",
        "threaten",
        "swear",
        "raise",
    }
)


IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "think": ("thinks", "thought", "thinking"),
    "hold": ("holds", "held", "holding"),
    "find": ("finds", "found", "finding"),
    "feel": ("feels", "felt", "feeling"),
    # no "speaking of": "Speaking of the economy, she said …" introduces a topic
    "speak": ("speaks", "spoke", "spoken"),
    "read": ("reads",),
}
# forms too ambiguous to be cues on their own
_EXCLUDED_FORMS = {"found", "finding", "held", "holding", "felt", "feeling", "charge", "state",
                   "note", "report", "call", "answer", "hope", "fear", "signal", "reply",
                   "finds", "holds", "feel", "find", "hold", "worry", "notice", "comment",
                   "calls", "charges", "states", "notes", "signals", "concern",
                   # nouns or too ambiguous (issue #11, recall): "an attack on", "citing …"
                   "attack", "attacks", "fault", "faults", "brand", "brands", "praise",
                   "cite", "cites", "citing", "request", "requests", "swear", "dismiss",
                   "post", "posts",
                   # nouns as often: "The retort is deemed rare", "a lament"
                   "retort", "retorts", "muse", "lament"}  # fmt: skip

NOUN_CUES = [
    "statement",
    "statements",
    "remark",
    "remarks",
    "comment",
    "comments",
    "declaration",
    "declarations",
    "claim",
    "claims",
    "assertion",
    "assertions",
    "words",
    "warning",
    "warnings",
    "call",
    "pledge",
    "view",
    "views",
    "opinion",
    "argument",
    "arguments",
]

SOURCE_DOCUMENT_NOUNS = [
    "statement",
    "communique",
    "communiqué",
    "report",
    "article",
    "editorial",
    "column",
    "interview",
    "commentary",
    "op-ed",
    "release",
    "readout",
    "transcript",
    "briefing",
]

GENERIC_OUTLET_NOUNS = ("newspaper", "paper", "daily", "outlet", "agency", "broadcaster",
                        "magazine", "publication", "tabloid", "weekly")  # fmt: skip


def inflections(lemma: str) -> tuple[str, ...]:
    """Base form, third person, past and present participle (and irregular past participle)."""
    if lemma in IRREGULAR:
        return (lemma, *IRREGULAR[lemma])
    if lemma.endswith("e"):
        forms = (lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing")
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms = (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms = (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    elif lemma in ("admit", "regret", "commit", "refer", "confer", "allot", "plan", "slam"):
        forms = (lemma, lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing")
    else:
        forms = (lemma, lemma + "s", lemma + "ed", lemma + "ing")
    return forms


@cache
def form_to_lemma() -> dict[str, str]:
    """Every inflected cue form (``pointed out``) mapped to its lemma (``point_out``)."""
    table: dict[str, str] = {}
    for lemma in (*CLAUSE_VERBS, *OBJECT_VERBS, *QUOTE_ONLY_VERBS):
        head, _, particle = lemma.partition("_")
        for form in inflections(head):
            if not particle and form in _EXCLUDED_FORMS:
                continue
            table[f"{form} {particle.replace('_', ' ')}" if particle else form] = lemma
    return table


_WORD = re.compile(r"[A-Za-z]{3,}")
# "read" reports words only when a document with an author reads: "the statement read", "read
# a notice posted by …", "its editorial reads" (not "he read the report", "read more", nor a
# banner or a sign, whose words have no speaker)
_DOCUMENT_WORDS = (
    r"statement|notice|letter|message|note|editorial|commentary|article|communiqu[eé]|"
    r"release|readout|report|post|tweet|declaration|resolution|order|document|bulletin|"
    r"circular|decree|memo"
)
_DOCUMENT_BEFORE = re.compile(
    rf"(?:\b(?:the|its|his|her|their|this|that|a|an)|[’']s?)\s+(?:[\w’'-]+\s+){{0,3}}?"
    rf"(?:{_DOCUMENT_WORDS})s?"
    r"(?:\s+(?:by|from|of|in)\s+(?:the\s+)?[\w’'.-]+(?:\s+[A-Z][\w’'.-]*){0,4})?\s+$",
    re.IGNORECASE,
)
_DOCUMENT_AFTER = re.compile(
    r"\s+(?:the|its|his|her|their|this|that|a|an)\s+(?:[\w’'-]+\s+){0,3}?"
    rf"(?:{_DOCUMENT_WORDS})s?\b",
    re.IGNORECASE,
)


def _document_reads(text: str, start: int, end: int) -> bool:
    """Whether the ``read``/``reads`` at ``start:end`` has a document for its subject."""
    before = text[max(0, start - 80) : start]
    if _DOCUMENT_BEFORE.search(before) or re.search(r"[,”\"]\s*it\s+$", before):
        return True  # "“…,” it read": only a document reads
    return bool(re.search(r"[,”\"]\s*$", before) and _DOCUMENT_AFTER.match(text, end, end + 60))


# "reports" is a verb after an outlet ("Yonhap reports", "the news agency reports"), a noun
# elsewhere ("news reports said", "media reports")
_OUTLET_BEFORE_REPORTS = re.compile(
    r"(?:\b(?:agency|newspaper|paper|daily|broadcaster|tabloid|outlet|network)|"
    r"(?<![Nn]ews\s)(?<![Mm]edia\s)\b(?P<name>[A-Z][\w’'.&-]+))\s+(?:also\s+|now\s+)?$"
)


def _outlet_reports(text: str, start: int) -> bool:
    """Whether the ``reports`` at ``start`` has an outlet for its subject."""
    match = _OUTLET_BEFORE_REPORTS.search(text, max(0, start - 40), start)
    if match is None:
        return False
    if match.group("name") is None:
        return True
    from annotator.extract.outlets import looks_like_outlet

    return looks_like_outlet(match.group("name"))


_PARTICLE = re.compile(r"\s+(out[ \t]+at|out|to|for|of)\b")  # "lashed out at"


@cache
def _first_words() -> dict[str, set[str]]:
    """First word of every cue form -> the particles it may take ("" for none)."""
    table: dict[str, set[str]] = {}
    for form in form_to_lemma():
        first, _, particle = form.partition(" ")
        table.setdefault(first, set()).add(particle)
    return table


_ADD_FORMS = frozenset({"add", "adds", "added", "adding"})
_ADD_TO = re.compile(r"\s+to\s+(?![“\"‘'])")
_RAISED_BEFORE = re.compile(
    r"\b(?:raised|raising|sparked|sparking|fuell?ed|fuell?ing|dashed|boosted|lifted|dampened|"
    r"stoked|fanned|eased|allayed)\s+$",
    re.IGNORECASE,
)


def find_cue_forms(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of every cue form in ``text[start:end]``: one pass over the words
    with dictionary look-ups (a regex alternation of 300 forms is ten times slower)."""
    end = len(text) if end is None else end
    table = _first_words()
    found: list[tuple[int, int, str]] = []
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if match.start() > 0 and text[match.start() - 1] in "-‐'’":
            continue  # part of a compound ("so-called") or an elision
        particles = table.get(word.lower())
        if particles is None:
            continue
        if word.lower() in ("read", "reads") and not _document_reads(
            text, match.start(), match.end()
        ):
            continue
        if word.lower() == "reports" and not _outlet_reports(text, match.start()):
            continue
        if word.lower() in _ADD_FORMS and _ADD_TO.match(text, match.end(), match.end() + 6):
            continue  # "would add to tension", "added to the pressure": no speech
        if word.lower().endswith("s") and _RAISED_BEFORE.search(
            text, max(0, match.start() - 16), match.start()
        ):
            continue  # "raised hopes that …", "voiced fears": a noun, the verb is before it
        if particles != {""}:
            after = _PARTICLE.match(text, match.end(), min(end, match.end() + 24))
            particle = " ".join(after.group(1).split()) if after else ""
            if after and particle in particles:
                found.append((match.start(), after.end(), f"{word} {particle}"))
                continue
            if after and particle == "out at" and "out" in particles:
                # "pointed out at the meeting": the cue is "pointed out"
                found.append((match.start(), after.start(1) + 3, f"{word} out"))
                continue
            if "" not in particles:
                continue
        found.append((match.start(), match.end(), word))
    return found


def lemma_of(form: str) -> str | None:
    return form_to_lemma().get(" ".join(form.lower().split()))
