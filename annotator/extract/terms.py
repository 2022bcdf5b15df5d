"""Is a quotation someone's words or a term? Three shapes the cue scopes cannot tell alone.

* A **title**: every content word capitalised (``“Overreach: How China Derailed Its Peaceful
  Rise”``), or the quotation follows ``author of`` / ``book`` etc. Speech is written in sentence
  case; headline case marks the name of a work.
* A **naming complement**: ``described such levels as “unsustainable”``, ``called this a
  “historical inevitability”``. The quotation is the label the subject of the naming verb gave,
  so even one word is that speaker's (NOTES-a: "what a named writer called someone … are quotes,
  not scare quotes"). Only with an object that points back (a pronoun, ``this``, ``such …``):
  with a full object the gold quote is the mixed ``X as “…”``, which the reported shapes find.
* A **programme named by its outlet**: ``NBC’s “Meet the Press”``, ``CBS’s “Face the Nation”``:
  a short headline-case quotation right after a capitalised possessive is a name; it is no
  passage at all, so the sentence around it reads as if it had no quotation.
* An **embedded term**: a short quotation right after a determiner inside the writer's own clause
  (``lodged a “strong protest” and demanded …``) is a noun phrase of that clause, never a
  quotation fronted before a cue (``“…,” she said``).
"""

from __future__ import annotations

import re

NAMING_LEMMAS = frozenset({"call", "describe", "label", "brand", "characterize", "characterise"})

_POINTING_OBJECT = re.compile(
    r"\s*(?:it|them|him|her|this|that|these|those|(?:such|these|those|this|that)\s+[a-z][\w-]*)"
    r"\s+(?:(?:as\s+)?(?:an?\s+|the\s+)?|as\s+)$"
)
_TITLE_LEAD = re.compile(
    r"\b(?:author|editor|co-author|publisher)\s+of(?:\s+the\s+(?:book|novel|memoir|report|study))?"
    r"[\s,:]*$|\b(?:book|novel|memoir|documentary)[\s,:]*$",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
# "the “two-state theory”", "the so-called “1992 consensus”"
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|its|his|her|their|our)\s+(?:so-called\s+)?|\bso-called\s+"
    r"|\b(?:pen|code|nick|brand|user)\s?name\s+)$"  # "under the pen name “Zhong Sheng”"
)
_SMALL = frozenset(
    {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from"}
)


def looks_like_title(quoted: str, before: str) -> bool:
    """``quoted`` is the name of a work: headline case over at least three words, or a lead
    such as ``the author of`` right ``before`` it."""
    if _TITLE_LEAD.search(before):
        return True
    words = _WORD.findall(quoted)
    content = [word for word in words[1:] if word.lower() not in _SMALL]
    return len(words) >= 3 and len(content) >= 2 and all(w[0].isupper() for w in content)


def names_with_quotation(lemma: str, gap: str) -> bool:
    """The quotation after ``gap`` (the text between a cue and its opening mark) is the
    predicative complement of a naming verb whose object points back (``called this a “…”``)."""
    return lemma in NAMING_LEMMAS and bool(_POINTING_OBJECT.fullmatch(gap))


def embedded_term(before: str, words: int) -> bool:
    """A quotation of at most four ``words`` right after a determiner (``before`` ends with
    ``a``/``the``/``its`` …) is a noun phrase of the writer's clause."""
    return words <= 4 and bool(_DETERMINER_BEFORE.search(before))


_CAPITALISED_POSSESSIVE = re.compile(r"\b[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}(?:[’']s|s[’'])\s+$")


def names_a_programme(quoted: str, before: str) -> bool:
    """``quoted`` (a passage's words) right after ``before`` is the name of a programme or
    work its owner puts out: ``NBC’s “Meet the Press,”``: one to six words, each capitalised but
    the small ones, after a capitalised possessive."""
    if not _CAPITALISED_POSSESSIVE.search(before[-80:]):
        return False
    words = quoted.strip().rstrip(",.").split()
    if not 1 <= len(words) <= 6 or re.search(r"[.!?;:]", quoted.strip().rstrip(",.")):
        return False
    return words[0][0].isupper() and all(
        word[0].isupper() or word.lower() in _SMALL for word in words[1:]
    )
