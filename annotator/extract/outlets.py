"""Recognising media outlets: by the shape of the name, by context, and (only as a helper) by a
small gazetteer of outlets that neither shape nor context gives away (``Yonhap``, ``Reuters``).
"""

from __future__ import annotations

import functools
import re

from annotator.extract.cues import GENERIC_OUTLET_NOUNS

# name endings that mark a publication or broadcaster
_OUTLET_HEADS = [
    "Times",
    "Herald",
    "Post",
    "News",
    "Daily",
    "Ilbo",
    "Sinmun",
    "Shimbun",
    "Tribune",
    "Journal",
    "Gazette",
    "Telegraph",
    "Guardian",
    "Chronicle",
    "Observer",
    "Monitor",
    "Review",
    "Economist",
    "Express",
    "Mirror",
    "Standard",
    "Independent",
    "Press",
    "Broadcasting",
    "Broadcaster",
    "Radio",
    "Television",
    "TV",
    "Network",
    "Wire",
    "Insider",
    "Diplomat",
    # not "Agency" alone: the International Atomic Energy Agency, the Japan Meteorological
    # Agency and the Central Intelligence Agency are no outlets
    "News Agency",
    "Press Agency",
    "Telegraph Agency",
    "Mail",
    "Star",
    "Sun",
    "Courier",
    "Examiner",
    "Inquirer",
    "Dispatch",
    "Bulletin",
    "Weekly",
    "Magazine",
    "Online",
]
_OUTLET_HEAD_PATTERN = re.compile(rf"\b(?:{'|'.join(_OUTLET_HEADS)})$")

GAZETTEER = {
    "yonhap": "Yonhap",
    "xinhua": "Xinhua",
    "reuters": "Reuters",
    "bloomberg": "Bloomberg",
    "ap": "AP",
    "afp": "AFP",
    "bbc": "BBC",
    "cnn": "CNN",
    "kbs": "KBS",
    "mbc": "MBC",
    "sbs": "SBS",
    "nhk": "NHK",
    "kcna": "KCNA",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "hankyoreh": "Hankyoreh",
    "politico": "Politico",
    "axios": "Axios",
    "nikkei": "Nikkei",
    # the corpus gold writes the broadcaster's name as the articles do: "China Central
    # Television (CCTV)", "state broadcaster CCTV"
    "cctv": "China Central Television",
    "china central television": "China Central Television",
    "cgtn": "CGTN",
    "al jazeera": "Al Jazeera",
    "foreign policy": "Foreign Policy",
    "nk news": "NK News",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "jiji": "Jiji",
    "jiji press": "Jiji",
    "yonhap news agency": "Yonhap",
    "yonhap news": "Yonhap",
    "wsj": "Wall Street Journal",
    "wall street journal": "Wall Street Journal",
    "global times": "Global Times",
    "people's daily": "People's Daily",
    "rodong sinmun": "Rodong Sinmun",
    "choson sinbo": "Choson Sinbo",
    "korean central news agency": "KCNA",
    "korean central television": "Korean Central Television",
    "kctv": "Korean Central Television",
    "central news agency": "CNA",
    "cna": "CNA",
    "liberty times": "Liberty Times",
    "yomiuri": "Yomiuri Shimbun",
    "yomiuri shimbun": "Yomiuri Shimbun",
    "mainichi": "Mainichi Shimbun",
    "asahi": "Asahi Shimbun",
    "asahi shimbun": "Asahi Shimbun",
    "mainichi shimbun": "Mainichi Shimbun",
    "sankei": "Sankei Shimbun",
    "sankei shimbun": "Sankei Shimbun",
    "tokyo shimbun": "Tokyo Shimbun",
    "rfa": "RFA",
    "radio free asia": "RFA",
    "voa": "VOA",
    "voice of america": "VOA",
    "nikkei asia": "Nikkei",
    "china daily": "China Daily",
    "new china news agency": "Xinhua",
    "ecns": "ecns.cn",
    "anadolu agency": "Anadolu Agency",
    "anadolu": "Anadolu Agency",
    # broadcasters and wires known by a bare acronym or one word (no outlet-shaped head)
    "nbc": "NBC",
    "cbs": "CBS",
    "abc": "ABC",
    "msnbc": "MSNBC",
    "cnbc": "CNBC",
    "pbs": "PBS",
    "npr": "NPR",
    "c-span": "C-SPAN",
    "rt": "RT",
    "sputnik": "Sputnik",
    "interfax": "Interfax",
    "ria": "RIA Novosti",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "bernama": "Bernama",
    "antara": "Antara",
    "ytn": "YTN",
    "jtbc": "JTBC",
    "tbs": "TBS",
    "arirang": "Arirang",
    "newsis": "Newsis",
    "news1": "News1",
    "tvbs": "TVBS",
    "caixin": "Caixin",
    "scmp": "South China Morning Post",
    "south china morning post": "South China Morning Post",
    "deutsche welle": "Deutsche Welle",
    "dw": "Deutsche Welle",
    "france 24": "France 24",
    "euronews": "Euronews",
    "semafor": "Semafor",
    "newsweek": "Newsweek",
}

# "in an article in X", "told X", "X reported", "the newspaper X", "X newspaper"
_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:article|column|editorial|op-ed|interview|piece|report)s?\s+(?:in|for|with|by)"
    r"|\b(?:newspaper|daily|broadcaster|agency|outlet|magazine))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CONTEXT_AFTER = re.compile(
    rf"^\s+(?:{'|'.join(GENERIC_OUTLET_NOUNS)})\b|^\s+(?:reported|reports|editorial)\b",
    re.IGNORECASE,
)
_GENERIC_OUTLET = re.compile(
    rf"\b(?:media|press|{'|'.join(GENERIC_OUTLET_NOUNS)})\b(?:\s+outlets?)?\s*$"
    r"|\bnews\s+outlets?\s*$"  # "major US news outlets reported"
    r"|^(?:(?:news|media|press)\s+)?reports$",
    re.IGNORECASE,
)


_ARTICLE = re.compile(r"^(?:the|a|an|one)\s+", re.IGNORECASE)


def strip_article(name: str) -> str:
    return _ARTICLE.sub("", name.strip())


def outlet_noun_follows(text: str, end: int) -> bool:
    """Whether an outlet noun follows the name ending at ``end`` (``Sankei newspaper``)."""
    return _CONTEXT_AFTER.match(text, end, end + 40) is not None


@functools.lru_cache(maxsize=8192)  # a pure function of the name, asked often
def looks_like_outlet(name: str) -> bool:
    """True for names shaped like an outlet (``The Korea Times``, ``JoongAng Ilbo``, ``Yonhap``)."""
    bare = strip_article(name)
    if not bare:
        return False
    if bare.lower() in GAZETTEER:
        return True
    if (
        bare.endswith(" Sun")
        and len(bare.split()) == 2
        and not name.strip().lower().startswith("the ")
        and bare.split()[0] not in _SUN_PLACES
    ):
        return False  # "Yun Sun": Sun is a surname as often as a newspaper
    return bool(_OUTLET_HEAD_PATTERN.search(bare)) and bare[0].isupper() and len(bare.split()) >= 2


_SUN_PLACES = frozenset(
    {"Baltimore", "Toronto", "Vancouver", "Ottawa", "Calgary", "Edmonton", "Winnipeg", "Sydney",
     "Chicago", "Sunday", "Daily", "Morning", "Evening", "Manila", "Taiwan"}
)  # fmt: skip


_PROGRAMME_OWNER = re.compile(r"^(.+?)(?:[’']s|s[’'])(?=\s)")


@functools.lru_cache(maxsize=8192)  # a pure function of the name, asked often
def outlet_named(name: str) -> str | None:
    """The canonical outlet a capitalised run names, or ``None``: ``Yonhap`` → Yonhap;
    ``CBS’s Face the Nation`` (a programme after its owner) → CBS."""
    canonical = canonical_outlet(name)
    if looks_like_outlet(name) or looks_like_outlet(canonical):
        return canonical
    owner = _PROGRAMME_OWNER.match(name)
    if owner and looks_like_outlet(owner.group(1)):
        return canonical_outlet(owner.group(1))
    return None


# "the refugee agency", "the UN nuclear agency", "the space agency": an agency of some other kind
# than news ("the agency", "the state news agency", "the official agency" may be one)
_OTHER_AGENCY = re.compile(
    r"(?:\b(?!(?:news|press|wire|state|official|state-run|state-owned|national|semi-official|"
    r"government-run|the|an?|this|that|its|his|her|their)\b)[A-Za-z][\w.-]*)\s+agency$",
    re.IGNORECASE,
)


def is_other_agency(phrase: str) -> bool:
    """``the UN refugee agency``: an agency that is no news agency by its modifier."""
    return bool(_OTHER_AGENCY.search(phrase.strip()))


def is_generic_outlet(phrase: str) -> bool:
    """``the ROK media``, ``one South Korean media outlet``, ``the newspaper``."""
    return bool(_GENERIC_OUTLET.search(phrase)) and not is_other_agency(phrase)


def outlet_by_context(text: str, start: int, end: int) -> bool:
    """True when the words around ``text[start:end]`` say it is an outlet."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    return bool(_CONTEXT_BEFORE.search(before) or _CONTEXT_AFTER.search(after))


_POSSESSOR = re.compile(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s?\s+(?=.*\b[A-Z])")
_DESCRIPTORS = re.compile(
    r"^(?:(?:official|state-run|state|government-run|communist|party|japanese|chinese|korean|"
    r"south\s+korean|north\s+korean|taiwanese|american|u\.s\.|us|british|nationalist|"
    r"leading|major|top|influential|more|conservative|liberal|progressive|left-leaning|"
    r"right-leaning|daily|business|english-language|tabloid|news|"
    r"newspaper|broadcaster|agency|wire|service|public|pro-[\w-]+|"
    r"[a-z]+-(?:controlled|run|owned|backed|affiliated|funded|leaning|language))\s+)(?=[A-Z])",
    re.IGNORECASE,
)
_EDITION = re.compile(
    r"^(?:(?:overseas|english|online|chinese|korean|japanese|weekend|sunday)\s+)*"
    r"(?:edition|website|version|editorial|commentary|unit|service|arm|sister\s+paper)\s+of\s+",
    re.IGNORECASE,
)
_TRAILING_NEWS = re.compile(r"\s+news$")
_TRAILING_KIND = re.compile(
    r"(?:\s+(?:news\s+agency|news\s+service|newspaper|daily|broadcaster|agency|wire\s+service|"
    r"tabloid|magazine|television)|[’']s\s+\w+(?:\s+\w+)?\s+(?:service|edition|website))$",
    re.IGNORECASE,
)


_NAMED_KIND = re.compile(
    r"^(?:(?:official|state-run|state|government-run|semi-official|private|public)\s+)*"
    r"((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,2})\s+"
    r"(?:news\s+agency|news\s+service|newspaper|daily|broadcaster|wire\s+service|tabloid|"
    r"agency|magazine|weekly)$"
)


def names_outlet_kind(phrase: str) -> bool:
    """``the official Tanjug news agency``: a name followed by the kind of outlet it is."""
    return bool(_NAMED_KIND.match(strip_article(phrase)))


@functools.lru_cache(maxsize=8192)  # a pure function of the name, asked often
def canonical_outlet(name: str) -> str:
    """The short usual name of an outlet: ``the official Yonhap news agency`` → ``Yonhap``,
    ``North Korea’s official KCNA`` → ``KCNA``, ``the overseas edition of People’s Daily`` →
    ``People’s Daily``, ``Kyodo News`` → ``Kyodo``, ``WSJ`` → ``Wall Street Journal``."""
    bare = strip_article(name)
    candidates = [bare]
    for candidate in candidates:
        if len(candidates) > 12:
            break
        for step in (
            lambda text: strip_article(_EDITION.sub("", text)),
            lambda text: _TRAILING_KIND.sub("", text),
            lambda text: _DESCRIPTORS.sub("", text),
            lambda text: _POSSESSOR.sub("", text),
        ):
            changed = step(candidate).strip()
            if changed and changed != candidate and changed not in candidates:
                candidates.append(changed)
    for candidate in candidates:
        key = candidate.lower().replace("’", "'")
        if key in GAZETTEER:
            return GAZETTEER[key]
        # "NBC News" → NBC (a name the gazetteer knows alone), never "Fox News" or "United
        # Daily News" → anything shorter
        key = _TRAILING_NEWS.sub("", key)
        if key in GAZETTEER:
            return GAZETTEER[key]
    for candidate in candidates:
        if candidate != bare and looks_like_outlet(candidate) and not _POSSESSOR.match(candidate):
            return candidate
    named = _NAMED_KIND.match(bare)
    if named:  # "the official Tanjug news agency" -> Tanjug: a name before the kind of outlet
        return named.group(1)
    return bare
