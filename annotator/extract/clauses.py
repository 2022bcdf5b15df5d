"""The clause a cue verb governs, read from the dependency parse (issue #11, reported speech).

Rules find most reported clauses from their words (``said that …``, ``said he would …``); when
they find none after a verb that takes a clause, the parse decides: the cue's clausal complement
(``ccomp``) to its right, e.g. ``KCNA said Kim and Trump discussed …`` or ``said details of the
train's arrival were not known``. Only the clause's start comes from the parse; where it ends is
decided by the same rules as every other reported clause (``reported.content_end``), so a parser
that attaches a trailing clause differently does not change the span's end.
"""

from __future__ import annotations

from annotator.extract.syntax import ParsedSentence, Token

MAX_GAP_WORDS = 8  # "said in a statement on Monday …": adverbials between the cue and its clause
_MARKS = frozenset({"mark", "punct"})
_NOT_CLAUSE_START = frozenset({"ADP", "SCONJ", "VERB", "AUX", "PUNCT"})
_WH_TAGS = frozenset({"WP", "WDT", "WRB", "WP$"})


def complement_start(sentence: ParsedSentence, cue_start: int, cue_end: int) -> int | None:
    """Where the clausal complement of the cue verb at ``cue_start`` begins (after a ``that``),
    or ``None`` when the parse gives the verb no clause to its right."""
    verb = sentence.token_at(cue_start)
    if verb is None:
        return None
    for child in _complements(sentence, verb):
        if child.start < cue_end:
            continue
        tokens = [tok for tok in sentence.subtree(child) if tok.start >= cue_end]
        while tokens and (tokens[0].dep in _MARKS and tokens[0].head == child.i):
            tokens = tokens[1:]
        if not tokens:
            return None
        if tokens[0].pos in _NOT_CLAUSE_START or tokens[0].tag in _WH_TAGS:
            return None  # "according to a transcript", "as officials met", "what it has to say"
        gap = sentence.text[cue_end - sentence.start : tokens[0].start - sentence.start]
        if len(gap.split()) > MAX_GAP_WORDS or any(mark in gap for mark in '“"«'):
            return None
        return tokens[0].start
    return None


def _complements(sentence: ParsedSentence, verb: Token) -> list[Token]:
    """The cue's ``ccomp`` children, and a ``conj`` verb with a subject of its own and no
    coordinator of its own (``said Smith and Jones negotiated …`` parsed as two coordinated
    verbs: a real coordination, ``said and negotiated``, hangs its ``and`` on the second verb)."""
    found = list(sentence.children(verb, {"ccomp"}))
    for conj in sentence.children(verb, {"conj"}):
        if conj.pos not in {"VERB", "AUX"}:
            continue
        own = list(sentence.children(conj, {"nsubj", "nsubj:pass", "cc", "punct"}))
        if any(tok.dep == "nsubj" or tok.dep == "nsubj:pass" for tok in own) and not any(
            tok.dep == "cc" or (tok.dep == "punct" and tok.start < conj.start) for tok in own
        ):
            found.append(conj)
    return sorted(found, key=lambda tok: tok.start)
