"""Names in a document: person/organisation/outlet mentions, roles split off names, the fullest
form of each name, and the document-level entity list.

A name is a run of capitalised words (``Chung Eui-yong``, ``National Security Council``), found
once per document with one regex pass; mentions are kept sorted by offset so that "the last person
before offset x" is a binary search, never a backward scan of the text.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from annotator.extract.outlets import (
    GAZETTEER,
    canonical_outlet,
    looks_like_outlet,
    outlet_by_context,
    strip_article,
)
from annotator.models import Entity, EntityKind

# letters beyond ASCII: names such as "Czesław", "Ólafur", "Müller"
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
LOWER = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"
_U = f"[{UPPER}]"
_L = f"[{LOWER}]"
_CAP_WORD = (
    # "Workers’ Party": a plural possessive inside a name
    # "O'Brien", and "Lan Fo'an" (an apostrophe inside a romanised name; never a possessive 's)
    rf"(?:{_U}{_L}+(?:{_U}{_L}+)+|{_U}{_L}+(?:-[{UPPER}{LOWER}]{_L}*|['’]{_U}{_L}+|['’](?!s\b){_L}{{2,}})*"
    rf"(?:(?<=s)['’](?=\s+{_U}))?"
    rf"|{_U}{{2,}}s?|{_U}\.)"
)
# an epithet before a name: "Taipei-based United Daily News", "Self-ruled Taiwan",
# "Nuclear-armed North Korea", "Democratically governed Taiwan", "Reclusive North Korea"
NAME_EPITHET = re.compile(
    r"^(?:(?i:the)\s+)?(?:[A-Z][\w.]*-(?:level|based|run|owned|backed|controlled|affiliated|"
    r"linked|led|funded|registered|headquartered|ruled|armed|governed|claimed|allied)"
    r"|(?:Democratically|Independently)\s+(?:governed|ruled|run)"
    r"|Isolated|Reclusive|Impoverished|Secretive)\s+(?=[A-Z])"
)
_OPENING_MARKS = frozenset({"“", '"', "‘", "«"})
_CLOSING_MARKS = frozenset({"”", '"', "’", "»"})


def _word_pattern(word: str) -> str:
    """A gazetteer word as a pattern: either case for its first letter, any apostrophe."""
    head, rest = word[0], word[1:]
    return f"[{head.upper()}{head.lower()}]" + re.escape(rest).replace("'", "[’']")


_POSSESSIVE_OUTLET = re.compile(
    "|".join(
        r"\b" + r"\s+".join(_word_pattern(word) for word in key.split()) + r"\b"
        for key in sorted(GAZETTEER)
        if "'" in key
    )
    or r"(?!)"
)
# "Minister without Portfolio John Deng": the one title that joins capitals with "without"; a
# name never runs across a line break ("Bottom Line\n\nJoe Biden": a heading, then a name)
_NAME = re.compile(
    rf"\b{_CAP_WORD}(?:[ \t]+(?:of\s+(?:the\s+)?|without\s+(?=Portfolio\b))?{_CAP_WORD})*\b"
)

ROLE_WORDS = (
    "President|Vice President|Prime Minister|Premier|Minister|Foreign Minister|Secretary|"
    "General Secretary|Secretary of State|Chancellor|Ambassador|Envoy|Spokesman|Spokeswoman|"
    "Spokesperson|Adviser|Advisor|National Security Adviser|Director|Chairman|Chairwoman|Chair|"
    "Chief|Senator|Governor|Mayor|Representative|Commissioner|General|Admiral|Professor|"
    "Dr|Mr|Mrs|Ms|King|Queen|Leader|Chief Executive|CEO|Deputy|Counselor|Councillor|Speaker|"
    "Lawmaker|Analyst|Researcher|Fellow|Editor|Correspondent|Commander|Captain|Colonel|"
    "Lieutenant|Sergeant|Judge|Justice|Bishop|Pope|Sheikh|Prince|Princess|Coach|Mayor|"
    "Associate|Scholar|Economist|Strategist|Lecturer"  # "Senior Research Associate Melissa Hanham"
)
_ROLE_TAIL = re.compile(
    rf"^(?P<role>.*\b(?:{ROLE_WORDS}|{ROLE_WORDS.lower()})\.?)\s+(?P<name>{_CAP_WORD}"
    rf"(?:\s+{_CAP_WORD})*)$"
)
_ROLE_ONLY = re.compile(rf"\b(?:{ROLE_WORDS})\b", re.IGNORECASE)

# Capitalised words that open sentences and clauses: never names, never the start of one.
FUNCTION_WORDS = frozenset(
    {
        "A",
        "According",
        "After",
        "All",
        "Almost",
        "Also",
        "Although",
        "An",
        "And",
        "Any",
        "As",
        "At",
        "Before",
        "Both",
        "But",
        "By",
        "Calling",
        "During",
        "Each",
        "Earlier",
        "Even",
        "Every",
        "For",
        "Former",
        "From",
        "Given",
        "He",
        "However",
        "If",
        "In",
        "It",
        "Its",
        "Just",
        "Later",
        "Many",
        "Moreover",
        "Most",
        "No",
        "Not",
        "Now",
        "Of",
        "On",
        "Only",
        "Or",
        "Regarding",
        "She",
        "Since",
        "So",
        "Some",
        "Still",
        "Such",
        "That",
        "The",
        "Then",
        "These",
        "They",
        "This",
        "Those",
        "Though",
        "Thus",
        "We",
        "When",
        "While",
        "With",
        "Without",
        "Yet",
    }
)
# Capitalised words that are not names of speakers (function words, abbreviations, terms).
# places a pronoun never means (single words the name index would else take for persons)
_PLACES = frozenset(
    {"Ukraine", "Kyiv", "Russia", "Taipei", "Manila", "Hanoi", "Vietnam", "Philippines", "India",
     "Australia", "Indonesia", "Singapore", "Thailand", "Bangkok", "Malaysia", "Canada",
     "Britain", "France", "Germany", "Israel", "Iran", "Gaza", "Kaesong", "Busan", "Okinawa",
     "Macau", "Mongolia", "Myanmar", "Cambodia", "Laos", "Pakistan", "Afghanistan", "Syria",
     "Iraq", "Brussels", "London", "Paris", "Berlin", "Canberra", "Ottawa", "Delhi", "Jakarta",
     "Guam", "Hawaii", "Alaska", "Osaka", "Kyoto", "Shanghai", "Hangzhou", "Wuhan", "Shenzhen",
     "Guangzhou", "Dalian", "Dandong", "Sinuiju", "Panmunjom", "Incheon", "Jeju", "Hokkaido",
     "Nagasaki", "Hiroshima", "Fukushima", "Xinjiang", "Tibet", "Hainan", "Fujian", "Kinmen",
     "Senkaku", "Senkakus", "Diaoyu", "Diaoyutai", "Dokdo", "Takeshima", "Yonaguni", "Ishigaki"}
)  # fmt: skip
NOT_NAMES = (
    _PLACES
    | FUNCTION_WORDS
    | {
        "APEC",
        "ASEAN",
        "America",
        "American",
        "Annapolis",
        "April",
        "Asia",
        "August",
        "Beijing",
        "Belt",
        "COVID-19",
        "China",
        "Chinese",
        "Course",
        "DPRK",
        "December",
        "Details",
        "EU",
        "East",
        "Eastern",
        "Europe",
        "February",
        "First",
        "Foreign",
        "Friday",
        "G2",
        "Grounds",
        "Gyeongju",
        "I",
        "Indo-Pacific",
        "Initiative",
        "January",
        "Japan",
        "Japanese",
        "July",
        "June",
        "Korea",
        "Korean",
        "Laos",
        "Last",
        "Let",
        "March",
        "May",
        "Meanwhile",
        "Monday",
        "Moscow",
        "Nevertheless",
        "Next",
        "North",
        "November",
        "October",
        "PRC",
        "Peninsula",
        "Peru",
        "Pyongyang",
        "QUAD",
        "Quad",
        "ROK",
        "Road",
        "Russia",
        "Russian",
        "Saturday",
        "Second",
        "Seoul",
        "September",
        "South",
        "Sunday",
        "THAAD",
        "Taiwan",
        "Therefore",
        "Third",
        "Thursday",
        "Tokyo",
        "Tuesday",
        "UN",
        "US",
        "USA",
        "Washington",
        "Wednesday",
        "West",
        "Western",
        "Xiamen",
    }
)
# Words a name never starts with when it opens a sentence.
SENTENCE_WORDS = FUNCTION_WORDS
# function words that are also surnames ("An Fengshan", "No Kwang-il", "Do Kwon")
SURNAME_WORDS = frozenset({"An", "No", "So", "Do", "In", "On", "Ha"}) & SENTENCE_WORDS
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:\n—–-])[\s\"“‘'(]*$")


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (or follows a dateline's dash)."""
    return _SENTENCE_OPENING.search(text, max(0, start - 8), start) is not None


ORG_WORDS = re.compile(
    r"\b(?:House|Council|Ministry|Department|Office|Agency|Administration|Government|Party|"
    r"Committee|Commission|Bank|Fund|Organization|Organisation|Union|Institute|University|"
    r"Association|Assembly|Congress|Parliament|Senate|Army|Navy|Force|Forces|Group|Corporation|"
    r"Company|Center|Centre|Foundation|Academy|Court|Embassy|Cabinet|Kremlin|Pentagon|"
    r"Institution|Endowment|Program|Programme|Society|Bureau|Authority|Federation|Chamber|"
    r"League|Coalition|Service|Command|Ministry|Chiefs\s+of\s+Staff|Guard|Police|Secretariat|"
    r"Directorate|Board|Tribunal|Legislature|Alliance|Headquarters|Corps|Fleet)\b"
)
_PLACE_WORDS = re.compile(
    r"\b(?:United|States|Kingdom|Republic|Dialogue|Forum|Korean|Chinese|Russian|One|Initiative|"
    r"Peninsula|Sea|Strait|Island|Islands|Summit|Treaty|Accord|Doctrine)\b"
)
PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
PLURAL_PRONOUNS = {"they", "them", "their"}


# "… Co (TSMC)", "… Co., or TSMC,"
_ACRONYM_DEFINITION = re.compile(r"(?:\s?\(|,\s+or\s+)([A-Z]{2,6})(?:\)|(?=[,;]))")
_COMPANY_END = re.compile(r"\b(?:Co|Corp|Inc|Ltd|LLC|Plc|AG|SA|Company|Corporation)\.?$")
_ACRONYM_WORD = re.compile(r"\b[A-Z]{3,6}\b")
# a single capitalised possessive word right before a name: "People’s" of "People’s Liberation Army"
_POSSESSIVE_WORD = re.compile(rf"\b{_CAP_WORD}[’']s\s+$")
_POSSESSOR_BEFORE = re.compile(rf"\b{_CAP_WORD}(?:\s+{_CAP_WORD})?[’']s\s+$")


def _initials_match(name: str, acronym: str) -> bool:
    """``Ministry of Foreign Affairs`` ~ ``MOFA`` or ``MFA``."""
    words = re.findall(r"[\w’']+", name)
    every = "".join(word[0] for word in words).upper()
    capitalised = "".join(word[0] for word in words if word[:1].isupper())
    return acronym in (every, capitalised)


def _suffix_initials_match(name: str, acronym: str) -> bool:
    """``Chinese People’s Liberation Army`` ~ ``PLA``: the acronym spells the last words of a
    name whose first words qualify it (the definition still names the whole)."""
    words = re.findall(r"[\w’']+", name)
    return any(_initials_match(" ".join(words[start:]), acronym) for start in range(len(words)))


GENDER_REACH = 200  # characters after a person's name searched for a pronoun
_TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Madam)\.?\s+$")
_TITLE_GENDER = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f"}
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|his|him|himself|she|her|hers|herself)\b", re.I)
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")

_PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|near|across|toward|towards)\s+$")


def _role_before(text: str, start: int) -> str | None:
    """A lower-case role word right before a name, with the capitalised words before it."""
    words = text[max(0, start - 60) : start].split()
    if not words or not words[-1].isalpha() or not words[-1].islower():
        return None
    if not _ROLE_ONLY.fullmatch(words[-1]):
        return None
    role = [words[-1]]
    for word in reversed(words[:-1]):
        if not word[:1].isupper() or word in SENTENCE_WORDS or not word.replace("-", "").isalpha():
            break
        role.insert(0, word)
    return " ".join(role)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str  # as written, role removed
    role: str | None
    kind: EntityKind


_ORGANISATION_HEADS = frozenset(
    {
        "Institute",
        "Center",
        "Centre",
        "Council",
        "Committee",
        "Commission",
        "Foundation",
        "Ministry",
        "Office",
        "Agency",
        "Association",
        "Society",
        "Academy",
        "School",
        "Department",
        "Bureau",
        "Administration",
        "Fund",
        "Coalition",
        "Alliance",
        "Federation",
        "Union",
        "Forum",
        "Initiative",
        "Program",
        "Programme",
        "Project",
        "Endowment",
    }
)
_COMPLEMENT_JOIN = re.compile(r"[ \t]+(?:for|on)[ \t]+(?:the[ \t]+)?")
_ROLE_TO_BEFORE = re.compile(
    rf"\b((?i:{ROLE_WORDS})\s+(?:to|for|at))\s+(?:the\s+)?$"
)  # "ambassador to" too
_PLACE_THEN_NAME = re.compile(
    r"^(?:South|North|United|New|Hong)?\s*[A-Z][a-z]+(?:\s+(?:Korea|Kingdom|States|Nations|"
    r"Zealand|Kong|Africa|Arabia))?\s+[A-Z][\w-]+\s+[A-Z][\w-]+$"
)
_ROLE_LAST = re.compile(rf"\b(?:{ROLE_WORDS})$")
_ABBREVIATED_TITLE = re.compile(
    r"^(?:(?:Senior|Rear|Vice|Staff|Master|Chief|Brig|Brigadier|Lieutenant|Major|First|Second)\s+"
    r"(?=(?:Gen|Lt|Col|Adm|Sgt|Capt|Maj|Cmdr)\.))?"  # "Senior Col. Wu Qian", "Rear Adm. Kim"
    r"(?:(?:Sen|Rep|Gov|Gen|Lt|Col|Adm|Sgt|Prof|Amb|Capt|Maj|Cmdr|Supt|Insp|Pres|Brig)\.\s+)+"
    r"(?=[A-Z])"
)
_NAME_SUFFIX = re.compile(r",?\s+(?:Jr|Sr)\.?$")
# the Chinese surname He after a title is a name, not the pronoun: "Vice Premier He Lifeng"
_SURNAME_HE = re.compile(r"He\s+[A-Z][a-z]+(?:-[a-z]+)?$")


@functools.lru_cache(maxsize=8192)  # a pure function of the phrase, asked often
def split_role(phrase: str) -> tuple[str, str | None]:
    """``ROK Foreign Minister Chung Eui-yong`` -> (``Chung Eui-yong``, ``ROK Foreign Minister``)."""
    phrase = phrase.strip()
    title = _ABBREVIATED_TITLE.match(phrase)
    if title and len(phrase[title.end() :].split()) >= 1:
        # "Sen. Marco Rubio", "Rep. Young Kim", "Lt. Gen. Kim": the abbreviated title is a role
        name, role = split_role(phrase[title.end() :])
        return name, title.group().strip() + (f" {role}" if role else "")
    suffix = _NAME_SUFFIX.search(phrase)
    if suffix:  # "Philippine President Ferdinand Marcos Jr.": the suffix ends the name
        name, role = split_role(phrase[: suffix.start()])
        return name + suffix.group(), role
    match = _ROLE_TAIL.match(phrase)
    if (
        match
        and (
            match.group("name").split()[0] not in NOT_NAMES | {"of"}
            or _SURNAME_HE.match(match.group("name"))
        )
        and not _ROLE_LAST.search(match.group("name"))  # "Chief Cabinet Secretary": a title
    ):
        return match.group("name"), match.group("role").strip()
    placed = _ROLE_OF_PLACE.match(phrase)
    if placed and not any(word in NOT_NAMES for word in placed.group("name").split()):
        # "Director of National Intelligence Dan Coats", "Ambassador to Norland Ivo Berg": the
        # role's complement and the name are one run of capitals; the name is its last two words
        return placed.group("name"), placed.group("role").strip()
    return phrase, None


_ROLE_OF_PLACE = re.compile(
    rf"^(?P<role>(?:.*\s)?(?:{ROLE_WORDS})\s+(?i:of|to|for|at|without)\s+(?:the\s+)?"
    rf"{_CAP_WORD}(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?{_CAP_WORD})*?)"
    rf"\s+(?P<name>{_CAP_WORD}\s+{_CAP_WORD})$"
)  # "Minister of State for Foreign Affairs Yoshimasa Hayashi", "Minister Without Portfolio …"


# nationalities that do not end like "Chinese", "Korean", "British": "a Dutch broadcaster"
_IRREGULAR_DEMONYMS = (
    r"Dutch|French|Greek|Thai|Swiss|Czech|Welsh|Filipino|Iraqi|Israeli|Pakistani|Saudi|Qatari|"
    r"Kuwaiti|Emirati|Bangladeshi|Nepali|Somali|Yemeni|Omani|Afghan|Lao"
)
DEMONYM = re.compile(
    r"^(?:[A-Z][a-z]+(?:ish|ese|ian|an|ch|i)(?:-language)?\s+)*"
    rf"(?:[A-Z][a-z]+(?:ish|ese|ian|an)|{_IRREGULAR_DEMONYMS})(?:-language)?$"
)  # "English", "Chinese English-language": languages and nationalities, not outlets


def _kind_of(name: str, text: str, start: int, end: int) -> EntityKind | None:
    if looks_like_outlet(name):
        return EntityKind.OUTLET
    if (
        outlet_by_context(text, start, end)
        and not ORG_WORDS.search(name)  # "a report by the Rand Corporation": a think tank
        and not all(word in NOT_NAMES for word in name.split())  # "a North Korea newspaper"
        and not DEMONYM.match(name)  # "the English tabloid": a language, not the outlet
        and text[start - 1 : start] != "-"  # "a pro-Beijing newspaper"
    ):
        return EntityKind.OUTLET
    if ORG_WORDS.search(name) or _PLACE_WORDS.search(name):
        return EntityKind.ORGANISATION
    if _COMPANY_END.search(name) and " " in name:
        return EntityKind.ORGANISATION  # "Taiwan Semiconductor Manufacturing Co."
    words = name.split()
    if all(word in NOT_NAMES for word in words) or (
        words[0] in NOT_NAMES
        and not _SURNAME_HE.match(name)
        # "spokesperson An Fengshan": a surname spelled like a function word, mid-sentence
        and not (
            words[0] in SURNAME_WORDS and len(words) > 1 and not _sentence_initial(text, start)
        )
    ):
        return None
    if any(word.isupper() and len(word) > 1 for word in words):
        return None  # acronyms alone are places or organisations we cannot type
    return EntityKind.PERSON


TRUNCATION_CANDIDATES = 50  # names sharing a first word compared for truncation


@dataclass
class NameIndex:
    """Every name mention of a document, and the fullest form of each short name."""

    mentions: list[Mention] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    fullest: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    _kinds: dict[str, EntityKind] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str) -> NameIndex:
        index = cls()
        # "the Communist Party’s People’s Daily": an outlet whose name holds a possessive
        possessive_outlets = [
            (found.start(), found.end()) for found in _POSSESSIVE_OUTLET.finditer(text)
        ]
        for found_start, found_end in possessive_outlets:
            name = canonical_outlet(text[found_start:found_end])
            index.mentions.append(Mention(found_start, found_end, name, None, EntityKind.OUTLET))
        possessive_starts = [found_start for found_start, _ in possessive_outlets]
        for match in _NAME.finditer(text):
            raw = match.group()
            start = match.start()
            # the possessive outlet starting last before the name's end is the only one that
            # may overlap it (they are sorted and disjoint): a bisection, not a scan of all
            last = bisect_left(possessive_starts, match.end()) - 1
            if last >= 0 and possessive_outlets[last][1] > start:
                continue
            if (
                text[start - 1 : start] in _OPENING_MARKS
                and text[match.end() : match.end() + 1] in _CLOSING_MARKS
            ):
                continue  # "under the pen name “Zhong Sheng”, meaning “Voice of China”": a term
            # a sentence-initial function word is not part of the name
            words = raw.split()
            while (
                words
                and words[0] in SENTENCE_WORDS
                and len(words) > 1
                and not (words[0] in SURNAME_WORDS and not _sentence_initial(text, start))
            ):
                # "spokesperson An Fengshan": a surname that is a function word mid-sentence
                start = text.index(words[1], start + len(words[0]))
                words = words[1:]
            phrase = " ".join(words)
            epithet = NAME_EPITHET.match(phrase)
            if epithet:  # "Self-ruled Taiwan": the name is Taiwan
                words = phrase[epithet.end() :].split()
                start = text.index(words[0], start + len(phrase[: epithet.end()].rstrip()))
                phrase = " ".join(words)
            if len(words) == 1 and phrase in SENTENCE_WORDS:
                continue  # "The paper said": a lone function word names nothing
            # the role may include lower-case words before the name ("spokeswoman Emily Horn")
            name, role = split_role(phrase)
            if role is None:
                role = _role_before(text, start)
            placed = _ROLE_TO_BEFORE.search(text, max(0, start - 40), start)
            if role is None and placed and len(words) >= 3 and _PLACE_THEN_NAME.match(phrase):
                # "Ambassador to South Korea Xing Haiming": the place ends the role, the last
                # two words are the name
                name = " ".join(words[-2:])
                role = placed.group(1) + " " + " ".join(words[:-2])
            end = match.end()
            name_start = end - len(name)
            kind = _kind_of(name, text, name_start, end)
            if kind is None:
                continue
            head, of, rest = name.partition(" of ")
            if (
                of
                and kind is EntityKind.ORGANISATION
                and ORG_WORDS.search(rest)  # "Joint Chiefs of Staff": no person of anything
                and not ORG_WORDS.search(head)
                and _kind_of(head, text, name_start, name_start + len(head)) is EntityKind.PERSON
            ):
                # "Mei Lin of the Institute for Peace Studies": a person of an organisation
                head_end = name_start + len(head)
                index.mentions.append(Mention(name_start, head_end, head, role, EntityKind.PERSON))
                continue
            if kind is EntityKind.OUTLET:
                name = canonical_outlet(name)
            index.mentions.append(Mention(name_start, end, name, role, kind))
        index.mentions.sort(key=lambda mention: mention.start)
        index._join_organisation_complements(text)
        index._shortened_outlets(text)
        index._drop_sentence_initial_words(text)
        index._starts = [mention.start for mention in index.mentions]
        index._build_fullest()
        index._add_acronyms(text)
        index._learn_genders(text)
        return index

    def _learn_genders(self, text: str) -> None:
        """The gender of a person, from a title (``Mr``, ``Ms``) before the name or the first
        personal pronoun after it in the same sentence with no other person between
        (``Kim said that she had …``). Majority of the votes; ties stay unknown."""
        votes: dict[str, Counter[str]] = {}
        persons = [mention for mention in self.mentions if mention.kind is EntityKind.PERSON]
        for number, mention in enumerate(persons):
            full = self.full_name(mention.name)
            title = _TITLE_BEFORE.search(text, max(0, mention.start - 6), mention.start)
            if title:
                votes.setdefault(full, Counter())[_TITLE_GENDER[title.group(1).lower()]] += 2
            limit = min(len(text), mention.end + GENDER_REACH)
            if number + 1 < len(persons):
                limit = min(limit, persons[number + 1].start)
            stop = _SENTENCE_STOP.search(text, mention.end, limit)
            pronoun = _PERSONAL_PRONOUN.search(text, mention.end, stop.start() if stop else limit)
            if pronoun:
                gender = (
                    "f" if pronoun.group().lower() in {"she", "her", "hers", "herself"} else "m"
                )
                votes.setdefault(full, Counter())[gender] += 1
        for name, counter in votes.items():
            ranked = counter.most_common(2)
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                self.genders[name] = ranked[0][0]

    def gender_of(self, name: str) -> str | None:
        return self.genders.get(self.full_name(name))

    def _add_acronyms(self, text: str) -> None:
        """``Taiwan’s Ministry of Foreign Affairs (MOFA)``: later ``MOFA`` is that ministry, in
        the form the definition wrote (with its possessor)."""
        for match in _ACRONYM_DEFINITION.finditer(text):
            acronym = match.group(1)
            if self.fullest.get(acronym, acronym) != acronym:
                continue
            position = bisect_left(self._starts, match.start()) - 1
            if position < 0:
                continue
            mention = self.mentions[position]
            gap = text[mention.end : match.start()]
            company = bool(_COMPANY_END.search(mention.name))  # "Example Systems Co., (ESC)"
            if gap.strip(" ,.") or len(gap) > 3:
                continue
            if mention.kind is not EntityKind.ORGANISATION and not company:
                continue
            if not (ORG_WORDS.search(mention.name) or company):
                continue
            possessor = _POSSESSOR_BEFORE.search(text, max(0, mention.start - 40), mention.start)
            # "People’s Liberation Army (PLA)": the possessive is a word of the name
            if not _suffix_initials_match(mention.name, acronym) and not (
                possessor and _suffix_initials_match(possessor.group() + mention.name, acronym)
            ):
                continue
            full = mention.name + ("." if company and gap.startswith(".") else "")
            if possessor:
                full = re.sub(r"^The\s+", "", possessor.group()) + mention.name
            self.fullest[acronym] = full
            self._kinds.setdefault(acronym, mention.kind)
            self._kinds.setdefault(full, mention.kind)
        self._expand_undefined_acronyms(text)

    def _expand_undefined_acronyms(self, text: str) -> None:
        """An acronym of three or more letters the text never defines (``The PLA said``) is the
        one organisation of the text with those initials (``the People’s Liberation Army``,
        the possessive a word of the name); none or several: it stays as written."""
        used = {word for word in _ACRONYM_WORD.findall(text) if word not in self.fullest}
        if not used:
            return
        expansions: dict[str, set[str]] = {}
        for mention in self.mentions:
            if mention.kind is not EntityKind.ORGANISATION or not (
                ORG_WORDS.search(mention.name) or _COMPANY_END.search(mention.name)
            ):
                continue  # "Taiwan Semiconductor Manufacturing Co" is TSMC too
            possessor = _POSSESSIVE_WORD.search(text, max(0, mention.start - 20), mention.start)
            forms = [mention.name]
            if possessor:
                forms.append(possessor.group() + mention.name)
            for form in forms:
                words = re.findall(r"[\w’']+", form)
                if len(words) < 3:
                    continue
                initials = "".join(word[0] for word in words if word[:1].isupper())
                if initials in used:
                    expansions.setdefault(initials, set()).add(form)
        for acronym, forms in expansions.items():
            if len(forms) == 1:
                full = forms.pop()
                self.fullest[acronym] = full
                self._kinds.setdefault(acronym, EntityKind.ORGANISATION)
                self._kinds.setdefault(full, EntityKind.ORGANISATION)

    def _drop_sentence_initial_words(self, text: str) -> None:
        """A lone capitalised word opening a sentence is a name only if a longer name has it."""
        tokens = {
            word
            for mention in self.mentions
            if mention.kind is EntityKind.PERSON and " " in mention.name
            for word in mention.name.split()
        }
        kept = []
        for mention in self.mentions:
            lone = mention.kind is EntityKind.PERSON and " " not in mention.name
            opening = (
                mention.start == 0
                or text[max(0, mention.start - 2) : mention.start]
                in (
                    ". ",
                    "\n\n"[:2],
                    "? ",
                    "! ",
                )
                or text[mention.start - 1 : mention.start] in "\n“\"(«‘'"
            )
            place = _PLACE_BEFORE.search(text, max(0, mention.start - 9), mention.start)
            if (
                lone
                and (opening or place or re.fullmatch(ROLE_WORDS, mention.name))
                and mention.name not in tokens
            ):
                continue
            kept.append(mention)
        self.mentions = kept

    def _join_organisation_complements(self, text: str) -> None:
        """``National Institute for Defense Studies``, ``Council on Foreign Relations``: an
        organisation's head word, then ``for``/``on`` and capitals, is one organisation (not an
        organisation and a person ``Defense Studies``)."""
        joined: list[Mention] = []
        for mention in self.mentions:
            last = joined[-1] if joined else None
            if (
                last is not None
                and last.name.split()[-1] in _ORGANISATION_HEADS
                and _COMPLEMENT_JOIN.fullmatch(text, last.end, mention.start)
            ):
                name = text[last.start : mention.end]
                joined[-1] = Mention(last.start, mention.end, name, None, EntityKind.ORGANISATION)
                continue
            joined.append(mention)
        self.mentions = joined

    def _shortened_outlets(self, text: str) -> None:
        """``the Times`` after ``the New York Times``, ``the Journal`` after ``the Wall Street
        Journal``: the last word of an outlet named before, after ``the``, is that outlet."""
        outlets: dict[str, str] = {}
        for number, mention in enumerate(self.mentions):
            words = mention.name.split()
            if mention.kind is EntityKind.OUTLET and len(words) > 1:
                outlets[words[-1]] = mention.name
            elif (
                len(words) == 1
                and mention.name in outlets
                and text[max(0, mention.start - 4) : mention.start].lower() == "the "
            ):
                self.mentions[number] = Mention(
                    mention.start, mention.end, outlets[mention.name], None, EntityKind.OUTLET
                )
                self.fullest.setdefault(mention.name, outlets[mention.name])

    def _build_fullest(self) -> None:
        for mention in self.mentions:
            self._kinds.setdefault(mention.name, mention.kind)
            if mention.kind is not EntityKind.PERSON:
                self.fullest.setdefault(mention.name, mention.name)
                continue
            words = mention.name.split()
            for key in (mention.name, words[0], words[-1]):
                current = self.fullest.get(key)
                if current is None or len(mention.name.split()) > len(current.split()):
                    self.fullest[key] = mention.name
            if mention.role:
                self.roles.setdefault(mention.name, mention.role)
        self._complete_truncated()

    def _complete_truncated(self) -> None:
        """An organisation or outlet named by the start of a longer name the document also
        uses (``the Rodong`` / ``Rodong Sinmun``, ``Taiwan's Ministry`` / ``Taiwan's Ministry of
        Foreign Affairs``) has that longer name as its fullest form, when it is the only one."""
        by_first: dict[str, list[str]] = {}
        for name, kind in self._kinds.items():
            if kind is not EntityKind.PERSON:
                bucket = by_first.setdefault(name.split()[0], [])
                if len(bucket) < TRUNCATION_CANDIDATES:
                    bucket.append(name)
        for names in by_first.values():
            for name in names:
                longer = {
                    other
                    for other in names
                    if other.startswith(name + " ")
                    and self._kinds.get(other) is self._kinds.get(name)
                }
                if len(longer) == 1 and self.fullest.get(name, name) == name:
                    self.fullest[name] = longer.pop()

    def full_name(self, name: str) -> str:
        """The fullest form of ``name`` in the document (``Wang`` -> ``Wang Yi``)."""
        name = strip_article(name)
        if name in self.fullest:
            return self.fullest[name]
        words = name.split()
        if words and words[-1] in self.fullest and len(words) == 1:
            return self.fullest[words[-1]]
        return name

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """The mentions starting in ``[start, end)``, in text order (a binary search)."""
        return self.mentions[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def last_before(
        self,
        offset: int,
        kinds: tuple[EntityKind, ...],
        role: str | None = None,
        gender: str | None = None,
        skip: Callable[[int], bool] | None = None,
    ) -> Mention | None:
        """The closest mention of one of ``kinds`` ending before ``offset`` (optionally with a
        role containing ``role``, not known to be of the other gender than ``gender``, and not
        starting where ``skip`` says). Walks back at most 200 mentions."""
        position = bisect_left(self._starts, offset) - 1
        steps = 0
        while position >= 0 and steps < 200:
            mention = self.mentions[position]
            if mention.end <= offset and mention.kind in kinds:
                mention_role = mention.role or self.roles.get(self.full_name(mention.name))
                known = self.genders.get(self.full_name(mention.name)) if gender else None
                if (
                    (role is None or (mention_role and role.lower() in mention_role.lower()))
                    and (known is None or known == gender)
                    and not (skip and skip(mention.start))
                ):
                    return mention
            position -= 1
            steps += 1
        return None

    def kind_of_name(self, name: str) -> EntityKind | None:
        return self._kinds.get(name)


def build_entities(
    index: NameIndex, speakers: list[tuple[str, str | None]], outlets: list[str]
) -> list[Entity]:
    """Entities for the speakers and outlets of the quotes, with aliases and mention counts."""
    aliases: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    kinds: dict[str, EntityKind] = {}
    for mention in index.mentions:
        full = index.full_name(mention.name)
        counts[full] += 1
        kinds.setdefault(full, mention.kind)
        if mention.name != full:
            aliases.setdefault(full, set()).add(mention.name)
    wanted: dict[str, EntityKind] = {}
    for speaker, _role in speakers:
        for name in (speaker or "").split(" and ") if speaker else ():
            if name in wanted:
                continue
            if name in kinds:
                wanted[name] = kinds[name]
            elif name in NOT_NAMES:
                wanted[name] = EntityKind.ORGANISATION  # a capital standing for its government
            elif ORG_WORDS.search(name.title()) or looks_like_outlet(name):
                wanted[name] = (
                    EntityKind.OUTLET if looks_like_outlet(name) else EntityKind.ORGANISATION
                )
            else:
                wanted[name] = EntityKind.PERSON
    for outlet in outlets:
        wanted[outlet] = EntityKind.OUTLET
    return [
        Entity(
            name=name,
            kind=wanted[name],
            aliases=sorted(aliases.get(name, set())),
            mentions=max(1, counts.get(name, 0)),
        )
        for name in sorted(wanted)
    ]
