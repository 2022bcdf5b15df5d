"""Delayed identification: a news lede's unnamed source named in the sentences that follow.

Wire and press ledes often describe the source first and name it next (``…, an American expert
said Friday.`` / ``Victor Cha, Korea chair at …, made the point in …``; ``A pro-North Korea
newspaper in Japan condemned …`` / ``The Choson Sinbo, the pro-North Korea newspaper, …``;
``…, a foreign ministry spokesperson said.`` / ``Spokesperson Mao Ning made the remarks …``).
:func:`delayed_name` finds that name after an indefinite description, by three conventions:

* the name with an appositive that repeats the description's head noun (``X, the … newspaper,``);
* the head noun used as a title before the name (``Spokesperson Mao Ning``);
* the name as subject of ``made the remarks/comments/point/statement``;
* for an outlet description (``a state propaganda outlet``), the first outlet named;
* a name with an appositive role that shares a word with the description (``A ruling party
  heavyweight …`` / ``Toshihiro Nikai, secretary general of the Liberal Democratic Party, …``);
* for a spokesperson, the first full name that is the subject of a speech verb (``A spokesperson
  for the command said …`` / ``…,” Shi Yi said.``).

Only the rest of the description's paragraph and the next paragraph are searched.
"""

from __future__ import annotations

import re

from annotator.extract.mentions import head_noun

_NAME = (
    r"(?:The\s+)?[A-Z][\w’'.-]+(?:\s+(?:(?:of|de|da|van|von|bin|al|del)\s+)?[A-Z][\w’'.-]+){0,3}"
)
_SENTENCE_START = r"(?:^|(?<=[.!?”\"])\s+|\n)"
_MADE_REMARKS = re.compile(
    rf"{_SENTENCE_START}(?P<name>{_NAME})(?:,[^,;.\n]{{1,120}},)?\s+made\s+(?:the|these|those|his|"
    r"her|its|their)\s+(?:remarks?|comments?|point|statements?|announcement)\b"
)
REACH_PARAGRAPHS = 2  # the description's paragraph and the next one


def _window(text: str, start: int) -> str:
    end = start
    for _ in range(REACH_PARAGRAPHS):
        found = text.find("\n", end)
        if found == -1:
            return text[start:]
        end = found + 1
        while end < len(text) and text[end] == "\n":
            end += 1
    return text[start:end]


MENTION_REACH = 20_000  # characters before the quote for "a senior official" of its lede


def indefinite_mention(text: str, description: str, before: int) -> int | None:
    """The end of the first ``a``/``an`` + ``description`` in ``text`` before offset ``before``,
    within ``MENTION_REACH`` characters (a bounded window: one search per description of a long
    document must not read it from the start)."""
    # str.find over the description's occurrences (no pattern compiled per description: a long
    # article has hundreds of them)
    at = text.find(description, max(0, before - MENTION_REACH), before)
    while at != -1:
        end = at + len(description)
        bounded = end >= len(text) or not (text[end].isalnum() or text[end] == "_")
        if bounded and _INDEFINITE_BEFORE.search(text, max(0, at - 8), at):
            return end
        at = text.find(description, at + 1, before)
    return None


_INDEFINITE_BEFORE = re.compile(r"\b(?:an?|An?|one|One)\s+$")


def delayed_name(text: str, description: str, start: int) -> str | None:
    """The name given after the indefinite ``description`` that ends at ``start``, or ``None``."""
    head = head_noun(description)
    if not head or not head.isalpha():
        return None
    window = _window(text, start)
    appositive = re.search(
        rf"{_SENTENCE_START}(?P<name>{_NAME}),\s+(?:the|a|an)\s+[^,.;\n]{{0,80}}?\b{head}\b[^,.;\n]*,",
        window,
    )
    if appositive:
        return _clean(appositive.group("name"))
    titled = re.search(
        rf"\b(?i:{head})\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,2}})", window
    )
    if titled and titled.group().split()[0][:1].isupper():
        return _clean(titled.group("name"))
    made = _MADE_REMARKS.search(window)
    if made:
        return _clean(made.group("name"))
    if head in _OUTLET_HEADS:
        return _first_outlet(window)
    if head in _SPOKESPERSON_HEADS:
        speaking = _NAME_SPEAKS.search(window) or _SAID_NAME.search(window)
        if speaking:  # "A spokesperson for the command said …" / "…,” Shi Yi said." / "…,"
            return _clean(speaking.group("name"))  # said Chen Binhua, a spokesperson for …"
    return _name_with_shared_role(window, description)


_SAID_NAME = re.compile(
    r"\b(?:said|added|told)\s+(?P<name>[A-Z][a-z][\w’'-]*(?:\s+[A-Z][\w’'-]+){1,2}),\s+(?:a|the)\s+"
    r"spokes(?:person|man|woman)\b"
)
_SPOKESPERSON_HEADS = frozenset({"spokesperson", "spokesman", "spokeswoman"})
# a full name (two or three words) as the subject of a speech verb
_NAME_SPEAKS = re.compile(
    r"(?<![\w’'-])(?P<name>[A-Z][a-z][\w’'-]*(?:\s+[A-Z][\w’'-]+){1,2})\s+(?:said|added|told|"
    r"noted|stressed|explained)\b"
)


_OUTLET_HEADS = frozenset(
    {"outlet", "newspaper", "daily", "tabloid", "broadcaster", "mouthpiece", "paper", "agency"}
)
_CAPITALISED = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*){0,4}")


def _first_outlet(window: str) -> str | None:
    """``A top state propaganda outlet lashed out …`` / ``…, the overseas edition of People’s
    Daily said``: the first outlet named in the window (by its name's shape or the gazetteer)."""
    from annotator.extract.outlets import GAZETTEER, canonical_outlet, looks_like_outlet

    for match in _CAPITALISED.finditer(window):
        # "… by Voice of America. DPRK is …": a name ends with its sentence
        name = canonical_outlet(match.group().split(". ")[0].rstrip("."))
        if looks_like_outlet(name) or name.lower().replace("’", "'") in GAZETTEER:
            return name
    return None


_APPOSITIVE_ROLE = re.compile(
    rf"(?:^|,\s+|{_SENTENCE_START})(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{1,2}}),\s+"
    r"(?P<role>(?:(?:the|a|an)\s+)?[a-z][^,;.\n]{2,100}),"
)
_STOP_WORDS = frozenset({"the", "of", "and", "for", "with", "from", "that", "this", "former"})


def _name_with_shared_role(window: str, description: str) -> str | None:
    """``A Japanese ruling party heavyweight …`` / ``…, Toshihiro Nikai, secretary general of
    the Liberal Democratic Party, said``: the first name in the window with an appositive role
    sharing a content word with the description (``party``)."""
    words = {word for word in re.findall(r"[a-z]{4,}", description.lower())} - _STOP_WORDS
    if not words:
        return None
    for match in _APPOSITIVE_ROLE.finditer(window):
        role_words = set(re.findall(r"[a-z]{4,}", match.group("role").lower()))
        if words & role_words:
            return _clean(match.group("name"))
    return None


def _clean(name: str) -> str:
    return re.sub(r"^The\s+", "", name).strip(" .")
