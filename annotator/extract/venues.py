"""The outlet a speaker spoke on or to, named after the cue: ``said on Fox News``, ``described
it as “…” on CNN``, ``in an interview with NHK``, ``speaking to the BBC``, ``in a statement carried by KCNA``, ``as cited by Yonhap``.

A name after ``on``/``to``/``with`` is an outlet only when its shape or the gazetteer says so
(``looks_like_outlet``): ``said on Monday``, ``told reporters``, ``spoke to Kim`` name none.
"""

from __future__ import annotations

import re

from annotator.extract.outlets import canonical_outlet, outlet_named

_VENUE = re.compile(
    r"\b(?:(?:appearing|speaking|said|says|saying|told|wrote|writing)\s+)?"
    r"(?:on|to|per|via|in\s+(?:an?\s+|his\s+|her\s+)?(?:(?:exclusive|recent|televised|"
    r"separate|phone|telephone|written|joint|rare)\s+)?(?:interview|interviews|remarks|comments)"
    r"\s+(?:with|to)|"
    r"(?:told|telling)|"
    # "wrote in the Washington Post that …" (only a known outlet counts: "wrote in Seoul")
    r"(?<=wrote\s|rites\s|iting\s)in|"
    # "said in a statement carried by KCNA", "in remarks broadcast by NHK"
    r"(?:carried|published|relayed|aired|broadcast|run|printed)\s+(?:by|on|in)|"
    # "the Joint Chiefs of Staff said, as cited by Yonhap news agency"
    r"as\s+(?:cited|quoted|reported|relayed)\s+(?:by|in)|"
    # "was cited as saying by Voice of America", "was quoted by Yonhap as saying"
    r"(?:(?:cited|quoted)\s+)?as\s+saying\s+(?:by|in)|(?:cited|quoted)\s+(?:by|in)|"
    r"(?<=saying\s)(?:by|in)|"
    # "wrote in an August 24 piece for the Post", "in a 2019 op-ed in the Washington Post"
    r"in\s+(?:an?|his|her|their|this|that)\s+(?:[\w,-]+\s+){0,3}?(?:opinion\s+piece|op-ed|"
    r"column|essay|commentary|article|piece|editorial)\s+(?:for|in)|"
    # "writes Jennifer Lind … in this Atlantic opinion piece"
    r"in\s+(?:this|that|an?|the|his|her|their)(?=\s+[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3}"
    r"\s+(?:opinion\s+piece|op-ed|column|essay|commentary|article|piece|editorial)\b))\s+"
    r"(?:the\s+)?(?:[A-Z][\w.-]*[’']s\s+)?(?:(?:official|state|state-run|state-owned|public|national|network|"
    r"broadcaster|newspaper|daily)\s+){0,2}"
    r"([A-Z][\w’'.&-]*(?:\s+(?:of\s+)?[A-Z][\w’'.&-]*){0,3})"  # "Voice of America"
)
_OUTLET_NOUN_AFTER = re.compile(
    r"\s+(?:newspaper|news\s+agency|daily|broadcaster|television|magazine|news\s+website)\b"
)
_AFTER_POSSESSIVE = re.compile(r"^.*[’']s?\s+")  # "Hong Kong’s Ming Pao" -> "Ming Pao"
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")


def venue_outlet(text: str, start: int, end: int) -> str | None:
    """The canonical outlet of the first venue phrase in ``text[start:end]`` (the cue's clause,
    cut at the first sentence end), or ``None``."""
    stop = _SENTENCE_END.search(text, start, end)
    for match in _VENUE.finditer(text, start, stop.start() if stop else end):
        outlet = outlet_named(match.group(1)) or _shortened(text, start, match.group(1))
        if outlet is not None:  # "on CBS’s Face the Nation": CBS
            return outlet
        if _OUTLET_NOUN_AFTER.match(text, match.end(1), match.end(1) + 30):
            # "published by Hong Kong’s Ming Pao newspaper": the noun says it is an outlet
            name = _AFTER_POSSESSIVE.sub("", match.group(1))
            if name:
                return canonical_outlet(name)
    return None


SHORTENED_REACH = 5000  # characters back from "for the Post" to "the Washington Post"


def _shortened(text: str, start: int, name: str) -> str | None:
    """``Post`` after ``the Washington Post`` earlier in the text: the last word of an outlet
    named before is that outlet (the nearest one), else ``None``."""
    if " " in name or not name[:1].isupper():
        return None
    window = text[max(0, start - SHORTENED_REACH) : start]
    for found in reversed(
        list(re.finditer(rf"\b((?:[A-Z][\w’'.&-]*\s+){{1,3}}{re.escape(name)})\b", window))
    ):
        words = found.group(1).split()
        for first in range(len(words) - 1):
            outlet = outlet_named(" ".join(words[first:]))
            if outlet is not None:
                return outlet
    return None
