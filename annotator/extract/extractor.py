"""The extraction pass over one document: quotations and reported clauses joined to their sources.

Work is done sentence by sentence (a sentence is joined with the next while a quotation is open
across it), so the cost is linear in the length of the text. See the package docstring for the
rules and confidence levels.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from annotator.extract.attribution import (
    DATELINE,
    OUTLET_DOCUMENT_REACH,
    SENTENCE_BREAK,
    Source,
    SpeakerResolver,
    Subject,
    is_passive,
    names_document_author,
    not_a_speaker,
    sentence_subject,
    subject_before,
)
from annotator.extract.cataphora import delayed_name, indefinite_mention
from annotator.extract.clauses import complement_start
from annotator.extract.cues import (
    GENERIC_OUTLET_NOUNS,
    NOUN_CUES,
    OBJECT_VERBS,
    SOURCE_DOCUMENT_NOUNS,
    STANCE_ONLY_VERBS,
    find_cue_forms,
    lemma_of,
)
from annotator.extract.entities import ORG_WORDS, NameIndex, split_role
from annotator.extract.marks import Passage, find_passages
from annotator.extract.mentions import PERSON, THING
from annotator.extract.outlets import (
    GAZETTEER,
    canonical_outlet,
    is_generic_outlet,
    looks_like_outlet,
    outlet_named,
    outlet_noun_follows,
    strip_article,
)
from annotator.extract.relayed import relay_to_speaker
from annotator.extract.reported import (
    DAY,
    INVERTED_CUES,
    LOOKAHEAD,
    MAX_CLAUSE,
    NAME_SEGMENT,
    ROLE_BEFORE_CUE,
    THAT_AFTER,
    TO_QUOTE,
    Cue,
    Unit,
    according_closes,
    according_parts,
    build_units,
    clause_from,
    clause_gloss_start,
    continues_clause,
    final_cue_content,
    find_cues,
    inserted_content,
    inverted_content,
    may_take_parsed_clause,
    quoted_clause_content,
    reach,
    reported_content,
    trim,
    word_count,
)
from annotator.extract.reported_bounds import (
    as_source_end,
    fronted_adverbial_end,
    fronted_participle_subject,
    is_adjectival,
    is_object_noun_cue,
    is_passive_cue,
)
from annotator.extract.shapes import JUDGEMENT_LEMMAS, extra_content, extra_cues
from annotator.extract.syntactic import SyntacticSubject, SyntaxLayer
from annotator.extract.terms import (
    embedded_term,
    looks_like_title,
    names_a_programme,
    names_with_quotation,
)
from annotator.extract.venues import venue_outlet
from annotator.models import EntityKind, QuoteKind

# the parse replaces a rules' subject only when that subject looks like no noun phrase: measured
# on the tune half, replacing every subject by the parse's lost 5 points of speaker accuracy
SYNTAX_MODE = "suspicious"
_SUSPICIOUS = re.compile(
    r"^(?:[a-z][\w’'-]*ly|[a-z]+ing|[a-z]+ed|what|which|who|how|when|where|why|to|of|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.?)$"
)


def _suspicious(phrase: str) -> bool:
    """A rules' subject that is probably no noun phrase (an adverb, a participle, a time word,
    a fragment of a clause)."""
    words = phrase.split()
    if not words:
        return False  # no subject before the cue: passive, inverted or coordinated; rules decide
    if len(words) == 1:
        return bool(_SUSPICIOUS.match(words[0]))
    return (
        bool(_SUSPICIOUS.match(words[0]))
        or bool(re.search(r"\b(?:to|is|was|has|had|would|will|sent|made)\b", phrase))
        or words[-1].lower() in {"a", "an", "the", "its", "their", "his", "her"}  # "… issued a"
    )


_SUBJECT_AFTER = re.compile(
    r"\s+((?:he|she|they|(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep)\.\s+)?[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]*)*|(?:the|a|an)\s+[\w’'-]+(?:\s+(?!on\b|in\b|at\b|who\b|which\b|"
    r"that\b|to\b|of\b|for\b|after\b|before\b|during\b|when\b)[\w’'-]+){0,4}(?=\s*[,.;]|$)))"
)
_ROLE_NOUN_AFTER = re.compile(
    r"\s+((?:[a-z]+\s+)?(?:secretary|spokesman|spokeswoman|spokesperson|official|officials|"
    r"source|sources|adviser|advisers|aide|aides|minister|envoy))\b(?=\s*(?:[,.;]|in\b|on\b|at\b|"
    r"who\b|$))"
)
_ROLE_NAME_AFTER = re.compile(  # "said UNHCR spokeswoman Shabia Mantoo", "said agency chief Li"
    r"\s+((?:[A-Z][\w’'.&-]*\s+){0,4}(?:[a-z][\w-]*\s+){0,2}"
    r"(?:spokesman|spokeswoman|spokesperson|official|minister|secretary|director|chief|adviser|"
    r"analyst|researcher|economist|professor|fellow|ambassador|envoy|commander|lawmaker|"
    r"chairman|chairwoman|head|strategist|expert|scholar|correspondent|editor)"
    r"\s+(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen)\.\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})"
    r"(?=\s*(?:[,.;]|$))"
)
_DESCRIPTION_AFTER = re.compile(
    r"\s+((?:(?i:the|a|an|its|his|her|their|another|one)\s+|[A-Z][\w-]*[’']s\s+)"
    r"[^,.;:!?“”\"()]{1,100}?)(?=\s*(?:[,.;:!?()]|\s+(?:who|which|that|told|in\s+a|on\s+"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b|$))"
)
_POSSESSED_NAME = re.compile(
    r"(?:the\s+)?(?P<owner>[A-Z][\w-]*)[’']s\s+(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
    r"(?:\s+(?:in|at)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?$"
)
_APPOSITIVE_NAME = re.compile(
    r",\s+(?:the\s+)?((?:(?:Dr|Mr|Mrs|Ms|Prof)\.\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})"
    r"\s*(?:[,.;]|$|(?=\s+(?:in|on)\s+(?:an?|its|the)\s))"  # "…, the Global Times in an analysis"
)
_ROLE_AFTER = re.compile(
    r"\s+(?:(?:Dr|Mr|Mrs|Ms|Prof)\.\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*,\s+((?:an?\s+|the\s+)?"
    r"[a-z][^,.;]{2,100})"
)
_TOLD_OBJECT = re.compile(r"\s+((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")
_DESCRIPTION_THEN_NAME = re.compile(
    r"[\s,”’\"»]*(?:a|an|the)\s+[^,;:.“”\"]{1,80},\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s*,?\s*"
)
_TITLE_WORD = (
    r"(?:of|for|the|spokes(?:man|woman|person)|minister|official|ambassador|envoy|chief|"
    r"director|secretary|chairman|chairwoman|president|leader)"
)
_WITH_SUBJECT = re.compile(
    # "with Chinese Ministry of Foreign Affairs spokesman Wang Wenbin (汪文斌) saying: “…”"
    rf"\bwith\s+((?:the\s+)?(?:(?:[A-Z][\w’'.-]*|{_TITLE_WORD})\s+){{0,9}}[A-Z][\w’'.-]*|"
    r"the\s+(?:[a-z]+\s+){0,2}(?:ministry|government|embassy|office|spokesman|spokeswoman|"
    r"spokesperson|official|minister))(?:\s+\([^()]{1,20}\))?\s+$"
)
_ASKED_PARTICIPLE = re.compile(
    r"(?:^|[,.;]\s+|\b(?:when|after|if|once|being)\s+|^\s*)(?:asked|pressed|questioned)\s+"
    r"(?:whether|if|about|why|what|how|when|where|who|for|to\s+comment|on)\b"
)
# the rest of a participle's insertion up to the finite cue: "… on the drills, " (no other
# punctuation, no quotation)
# offices a lede's description and a later name's title may both name (they must agree)
_OFFICES = frozenset(
    {"president", "minister", "premier", "chancellor", "secretary", "spokesman", "spokeswoman",
     "spokesperson", "ambassador", "envoy", "governor", "mayor", "king", "queen", "chairman"}
)  # fmt: skip
_REPEATED_BEFORE = re.compile(
    r"(?:\b(?:has|have|had)\s+)?\b(?:reiterated|repeated|renewed|echoed)\s+$"
)
# "Lewis was also quoted by CNN regarding …: “…”": a passive quoting right before the quotation
_QUOTED_BY_BEFORE = re.compile(
    r"(?:^|[.!?]\s+)(?P<subject>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
    r"(?:,\s+(?:who|which)\s+[^“”\"]{1,200}?,)?\s+(?:was|were|has\s+been)"
    r"\s+(?:also\s+|widely\s+)?quoted\s+by\s+(?P<outlet>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
    r"[^“”\".!?]{0,120}[:,]\s*$"
)
_INSERTION_CLOSE = re.compile(r"[^,;:.!?“”\"()]{1,140},\s*")
_INSERT_BEFORE_CUE = re.compile(r",\s+[^,;:“”\"]{2,150},\s*$")
_RELATIVE_BEFORE = re.compile(r",\s+(?:which|who)\s+[^,;:“”\"]{2,200},\s*$")
_NAME_BEFORE_CLAUSE = re.compile(r"\s+([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})\s+")
_ENDS_IN_DETERMINER = re.compile(r"\s(?:the|a|an|this|its|his|her|their)$")
_PER_OUTLET = re.compile(r",\s+per\s+(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3}$")
_AS_CITED_BY = re.compile(r"as\s+(?:cited|quoted|reported|relayed)\s+(?:by|in)\b")
_IN_SOURCE = re.compile(
    # "in an exclusive interview with CNN", "in a recent article for …"
    r"(?:\b(?i:in|for|with|to|during)\s+(?:an?|the|his|her|its|their)\s+(?:[a-z][\w-]+\s+){0,2}?"
    r"(?:article|column|editorial|interview|op-ed|piece|commentary)\s+(?:in|for|with|by|to)|\b(?i:writing|speaking)(?:\s+[a-z]+ly)?\s+"
    r"(?:in|for|to|with|on)"  # "Speaking on CNN's State of the Union, Blinken said"
    # "In a written response to questions from The Associated Press, the ministry said"
    r"|\b(?i:in)\s+(?:an?\s+)?(?:written\s+|emailed\s+)?(?:response|reply|answer|responses|"
    r"replies|answers)\s+to\s+(?:a\s+)?(?:questions?|queries|query|an?\s+inquiry|a\s+request)"
    r"\s+(?:from|by)"
    # "…, in a statement carried by KCNA, denounced …": the outlet that carried the statement
    r"|\b(?i:in)\s+(?:an?|the|its|his|her|their)\s+(?:[a-z][\w-]+\s+){0,2}?"
    r"(?:statement|commentary|article|report|message|letter)\s+(?:carried|published|run|relayed)"
    r"\s+(?:by|on|in))"
    # "with the conservative Sankei newspaper": lower-case words before the name
    r"\s+(?:the\s+(?P<epithet>(?:[a-z][\w-]+\s+){1,2})(?=[A-Z]))?"
    r"(?P<name>(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)
# "Lind details …", "An expert on Korea, Lind argued …": a name, then its verb
_NAME_THEN_VERB = re.compile(
    r"(?:[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,6},\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
    # "Kim Yo Jong, the deputy director of the party, sharply criticized …": an appositive
    r"(?:,\s+(?:a|an|the)\s+[^,;:“”\"]{2,100},)?"
    r"\s+(?:[a-z]+ly\s+)?[a-z]{3,}(?:s|ed)\b"
)
_NAME_COMMA_ROLE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=,\s))((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*),("
    + ROLE_BEFORE_CUE.pattern.removeprefix("^")
    + ")"
)
_POSSESSOR_REST = re.compile(r"(?:\s+[A-Z][\w-]*){0,2}[’']s\s")
_ISSUED_THEN_PARTICIPLE = re.compile(
    r"\b(?:issued|released|published|put\s+out)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:statement|"
    rf"message|notice|letter|commentary)(?:\s+(?:on\s+)?{DAY})?\s+$"
)
_THINK_TANK = re.compile(r"[\s-]+tanks?\b")
_ACCORDING_INSERT = re.compile(r",\s*according\s+to\s+([^,;:“”\"()]{2,50}),")
_SENTENCE_THEN_SPACE = re.compile(r"[.!?][”’\"]?\s+$")
_IN_THAT_DOCUMENT = re.compile(
    r"\s*(?:In|Within)\s+(?:the|that|this|its)\s+(?:report|article|piece|story|broadcast|"
    r"editorial|commentary|dispatch)\s*,"
)
_SOURCE_DOCUMENT = re.compile(
    rf"\b(?:in|from)\s+(?:the|a)\s+((?:[a-z-]+\s+)?(?:{'|'.join(SOURCE_DOCUMENT_NOUNS)}))\b"
)
_QUOTED_AS = re.compile(
    # "quoted Wang as saying", "quoted one senior official saying"
    r"\b(quoted|cited|quoting|citing)\s+((?:[^,.;“”\"]){1,80}?)\s+"
    r"(as\s+(?:saying|telling|stating|writing)?)?\s*$"
)
_DOCUMENT_NOUN_END = re.compile(
    r"(?<=[A-Za-z])\s+(?:report|article|story|editorial|commentary|piece|column|dispatch)$"
)
_PUBLISHER_APPOSITIVE = re.compile(r",\s+(?:published|owned|run)\s+by\s")
_OTHER_OCCASION = re.compile(
    r"\b(?:[Ss]eparately|at\s+(?:a|an|the|his|her|its)\s+(?:[\w-]+\s+){0,2}?(?:news\s+conference|"
    r"press\s+conference|briefing|summit|forum|rally|ceremony|hearing|meeting)|in\s+(?:a|an|his|"
    r"her|its)\s+(?:[\w-]+\s+){0,2}?(?:speech|address|statement|post|testimony))\b"
)
_PASSIVE_QUOTED_AS = re.compile(
    r"\s(?:was|were|is|are|been|being)\s+(?:also\s+|widely\s+)?(?:quoted|cited)\s+as\s+$"
)
_BY_OUTLET = re.compile(
    r"\s+by\s+(?:the\s+)?(?:(?:state|state-run|official|public)\s+)?(?:(?:broadcaster|media|"
    r"news\s+agency|newspaper|daily|television)\s+)?([A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3})"
)
_PASSIVE_BY = re.compile(
    r"by\s+(?:(?:state|state-run|official|public)\s+)?(?:(?:broadcaster|media|news\s+agency|"
    r"newspaper|daily|television)\s+)?(.+)$"
)
_AUXILIARY_BEFORE = re.compile(r"\s(?:was|were|is|are|been|being)\s+(?:(?:also|widely)\s+)?$")
_QUOTING = re.compile(
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?,\s+"
    r"(?:quoting|citing)\s+([^,.;:“”\"]{2,120}?)\s*(?:[,.;:]|$)"
)
_SUBJECT_BEFORE_INSERT = re.compile(
    r"^\s*((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,3}|(?i:the)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3}),\s*$"
)
_QUOTING_BEFORE = re.compile(  # "Yonhap, citing a government official, reported"
    r",\s+(?:quoting|citing)\s+([^,.;:“”\"]{2,120}?),\s*(?:(?:also|again|later)\s+)?$"
)
_NOUN_CUE = re.compile(rf"\b(?:{'|'.join(NOUN_CUES)})\b", re.I)
# verbs of speech whose words an outlet can report ("Kim said …, according to KCNA"), unlike the
# acts it reports ("the government proposed …, according to the WSJ")
_SPEECH_LEMMAS = frozenset(
    {"say", "tell", "add", "emphasize", "emphasise", "stress", "note", "claim", "insist", "warn",
     "state", "explain", "argue", "announce", "reiterate", "underline", "underscore", "assert",
     "deny", "admit", "acknowledge", "declare", "vow", "pledge", "urge", "describe", "call"}
)  # fmt: skip
_DISMISSAL = re.compile(
    r"(?:dismiss|reject|rul|play|downplay)\w*\s+(?:down\s+|out\s+)?(?:the|any)\s"
)
_POSSESSOR = re.compile(r"([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)[’']s?\b(?!\w)")
_SENTENCE_SUBJECT = re.compile(
    r"^(?:[A-Z][\w-]*\s+)*?((?:[A-Z][\w’'-]*)(?:\s+[A-Z][\w’'-]*)*)(?:,[^,“\"]{0,40},)?\s*$"
)

_FRAME_SUBJECT = re.compile(
    rf"\b(?:reports?|media|press|(?:{'|'.join(GENERIC_OUTLET_NOUNS)})|"
    rf"(?:{'|'.join(SOURCE_DOCUMENT_NOUNS)}))\b",
    re.I,
)
_DOCUMENT_SUBJECT = re.compile(rf"\b(?:{'|'.join(SOURCE_DOCUMENT_NOUNS)})\b", re.I)
_TITLE_BEFORE = re.compile(
    r"\b(?:titled|entitled|headlined|dubbed|named|nicknamed|so-called|known\s+as|"
    r"(?:article|editorial|column|op-ed|book|report|speech|song|film|program(?:me)?|plan|"
    r"campaign|initiative|slogan|operation|hashtag|headline|banner|motto)\s+called)[\s,:]*$",
    re.I,
)
_MODAL = re.compile(r"\b(?:can|cannot|could|will|would|should|must|may|might|not|n[’']t)\b")
_TITLE_PHRASE = re.compile(
    r"\s(?:in|with|by|under|of)\s+(?:an?|the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:titled|entitled|headlined|dubbed|named|called)\b"
)
_FRONTED = re.compile(
    r"(?:On|In|At|For|Regarding|As\s+for|As\s+to|During|After|Before|Over|With)\b"
)
MAX_LEAD_SENTENCES = 4  # sentences before "…, Sun said." that the cue may govern


def _scope_scare_words(cue: Cue) -> int:
    """Quotations of at most this many words in a cue's scope are taken as terms (low
    confidence, no speaker) when not right after the cue, or even right after a stance-only
    verb (``slammed the “reform”``, ``hailed “X”``): those verbs are no speech verbs."""
    return 4 if cue.lemma in STANCE_ONLY_VERBS else 2


# "… determined to apply pressure by stressing that …": a gerund after a preposition shares
# the subject of its clause, like a comma participle
_GERUND_LEAD = re.compile(r"(?<=\s)(?:by|while|after|before)\s+(?:also\s+)?$")
_HEAD_WORD = re.compile(r"\b[a-z][\w-]*(?=$|\s+(?:in|at|of|from|with|based|close|for|on)\b)")
_QUOTED_IN = re.compile(
    r"(?P<name>[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,5})[ \t]+(?:was|were|has[ \t]+been)[ \t]+"
    r"(?:quoted|cited|interviewed)[ \t]+(?:in|by)[ \t]+(?:an?[ \t]+|the[ \t]+)?"
    r"(?P<outlet>[A-Z][\w’'.&-]*(?:[ \t]+[A-Z][\w’'.&-]*){0,3})"
)
REPORT_REACH = 1500  # characters back from "the reports stated" to "… reported"
INTERVIEW_REACH = 3000  # characters back from "in the interview" to "an interview with NBC"
_IN_THE_INTERVIEW = re.compile(r"\s+(?:during\s+|in\s+)(?:the|that|this)\s+interview\b")
_INTERVIEW_WITH = re.compile(
    r"\binterviews?\s+(?:with|on|to)\s+(?:the\s+)?([A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3})"
)
LEDE_REACH = 2000  # characters of the first paragraph taken as the lede (and of each next one)
LEDE_NAME_PARAGRAPHS = 3  # paragraphs after the lede searched for the person it describes
_POSSESSED = re.compile(r"(?:its|his|her|their|[A-Z][\w.-]*[’']s)\s")
# a description of one person: "its top China policy maker", "Japan's top government spokesman"
_PERSON_HEAD = re.compile(
    r"\b(?:leader|spokesman|spokeswoman|spokesperson|minister|maker|negotiator|envoy|"
    r"ambassador|president|premier|chancellor|secretary|chief|head|director|chairman|"
    r"chairwoman|governor|mayor|commander|adviser|advisor|diplomat)$"
)
_REPRINT = re.compile(
    r"\b(?:Here\s+is|Here[’']s|Below\s+is|What\s+follows\s+is)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:version|transcript|translation|excerpts?|text|summary)\s+of\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:report|article|readout|dispatch|story|commentary|editorial)\s+"
    r"(?:by|from|of|in)\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
)
SUBJECT_REACH = 300  # a sentence's opening name phrase is looked for in this many characters


# cue forms that are plural nouns as often as verbs ("China's sovereignty claims")
_NOUN_LIKE_FORMS = frozenset({"claims", "reports", "demands", "pledges", "promises", "vows"})
_MODAL_THEN_AND = re.compile(
    r"\b(?:should|must|will|would|could|can|may|might|to)\s+[^,;:.!?]{0,80}?\s+and\s+$"
)


def _under_modal(text: str, unit: Unit, cue: Cue) -> bool:
    """A bare verb joined by "and" to a verb under a modal (``should “focus on …” and
    reaffirm a “…”``): a proposal in someone's words, not a speech act of its own."""
    if cue.form.lower() != cue.lemma.replace("_", " "):
        return False
    before = text[max(unit.start, cue.start - 100) : cue.start]
    return _MODAL_THEN_AND.search(before) is not None


def _only_a_cue(text: str, earlier: list[Cue], content: tuple[int, int, float]) -> bool:
    """Whether a short content ends with an earlier cue (and a time word or two): the
    subject and verb of that cue (``a government official here said Friday``)."""
    start, end = content[0], content[1]
    return end - start <= 80 and any(
        start <= cue.start < end and word_count(text[cue.end : end]) <= 2 for cue in earlier
    )


def _start_of(cues: list[Cue], index: int, default: int) -> int:
    return cues[index].start if index < len(cues) else default


@dataclass
class Found:
    start: int
    end: int
    kind: QuoteKind
    source: Source
    cue: str | None
    confidence: float


class DocumentExtractor:
    """Extracts the quotes of one text; create one per document."""

    def __init__(self, text: str) -> None:
        passages = find_passages(text)
        programmes = [
            passage
            for passage in passages
            if names_a_programme(
                text[passage.start : passage.end],
                text[max(0, passage.open_at - 80) : passage.open_at],
            )
        ]
        if programmes:
            # "NBC’s “Meet the Press,” said …": a programme's name, read as if its quotation
            # marks were not there (spaces keep every offset)
            chars = list(text)
            for passage in programmes:
                chars[passage.open_at] = " "
                if passage.close_at > passage.end:
                    chars[passage.close_at - 1] = " "
            text = "".join(chars)
            passages = [passage for passage in passages if passage not in programmes]
        self.text = text
        self.names = NameIndex.build(text)
        self.resolver = SpeakerResolver(self.names, text)
        self.passages = passages
        self.found: list[Found] = []
        self.speaker_outlets: dict[str, str] = {}
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\n+", text)]
        self._last_event: tuple[int, Source] | None = None
        self._cue_forms = find_cue_forms(text)
        self._cue_starts = [start for start, _, _ in self._cue_forms]

    def paragraph_of(self, offset: int) -> int:
        return bisect_left(self._paragraph_starts, offset + 1) - 1

    # ------------------------------------------------------------------ main loop
    def run(self) -> list[Found]:
        units = build_units(self.text, self.passages)
        self._units = units
        self._unit_number = {unit.start: number for number, unit in enumerate(units)}
        self.syntax = SyntaxLayer(self.text, [span for span in self._cue_spans(units)])
        for unit in units:
            self._unit(unit)
        self._name_delayed()
        self._reprinted_outlet()
        self._quoted_in_outlet()
        self.found = relay_to_speaker(self.found, self.text)
        return self.found

    def _outer_report(
        self, unit: Unit, cue: Cue, content: tuple | None, source: Source
    ) -> tuple | None:
        """``Xi stressed the need for …, according to the White House.``: a nested report with
        no quotation is one quote of the outer source over the inner report (NOTES-a, a_13), so
        the inner cue's indirect quote gives way; a fronted adverbial (``On Taiwan, …,``) before
        the inner report's subject stays out. ``None`` when the inner quote holds a quotation:
        then it stays, and an outlet named as the outer source is the outlet it came through."""
        inner = self._found_in(unit.start, cue.start)
        if not inner:
            return content
        through_outlet = (
            source.outlet is not None
            and source.speaker == source.outlet
            and all(self._speaker_speaks(self.found[number]) for number in inner)
        )
        if (
            content is None
            or through_outlet
            or any(self.found[number].kind is not QuoteKind.INDIRECT for number in inner)
        ):
            # "Kim said …, according to state media" (RULES: the outlet reports someone
            # else's words): Kim's quote, through the outlet
            for number in inner:
                found = self.found[number]
                if source.outlet and found.source.speaker and not found.source.outlet:
                    self.found[number] = replace(
                        found, source=replace(found.source, outlet=source.outlet)
                    )
            return None
        first = self.found[inner[0]]
        start = content[0]
        cue_at = self.text.rfind(first.cue or "\0", unit.start, first.start) if first.cue else -1
        if cue_at > unit.start and _FRONTED.match(self.text, unit.start):
            subject = subject_before(self.text, unit.start, cue_at).phrase
            at = self.text.rfind(subject, unit.start, cue_at) if subject else -1
            if at > unit.start and self.text[unit.start : at].rstrip().endswith(","):
                start = at
        for number in reversed(inner):
            del self.found[number]
        return (start, content[1], content[2])

    def _participle_insertion(self, unit: Unit, cue: Cue, following: list[Cue]) -> bool:
        """True when the unit's first cue is an ``-ing`` form opening a comma-delimited insertion
        between the subject and the next cue (``The minister, commenting on the drills, said …``,
        ``X, referring to Y, told …``): it reports nothing there, and the next cue's subject is
        the one before it."""
        if not following or not cue.form.split()[0].lower().endswith("ing"):
            return False
        text = self.text
        if not re.search(r"\w\s*,\s*$", text[max(unit.start, cue.start - 4) : cue.start]):
            return False
        between = text[cue.end : following[0].start]
        return (
            len(between) <= 150
            and _INSERTION_CLOSE.fullmatch(between) is not None
            and following[0].form.split()[0].lower().endswith(("ed", "d", "s", "ld"))
        )

    def _found_in(self, start: int, end: int) -> list[int]:
        """Indices of the quotes found so far that lie in ``[start, end)``, from the tail of
        ``self.found`` only: units are read in text order, so a unit's quotes come last (a scan
        of every quote per cue would grow with the square of a long document's quotes)."""
        numbers = []
        for number in range(len(self.found) - 1, -1, -1):
            found = self.found[number]
            if found.start < start:
                break
            if found.end <= end:
                numbers.append(number)
        numbers.reverse()
        return numbers

    @staticmethod
    def _speaker_speaks(found: Found) -> bool:
        """True when a quote has a named speaker and a cue of speech (``said``, ``stressed``,
        ``dismissed the idea of``), not of an act an outlet reports (``proposed``, ``agreed``)."""
        if not found.source.speaker or not found.cue:
            return False
        words = found.cue.lower().split()[:4]
        return bool(_DISMISSAL.match(found.cue)) or any(
            lemma_of(word) in _SPEECH_LEMMAS for word in words
        )

    def _paragraph_lead(self, unit: Unit, start: int) -> int:
        """Where the content of a sentence-final cue starts when it opens its sentence: earlier
        sentences of the same paragraph with no cue, no quotation and no quote of their own are
        the same speaker's words (``A. B. C, Sun said.`` governs the paragraph; NOTES-b)."""
        if self.text[unit.start : start].strip() or unit.passages:
            return start  # "«…», he said.": the quotation is the content
        number = self._unit_number.get(unit.start)
        if number is None:
            return start
        paragraph = self.paragraph_of(unit.start)
        lead = start
        for earlier in reversed(self._units[max(0, number - MAX_LEAD_SENTENCES) : number]):
            if self.paragraph_of(earlier.start) != paragraph or earlier.passages:
                break
            first = bisect_left(self._cue_starts, earlier.start)
            if first < len(self._cue_starts) and self._cue_starts[first] < earlier.end:
                break
            if re.search(r"[:?;]\s*$", self.text[earlier.start : earlier.end]):
                break
            if any(found.end > earlier.start for found in self.found[-3:]):
                break
            lead = earlier.start
        return lead

    def _reprinted_outlet(self) -> None:
        """``Here is a shortened version of the report by Xinhua``: the article reprints an
        outlet's report, so the quotes after that sentence come through that outlet."""
        match = _REPRINT.search(self.text)
        if match is None:
            return
        outlet = canonical_outlet(re.split(r"[.,;:]\s", match.group(1))[0].rstrip("."))
        if not (looks_like_outlet(outlet) or self.names.kind_of_name(outlet) is EntityKind.OUTLET):
            return
        for number, found in enumerate(self.found):
            if found.start > match.end() and found.source.speaker and not found.source.outlet:
                self.found[number] = replace(found, source=replace(found.source, outlet=outlet))

    def _name_delayed(self) -> None:
        """A lede's unnamed source named in the next sentences (``cataphora.py``): its quotes
        get the name (and the outlet, when the name is an outlet's)."""
        renamed: dict[str, Source | None] = {}
        inherited: dict[str, tuple[int, str]] = {}
        for number, found in enumerate(self.found):
            speaker = found.source.speaker
            if not speaker or " and " in speaker or not _HEAD_WORD.search(speaker):
                continue  # a name, not a description ("American expert", "newspaper in Japan")
            if speaker in self.names.fullest:
                continue
            if speaker not in renamed:
                renamed[speaker] = None
                mention = indefinite_mention(self.text, speaker, found.end + 300)
                name = delayed_name(self.text, speaker, mention) if mention is not None else None
                if name is None and mention is None:
                    name = self._lede_person_named_later(found, speaker, number)
                if name is not None:
                    outlet = self._as_outlet(name)
                    if outlet is not None:
                        renamed[speaker] = Source(outlet, outlet=outlet)
                    else:
                        full = self.names.full_name(name)
                        renamed[speaker] = Source(
                            full, found.source.role or speaker, is_person=True
                        )
            source = renamed[speaker]
            if source is None:
                continue
            outlet = found.source.outlet
            if source.outlet is not None and (outlet is None or outlet == speaker):
                outlet = source.outlet
            elif outlet == speaker:
                outlet = None
            self.found[number] = replace(
                found, source=Source(source.speaker, source.role, outlet, source.is_person)
            )
            if outlet and source.speaker and outlet != source.speaker:
                inherited.setdefault(source.speaker, (number, outlet))
        named_outlets: dict[str, str | None] = {}
        for number, found in enumerate(self.found):
            # "The ministry confirmed …, a US broadcaster reported." then "… Voice of America":
            # the quote of another speaker came through the outlet named later
            outlet = found.source.outlet
            if not outlet or outlet == found.source.speaker or not is_generic_outlet(outlet):
                continue
            if outlet not in named_outlets:
                named_outlets[outlet] = None
                mention = indefinite_mention(self.text, outlet, found.end + 300)
                name = delayed_name(self.text, outlet, mention) if mention is not None else None
                if name is not None:
                    named_outlets[outlet] = self._as_outlet(name)
            if named_outlets[outlet] is not None:
                self.found[number] = replace(
                    found, source=replace(found.source, outlet=named_outlets[outlet])
                )
        for number, found in enumerate(self.found):
            # "…, its top China policy maker told Reuters" named Chiu: Chiu's later words in the
            # article came through the same interview (as for a speaker named at once)
            speaker = found.source.speaker
            if speaker in inherited and not found.source.outlet and number > inherited[speaker][0]:
                outlet = inherited[speaker][1]
                self.found[number] = replace(found, source=replace(found.source, outlet=outlet))

    def _as_outlet(self, name: str) -> str | None:
        """The canonical outlet ``name`` names (by its shape or the name index), else ``None``."""
        outlet = canonical_outlet(name)
        if looks_like_outlet(outlet) or self.names.kind_of_name(outlet) is EntityKind.OUTLET:
            return outlet
        return None

    def _lede_person_named_later(self, found: Found, description: str, number: int) -> str | None:
        """``…, its top China policy maker told Reuters`` / ``The North Korean leader on Monday
        warned …`` in the first paragraph, then ``Mainland Affairs Council minister Chiu
        Chui-cheng said …`` / ``Kim Jong Un, clad in …, showed …``: a definite description of one
        person in the lede is the first person named in the next paragraphs who speaks later."""
        first_break = self.text.find("\n\n", 0, LEDE_REACH)
        lede_end = first_break if first_break != -1 else min(len(self.text), LEDE_REACH)
        if found.start >= lede_end or not _PERSON_HEAD.search(description):
            return None
        definite = _POSSESSED.match(description) or re.search(
            rf"(?:\b(?i:the|its|his|her|their)|[’']s)\s+{re.escape(description)}\b",
            self.text[:lede_end],
        )
        if not definite:
            return None
        limit = min(len(self.text), lede_end + LEDE_REACH * LEDE_NAME_PARAGRAPHS)
        reach = lede_end
        for _ in range(LEDE_NAME_PARAGRAPHS):
            following = self.text.find("\n\n", reach + 2, limit)
            reach = following if following != -1 else limit
        later_speakers = {
            other.source.speaker
            for other in self.found[number + 1 :]
            if other.source.speaker and other.source.is_person
        }
        head = description.split()[-1].lower()
        for mention in self.names.mentions_between(lede_end, reach + 1):
            if mention.kind is not EntityKind.PERSON:
                continue
            office = mention.role.split()[-1].lower() if mention.role else ""
            if head in _OFFICES and office in _OFFICES and office != head:
                continue  # "China's finance minister" is not "US President Donald Trump"
            full = self.names.full_name(mention.name)
            if len(full.split()) >= 2 and full in later_speakers:
                return full
        return None

    def _cue_spans(self, units: list[Unit]) -> list[tuple[int, int]]:
        """The units worth parsing: those holding a cue form or a quotation."""
        spans = []
        for unit in units:
            first = bisect_left(self._cue_starts, unit.start)
            has_cue = first < len(self._cue_starts) and self._cue_starts[first] < unit.end
            if has_cue or unit.passages:
                spans.append((unit.start, unit.end))
        return spans

    def _parsed_subject(self, cue: Cue, regex_phrase: str) -> SyntacticSubject | None:
        """The parse's subject for a cue when it should replace the rules' phrase."""
        if SYNTAX_MODE == "off" or (SYNTAX_MODE == "suspicious" and not _suspicious(regex_phrase)):
            return None  # the document is parsed only when some cue needs it
        parsed = self.syntax.cue_subject(cue.start)
        if parsed is not None and parsed.phrase and self._in_dateline(parsed.phrase, cue.start):
            return None  # "TAIPEI (Taiwan News) — …": the parse took the dateline for a subject
        return parsed

    def _possessor_only(self, phrase: str, start: int, end: int) -> bool:
        """Whether ``phrase`` occurs before ``end`` only as (the start of) a possessor: ``Kim
        Jong`` in ``Kim Jong Un’s sister Kim Yo Jong`` is no subject."""
        at = self.text.find(phrase, start, end)
        if at == -1:
            return False
        return _POSSESSOR_REST.match(self.text, at + len(phrase), end) is not None

    def _in_dateline(self, phrase: str, before: int) -> bool:
        """Whether the last ``phrase`` before ``before`` is a wire dateline's place."""
        at = self.text.rfind(phrase, max(0, before - 400), before)
        return at >= 0 and DATELINE.match(self.text, at, at + 80) is not None

    def _unit(self, unit: Unit) -> None:
        text = self.text
        cues = find_cues(self.text, unit, self._cue_forms, self._cue_starts)
        cues = [cue for cue in cues if not is_adjectival(text, unit, cue)]  # "its reported plan"
        cues = [
            cue
            for number, cue in enumerate(cues)
            if not is_object_noun_cue(text, unit, cue, cues[number - 1] if number else None)
        ]  # "called Lee’s remarks “…”": the remarks are what "called" reports
        cues = [cue for cue in cues if not _under_modal(text, unit, cue)]
        cues = [
            cue for cue in cues if not _THINK_TANK.match(text, cue.end, cue.end + 8)
        ]  # "a Chinese military think tank has highlighted …": a noun
        cues = [
            cue
            for number, cue in enumerate(cues)
            if not (
                number and _AS_CITED_BY.search(text, max(unit.start, cue.start - 4), cue.end + 4)
            )
        ]  # "“…,” the command said, as cited by Yonhap": the outlet of the cue before
        cues = [
            cue
            for cue in cues
            if not (
                cue.form.lower() in {"asked", "pressed", "questioned"}
                and _ASKED_PARTICIPLE.search(text, max(unit.start, cue.start - 24), cue.end + 12)
            )
        ]  # "Trump, asked whether he trusted Xi, said": a question put to the speaker
        cues = [
            cue
            for number, cue in enumerate(cues)
            if number or not self._participle_insertion(unit, cue, cues[1:2])
        ]  # "The minister, commenting on the drills, said …": the minister says it
        more = extra_cues(self.text, unit, cues)  # nominal and multi-word cues (``shapes.py``)
        if more:
            spans = [(cue.start, cue.end) for cue in more]
            cues = [c for c in cues if not any(s < c.end and c.start < e for s, e in spans)]
            cues = sorted(cues + more, key=lambda cue: (cue.start, cue.lemma != "noun"))
        cue_starts = [cue.start for cue in cues]
        attributed: dict[int, tuple[Source, str | None, float]] = {}
        absorbed: set[int] = set()
        unit_outlet = self._unit_outlet(unit)
        lower = unit.start
        covered_until = unit.start
        previous_source: Source | None = None
        frame_outlet: str | None = None
        content_ended_at = -1
        final = final_cue_content(text, unit, cues)
        through: str | None = None  # the outlet a framing sentence-final cue names
        framing: Cue | None = None
        if final is not None:
            framing = cues[final[0]]
            through = self._reports_through(final[1][1], framing)
            if through is not None and any(
                self._speech_inside(cue) for cue in cues[: final[0]] if cue.start >= final[1][0]
            ):
                final = None  # "Wang criticized …, saying …, news reports said": Wang speaks
            else:
                through = None
        for number, cue in enumerate(cues):
            if cue.start < covered_until:
                continue  # inside a reported clause already emitted
            if (
                final is not None
                and number < final[0]
                and final[1][0] <= cue.start < final[1][1]
                and not self._speech_between(unit, cue.end, final[1][1])
            ):
                continue  # a cue inside the words of the sentence-final cue's speaker
            horizon = bisect_left(cue_starts, cue.end + MAX_CLAUSE, number + 1)
            later = [other for other in cues[number + 1 : horizon] if other.start >= cue.end]
            # the next cue, even beyond the horizon: a cue's scope ends there, so the scopes
            # of a unit's cues never overlap and each quotation is looked at once
            next_start = later[0].start if later else _start_of(cues, horizon, unit.end)
            if cue.lemma == "according_to":
                phrase, content = according_parts(text, unit, cue, later)
                source = self._listed_sources(phrase, cue.start)
                source = self._inserted_according(unit, cue, phrase, source)
                source = self._named_outlet_after(cue, phrase, source)
                if (
                    content is not None
                    and source.outlet
                    and re.match(
                        rf"\s*(?:the\s+)?{re.escape(source.outlet)}\b",
                        text[content[0] : content[1]],
                    )
                ):
                    content = None  # "according to Beijing’s mouthpiece, the Global Times in …"
                if according_closes(text, unit, cue):
                    content = self._outer_report(unit, cue, content, source)
                    if source.outlet and source.speaker == source.outlet:
                        # "“…,” the leader said, according to KCNA": the quotation came through
                        # the outlet (its speaker stays the leader)
                        for opened, (earlier, cued, confidence) in list(attributed.items()):
                            if opened < cue.start and earlier.speaker and not earlier.outlet:
                                attributed[opened] = (
                                    replace(earlier, outlet=source.outlet),
                                    cued,
                                    confidence,
                                )
            else:
                if cue.lemma not in ("opinion", "noun"):
                    subject = subject_before(text, lower, cue.start)
                    repeating = _REPEATED_BEFORE.search(
                        text, max(unit.start, cue.start - 30), cue.start
                    )
                    if repeating and not subject.phrase and number and cues[number - 1].subject:
                        # "Taiwan's president has reiterated calls for …": the calls are those
                        # of the subject of "reiterated"
                        subject = Subject(cues[number - 1].subject)
                    named_role = _NAME_COMMA_ROLE.search(
                        text, max(lower, cue.start - 300), cue.start
                    )
                    if named_role and not subject.coordinated:
                        # "Sun Jianguo, the head of the PLA’s delegation to the Shangri-La
                        # Dialogue in Singapore said": the closing comma left out
                        subject = Subject(
                            named_role.group(1),
                            role=strip_article(named_role.group(2).strip()),
                        )
                    if _ENDS_IN_DETERMINER.search(subject.phrase) and text[
                        cue.end : cue.end + 1
                    ] in {",", ".", ";"}:
                        continue  # "Chiu rejected the claim, …": a noun after its determiner
                    if re.search(r"\w[’']s$", subject.phrase):
                        # "rejects Beijing’s claims and says", "Trump's call for Takaichi to …
                        # was first reported": a noun after a possessive
                        continue
                    if cue.form.lower() in _NOUN_LIKE_FORMS and self._parsed_as_object_noun(cue):
                        continue  # "Lai rejects China’s sovereignty claims, saying …"
                    cue.subject, cue.coordinated = subject.phrase, subject.coordinated
                    cue.subordinate = subject.subordinate
                    cue.role = subject.role
                    parsed = self._parsed_subject(cue, subject.phrase)
                    if (
                        parsed is not None
                        and subject.phrase.startswith(parsed.phrase + " ")
                        and names_document_author(subject.phrase)
                    ):
                        parsed = None  # "The statement, attributed to X, said": X wrote it
                    if parsed is not None and parsed.phrase and subject.phrase:
                        insert = _INSERT_BEFORE_CUE.search(
                            text, max(unit.start, cue.start - 200), cue.start
                        )
                        if (
                            insert
                            and parsed.phrase in insert.group()
                            and subject.phrase not in insert.group()
                        ):
                            # "Trump, asked whether he trusted Xi, said": the parse took a
                            # name inside the insertion; the rules' subject stands before it
                            parsed = None
                    if cue.form.split()[0].lower().endswith("ing") and (
                        text[max(unit.start, cue.start - 4) : cue.start]
                        .rstrip(' ”’"»')
                        .endswith(",")
                        or _GERUND_LEAD.search(text, max(unit.start, cue.start - 14), cue.start)
                    ):
                        cue.subject = ""  # a participle clause: its subject is the sentence's
                        parsed = None
                    if (
                        parsed is not None
                        and parsed.phrase
                        and subject.phrase.startswith(parsed.phrase + " ")
                        and split_role(subject.phrase)[1] is not None
                    ):
                        # "Ambassador to Norland Ivo Berg said": the parse took the title's
                        # head for the subject; the rules' phrase holds the titled name
                        parsed = None
                    if parsed is not None and not (subject.coordinated and not subject.phrase):
                        cue.subject = parsed.phrase
                        cue.role = parsed.role or (subject.role if parsed.phrase else None)
                    if (
                        cue.subject
                        and is_passive(text, lower, cue.start)
                        and re.match(r"\s+to\s+[a-z]", text[cue.end : cue.end + 12])
                    ):
                        # "The missile is said to have a range of …": hearsay about the
                        # subject, no one's words
                        continue
                    cue.passive = not cue.subject and is_passive(text, lower, cue.start)
                    if cue.subject.lower() in ("it", "and it", "there") and not (
                        cue.subject.lower() != "there"
                        and not is_passive(text, lower, cue.start)
                        and self.resolver.resolve("it", cue.start).speaker
                    ):
                        cue.subject, cue.passive = "", True  # "it is claimed that"
                    if content_ended_at == cue.start and previous_source is not None:
                        cue.coordinated, cue.subject = True, ""  # "…, and noted that"
                source = self._source_of(cue, previous_source, unit)
                content = reported_content(self.text, unit, cue, later)
                if content is not None and cue.lemma == "noun":
                    content = (
                        content[0],
                        self._subject_clause_end(unit, cue, *content[:2]),
                        content[2],
                    )
                fronted = fronted_adverbial_end(text, unit, cue)
                if content is not None and fronted is not None and content[0] < fronted:
                    content = (content[0], min(content[1], fronted), content[2])  # "While … ,"
                if fronted is not None and not source.speaker:
                    # "While admitting that …, Choi added …": the main clause's subject speaks
                    subject_phrase = fronted_participle_subject(text, unit, cue, fronted)
                    if subject_phrase:
                        source = self.resolver.resolve(subject_phrase, fronted + 1)
                if content is not None:
                    cut = as_source_end(text, unit, content[0], content[1], later)
                    content = (content[0], cut, content[2])  # "… as the IAEA has said …"
                if content is None:
                    content = extra_content(
                        self.text, unit, cue, later, lambda at: self._tag_at(unit, at)
                    )
                    if content is not None and not source.speaker:
                        content = None  # a new shape needs a plausible source
                if content is None and may_take_parsed_clause(text, unit, cue):
                    content = self._parsed_clause(unit, cue, later)
                if (
                    content is None
                    and cue.lemma in INVERTED_CUES
                    # "“…,” emphasizing the importance of …": a participle's words follow it
                    and not cue.form.split()[0].lower().endswith("ing")
                ):
                    content = inverted_content(self.text, unit, cue, max(lower, covered_until))
                    if content is not None and _only_a_cue(text, cues[:number], content):
                        # "“…,” a government official said Friday, Yonhap reports": the words
                        # before are the last cue's subject and verb, no content of this one
                        content = None
                    if content is not None:
                        content = (self._paragraph_lead(unit, content[0]), *content[1:])
                    if content is not None and (
                        not source.speaker or not text[content[1] + 1 : cue.start].strip()
                    ):
                        after = self._subject_after(cue)  # "…, said Jane Park, director of …"
                        # after "told" comes the addressee ("…, Kim, who heads X, told The
                        # Korea Times"), never the subject
                        if cue.lemma != "tell" and not (
                            cue.role and cue.subject and source.speaker
                        ):
                            source = after  # else "“…,” Jane Park, director of …, said"
                        role = _ROLE_AFTER.match(text, cue.end, unit.end)
                        if source.speaker and role:
                            source = Source(
                                source.speaker,
                                source.role or role.group(1),
                                source.outlet,
                                source.is_person,
                            )
                    if content is not None:
                        source = self._name_before_role(content[1], cue, source)
                    if content is None:
                        content = inserted_content(text, unit, cue, max(lower, covered_until))
            if content is None and cue.lemma not in ("according_to", "opinion", "noun"):
                content = quoted_clause_content(text, unit, cue, later, next_start)
            if content is None and self._frames_previous(unit, cue, source, content_ended_at):
                continue  # "Yun told Wang that …, Yonhap said.": Yonhap is the outlet
            source = self._quoting(cue, source, unit)
            if content is not None and source.speaker and cue.lemma != "according_to":
                inserted = _ACCORDING_INSERT.search(text, cue.end, content[0])
                if inserted:
                    # "Xi said, according to CCTV, that …": Xi speaks, through CCTV
                    named = self._listed_sources(inserted.group(1), inserted.start(1))
                    if named.outlet and named.outlet != source.speaker:
                        source = replace(source, outlet=named.outlet)
            if source.speaker and not source.outlet and cue.lemma != "according_to":
                limit = min(next_start, unit.end)
                # "…, a step Trump rejected in an interview with NBC": NBC is not this cue's
                limit = clause_gloss_start(text, cue.end, limit) or limit
                venue = venue_outlet(text, cue.end, limit) or self._the_interview_outlet(cue)
                if venue and venue != source.speaker:  # "said on Fox News", "told the BBC"
                    source = Source(source.speaker, source.role, venue, source.is_person)
            if content is not None and any(
                other.lemma == "noun" and other.start < content[0] for other in later
            ):
                continue  # "recall Pompeo’s statements that …": the noun cue names the source
            if cue is framing:
                through = None  # the framing cue itself
            if (
                source.speaker
                and not (source.outlet or frame_outlet or through or unit_outlet)
                and _OTHER_OCCASION.search(
                    text, max(unit.start, cue.start - 300), min(unit.end, cue.end + 120)
                )
            ):
                # "Separately, at a news conference on Wednesday, Lin said …": another occasion
                # than the interview an outlet carried, so its outlet is not inherited
                self.speaker_outlets.pop(source.speaker, None)
            source = self._with_outlet(source, unit_outlet, frame_outlet or through)
            frame_outlet = None
            cue_text = cue.form if cue.lemma != "tell" else self._told_phrase(cue)
            # a frame: "The Herald reported that Wang said that ...": Wang speaks, via the Herald
            if content is not None and later:
                following = later[0]
                gap = text[content[0] : following.start]
                window = reach(unit, following.end)
                own_content = THAT_AFTER.match(text, following.end, window) or TO_QUOTE.match(
                    text, following.end, window
                )
                if (
                    following.lemma not in ("according_to", "noun")
                    and 0 < word_count(gap) <= 5
                    and "," not in gap
                    and not re.search(r"\band(?:\s+also)?\s*$", gap)
                    and not _MODAL.search(gap)  # "said he cannot reveal the evidence that …"
                    and not is_passive_cue(text, unit, following)  # "said it was not confirmed"
                    and own_content
                ):
                    frame_outlet = source.outlet
                    self._event(cue.start, source)
                    lower = content[0]
                    previous_source = source
                    continue
            if content is not None:
                self._emit_content(unit, content, source, cue_text, attributed, absorbed)
                covered_until = content_ended_at = content[1]
            scope_start = content[1] if content else max(cue.end, cue.object_end)
            self._attribute_scope(
                unit, cue, source, cue_text, scope_start, next_start, attributed, absorbed
            )
            self._question_before(unit, cue, source, cue_text)
            self._event(cue.start, source)
            if cue.lemma != "noun":
                # "Guo dismissed the claim by X that …, saying …": a noun cue's source is the
                # object's, not the clause's, so a later participle is not theirs
                previous_source = source
            if content is not None:
                lower = content[1]
            elif not (later and self._inside_relative_before(unit, cue, later[0])):
                lower = cue.end
        self._leftover_passages(unit, attributed, absorbed, unit_outlet)

    def _inside_relative_before(self, unit: Unit, cue: Cue, following: Cue) -> bool:
        """Whether ``cue`` is inside a relative clause set off before ``following`` (``Taiwan,
        which China claims as its own, said``): the subject of ``following`` stands before it."""
        relative = _RELATIVE_BEFORE.search(
            self.text, max(unit.start, following.start - 220), following.start
        )
        return relative is not None and relative.start() < cue.start

    def _parsed_as_object_noun(self, cue: Cue) -> bool:
        """Whether the parse makes a one-word cue ending in -s a noun in an object's place
        (``rejects China’s sovereignty claims``), not the verb it may also be."""
        if " " in cue.form or SYNTAX_MODE == "off":
            return False
        sentence = self.syntax.sentence_at(cue.start)
        token = sentence.token_at(cue.start) if sentence is not None else None
        return (
            token is not None
            and token.pos == "NOUN"
            and token.dep in {"obj", "obl", "nmod", "iobj"}
        )

    def _clause_sentence(self, unit: Unit):  # type: ignore[no-untyped-def]
        """The parse of one unit for a clause question, made when first asked (and shared with
        the subject questions about the same unit)."""
        return self.syntax.parse(unit.start, unit.end)

    def _tag_at(self, unit: Unit, offset: int) -> str | None:
        """The parse's Penn tag of the word at ``offset`` (``None`` without a parse)."""
        sentence = self._clause_sentence(unit)
        token = sentence.token_at(offset) if sentence is not None else None
        return token.tag if token is not None else None

    def _subject_clause_end(self, unit: Unit, cue: Cue, start: int, end: int) -> int:
        """``Kim’s warning that the talks could collapse rattled markets``: when the noun cue
        opens the sentence and the parse makes it the subject of a verb after its clause, the
        content ends with that clause (the verb is the writer's); else ``end``."""
        if word_count(self.text[unit.start : cue.start]) > 3:
            return end
        sentence = self._clause_sentence(unit)
        first = sentence.token_at(start) if sentence is not None else None
        if first is None:
            return end
        clause = first
        for _ in range(6):  # up from the clause's first word to the verb the noun governs
            governor = sentence.head_of(clause)
            if clause.is_root or governor.start >= start:
                clause = governor
                if clause.is_root:
                    return end
                continue
            break
        noun = sentence.head_of(clause)
        if clause.dep not in {"acl", "ccomp", "appos"} or not noun.dep.startswith("nsubj"):
            return end
        verb = sentence.head_of(noun)
        clause_end = max(token.end for token in sentence.subtree(clause))
        if not start < clause_end < verb.start < end or verb.pos not in {"VERB", "AUX"}:
            return end
        return clause_end

    def _parsed_clause(self, unit: Unit, cue: Cue, later: list[Cue]) -> tuple | None:
        """The clause the parse says the cue governs, ended by the rules (``clauses.py``)."""
        sentence = self._clause_sentence(unit)
        if sentence is None:
            return None
        start = complement_start(sentence, cue.start, max(cue.end, cue.object_end))
        if start is None:
            return None
        if cue.subject and cue.lemma != "tell":
            # "The official said Xi first raised …": the parse took the name for the cue's
            # object; with a subject before the cue it is the clause's own subject
            name = _NAME_BEFORE_CLAUSE.fullmatch(self.text, cue.end, start)
            if name:
                start = name.start(1)
        return clause_from(self.text, unit, cue, later, start)

    def _reports_through(self, content_end: int, cue: Cue) -> str | None:
        """When a sentence-final cue's subject is an outlet or a document (``news reports
        said``, ``state media KCNA said``, ``the statement added``) it may frame the words of the
        speakers inside the sentence instead of speaking them: the outlet (``""`` for a
        document), else ``None``."""
        before = self.text[content_end : cue.start].strip(" ,")
        phrase = before or self.text[cue.end : min(len(self.text), cue.end + 60)]
        phrase = re.split(r"[,.;(]", phrase)[0].strip()
        outlet = canonical_outlet(phrase)
        if looks_like_outlet(outlet):
            return outlet
        if _FRAME_SUBJECT.search(phrase):
            if _DOCUMENT_SUBJECT.search(phrase):
                return ""
            # "state media KCNA said": the outlet is the name the description ends in
            named = re.search(r"\b([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)$", phrase)
            if named and looks_like_outlet(canonical_outlet(named.group(1))):
                return canonical_outlet(named.group(1))
            if not named:
                # "…, the agency said": the outlet the description stands for, named before
                described = self.resolver.resolve(phrase, cue.start)
                if described.outlet:
                    return described.outlet
            return outlet
        return None

    def _passive_before(self, cue: Cue) -> bool:
        return (
            re.search(r"\b(?:is|are|was|were|be|been|being)\s+$", self.text[: cue.start][-12:])
            is not None
        )

    def _speech_inside(self, cue: Cue) -> bool:
        """A cue inside a framed sentence that reports speech in its own right (``saying``,
        ``urged``), not a proposal or belief the outlet reports (``proposed``, ``were thought``)."""
        if cue.lemma in JUDGEMENT_LEMMAS and not self._passive_before(cue):
            # "North Korea blamed the drills for the tensions, KCNA said": a judgement with its
            # reason is the speaker's speech act, the outlet only reports it
            reasons = "|".join(JUDGEMENT_LEMMAS[cue.lemma])
            window = self.text[cue.end : cue.end + 200]
            return re.search(rf"\s(?:{reasons})\s", window.split(".")[0]) is not None
        if cue.lemma in OBJECT_VERBS or cue.lemma in ("according_to", "opinion", "noun"):
            return False
        # "a coterie … that could threaten peace": a modal verb's cue is no speech act
        return not re.search(
            r"\b(?:is|are|was|were|be|been|being|could|would|may|might|can|will|should|must|to)"
            r"(?:\s+(?:not|also|further|again|[a-z]+ly))?\s+$",
            self.text[max(0, cue.start - 16) : cue.start],
        )

    def _with_outlet(self, source: Source, unit_outlet: str | None, frame: str | None) -> Source:
        outlet = source.outlet or frame or unit_outlet
        if outlet is None and source.speaker:
            outlet = self.speaker_outlets.get(source.speaker)
        if source.speaker and unit_outlet and source.speaker != unit_outlet:
            self.speaker_outlets[source.speaker] = unit_outlet
        elif source.speaker and outlet and source.speaker != outlet:
            self.speaker_outlets.setdefault(source.speaker, outlet)
        return Source(source.speaker, source.role, outlet, source.is_person)

    def _named_outlet_after(self, cue: Cue, phrase: str, source: Source) -> Source:
        """``according to the North’s state news agency, KCNA``: the name set off after an
        outlet description is the outlet."""
        described = " of " not in phrase and re.search(
            r"\b(?:agency|newspaper|daily|broadcaster|tabloid|outlet|television|mouthpiece)$",
            phrase,
        )
        if not phrase or not (source.outlet or described):
            return source  # "according to Beijing’s mouthpiece, the Global Times": described
        end = self.text.find(phrase, cue.end, cue.end + len(phrase) + 4)
        if end == -1:
            return source
        named = _APPOSITIVE_NAME.match(self.text, end + len(phrase), end + len(phrase) + 60)
        if named is None:
            return source
        outlet = canonical_outlet(named.group(1))
        if not (looks_like_outlet(outlet) or outlet.lower() in GAZETTEER or described):
            return source
        if source.speaker == source.outlet or not source.outlet:
            return Source(outlet, outlet=outlet)
        return Source(source.speaker, source.role, outlet, source.is_person)

    def _inserted_according(self, unit: Unit, cue: Cue, phrase: str, source: Source) -> Source:
        """``Xi, according to China’s central broadcaster, offered …``: the subject before the
        inserted ``according to`` speaks, through the outlet it names."""
        if not source.outlet or not phrase:
            return source
        before = self.text[unit.start : cue.start]
        subject = _SUBJECT_BEFORE_INSERT.match(before)
        after = self.text[cue.end : cue.end + len(phrase) + 60].lstrip()[len(phrase) :]
        if subject is None or not re.match(r"\s*,\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b", after):
            return source
        speaker = self.resolver.resolve(subject.group(1), cue.start)
        if not speaker.speaker or speaker.speaker == source.outlet:
            return source
        return Source(speaker.speaker, speaker.role, source.outlet, speaker.is_person)

    def _frames_previous(self, unit: Unit, cue: Cue, source: Source, content_ended_at: int) -> bool:
        """A sentence-final ``…, Yonhap said`` / ``…, news reports said Monday`` right after
        reported content of another cue: the outlet passes the content on. Gives the unit's
        quotes that outlet (and their speakers, for their later quotes) and says so."""
        outlet = source.outlet
        if (
            content_ended_at < unit.start
            or not outlet
            or source.speaker != outlet
            or cue.lemma not in INVERTED_CUES
            or cue.start < content_ended_at
        ):
            return False
        between = self.text[content_ended_at : cue.start]
        if not re.match(r"[\s”’\"»]*,", between) or re.search(r"[.;:!?]", between):
            return False
        if word_count(between) > (12 if find_cue_forms(between) else 6):
            return False  # "…, a government official here said Friday, Yonhap reports"
        for number in self._found_in(unit.start, len(self.text) + 1):
            found = self.found[number]
            if found.source.speaker and not found.source.outlet:
                self.found[number] = replace(found, source=replace(found.source, outlet=outlet))
                self.speaker_outlets[found.source.speaker] = outlet
        self.resolver.remember_outlet(outlet, cue.start)
        return True

    def _quoting(self, cue: Cue, source: Source, unit: Unit) -> Source:
        """``…, Kyodo said, quoting sources close to …``: the sources speak through Kyodo."""
        if not source.outlet or source.speaker != source.outlet:
            return source
        match = _QUOTING.match(self.text, cue.end, unit.end) or _QUOTING_BEFORE.search(
            self.text, max(unit.start, cue.start - 160), cue.start
        )
        if match is None:
            return source
        quoted = self.resolver.resolve(match.group(1), match.start(1))
        if not quoted.speaker or quoted.speaker == source.outlet:
            return source
        return Source(quoted.speaker, quoted.role, source.outlet, quoted.is_person)

    def _attribute_scope(
        self,
        unit: Unit,
        cue: Cue,
        source: Source,
        cue_text: str,
        scope_start: int,
        next_start: int,
        attributed: dict,
        absorbed: set[int],
    ) -> None:
        """Quotations after the cue (before the next one), or right before it (“…,” he said)."""
        text = self.text
        nearby = unit.before(cue.start, 2) + unit.between(scope_start, next_start)
        for passage in nearby:
            if passage.open_at in attributed or passage.open_at in absorbed:
                continue
            if scope_start <= passage.open_at < next_start:
                lead = TO_QUOTE.match(text, scope_start, passage.open_at + 1)
                adjacent = lead is not None and lead.end() == passage.open_at
                if names_with_quotation(cue.lemma, text[scope_start : passage.open_at]):
                    # "called this “…”": the label is the words of the verb's subject (inherited
                    # from the turn when the subject is the coordinated verb's: "…, but described")
                    venue = None if source.outlet else venue_outlet(text, cue.end, next_start)
                    named = replace(source, outlet=venue) if venue else source
                    attributed[passage.open_at] = (named, cue_text, 0.85)
                elif (not adjacent or cue.lemma in STANCE_ONLY_VERBS) and word_count(
                    text[passage.start : passage.end]
                ) <= _scope_scare_words(cue):
                    attributed[passage.open_at] = (Source(None), None, 0.3)
                else:
                    attributed[passage.open_at] = (source, cue_text, 0.9 if adjacent else 0.8)
            elif passage.close_at <= cue.start and not cue.passive:
                between = text[passage.close_at : cue.start]
                after_marks = between.lstrip(' ,”’"»')
                subject_first = (
                    bool(cue.subject)
                    and word_count(between) <= 25
                    and after_marks.startswith(cue.subject)
                )
                appositive = (
                    # "“…,” Jane Park, director of the X Institute, said"
                    (subject_first and cue.role is not None)
                    # "“…,” the Global Times, published by the People’s Daily, wrote"
                    or (
                        subject_first
                        and _PUBLISHER_APPOSITIVE.match(after_marks, len(cue.subject)) is not None
                    )
                ) or (  # "“…,” a ministry spokesman, Li Wei, said"
                    bool(cue.subject)
                    and word_count(between) <= 16
                    and _DESCRIPTION_THEN_NAME.fullmatch(between) is not None
                    and between.rstrip(" ,").endswith(cue.subject)
                )
                if (word_count(between) > 4 and not appositive) or re.search(r"[.;:]", between):
                    continue
                if embedded_term(
                    text[max(unit.start, passage.open_at - 16) : passage.open_at],
                    word_count(text[passage.start : passage.end]),
                ):
                    continue  # "lodged a “strong protest” and demanded …": the writer's words
                inverted = source if source.speaker else self._subject_after(cue)
                if inverted.speaker and not inverted.outlet:
                    # "“…,” writes Jennifer Lind, …, in this Atlantic opinion piece", "“…,” X was
                    # cited as saying by Voice of America" ("as saying" is the same cue's)
                    limit = min(next_start, unit.end)
                    if re.match(r"\s+as\s+saying\b", text[cue.end : cue.end + 16]):
                        limit = unit.end
                    venue = venue_outlet(text, cue.end, limit)
                    if venue and venue != inverted.speaker:
                        inverted = replace(inverted, outlet=venue)
                attributed[passage.open_at] = (inverted, cue_text, 0.9)
                # earlier parts of the same sentence: "“…,” he said, “…”" / "“…” and “…,” she said"
                for earlier in unit.before(passage.open_at, 2):
                    if (
                        earlier.close_at <= passage.open_at
                        and earlier.open_at not in attributed
                        and word_count(text[earlier.close_at : passage.open_at]) <= 3
                    ):
                        attributed[earlier.open_at] = (inverted, cue_text, 0.85)

    # ------------------------------------------------------------------ pieces
    def _listed_sources(self, phrase: str, position: int) -> Source:
        """The source of ``according to A, B and C``: each listed source resolved, joined with
        ``and`` (gold rules); a phrase with no comma as the resolver reads it."""
        if "," not in phrase:
            return self.resolver.resolve(phrase, position)
        parts = [part for part in re.split(r",\s*(?:and\s+|or\s+)?", phrase) if part.strip()]
        sources = [self.resolver.resolve(part, position) for part in parts]
        if len(sources) < 2 or not all(source.speaker for source in sources):
            return self.resolver.resolve(phrase, position)
        return Source(" and ".join(source.speaker for source in sources if source.speaker))

    def _speech_between(self, unit: Unit, start: int, end: int) -> bool:
        """A quotation of someone's words between ``start`` and ``end``: not a term such as
        ``support “Taiwan independence,”`` or ``the “two-state theory”`` (a capitalised name of
        at most three words, or at most four words after a determiner)."""
        for passage in unit.between(start, end):
            quoted = self.text[passage.start : passage.end].strip().rstrip(",")
            words = word_count(quoted)
            before = self.text[max(0, passage.open_at - 12) : passage.open_at]
            named = words <= 3 and quoted[:1].isupper() and not re.search(r"[.!?;:]", quoted)
            if not (named or embedded_term(before, words)):
                return True
        return False

    def _name_before_role(self, content_end: int, cue: Cue, source: Source) -> Source:
        """``…, Ma Xiaoguang, spokesperson for the Taiwan Affairs Office said``: the name before
        an appositive role whose closing comma is missing speaks, in that role."""
        between = self.text[content_end : cue.start]
        if between.count(",") != 2:
            return source
        _, name, role = between.split(",")
        if not NAME_SEGMENT.match(name) or word_count(name) > 4 or not ROLE_BEFORE_CUE.match(role):
            return source
        named = self.resolver.resolve(name.strip(), content_end)
        if not named.speaker:
            return source
        return Source(named.speaker, role.strip(), source.outlet or named.outlet, True)

    def _told_phrase(self, cue: Cue) -> str:
        match = _TOLD_OBJECT.match(self.text, cue.end, cue.end + LOOKAHEAD)
        if match and word_count(match.group(1)) <= 4:
            return f"{cue.form} {match.group(1)}"
        after = self.text[cue.end : cue.end + 12]
        if after.startswith(" reporters"):
            return f"{cue.form} reporters"
        return cue.form

    def _unit_outlet(self, unit: Unit) -> str | None:
        # "…, a step Trump rejected in an interview with NBC": the gloss's subject's outlet
        gloss = clause_gloss_start(self.text, unit.start, unit.end)
        for match in _IN_SOURCE.finditer(self.text, unit.start, gloss or unit.end):
            name = match.group("name")
            # "speaking to the U.N. General Assembly", "speaking to the US conservative thinktank
            # Hudson Institute": one speaks to people and bodies too, so only a name shaped
            # like an outlet is one there ("writing in", "an interview with" say it already);
            # after lower-case words ("with the newly appointed Minister X") too
            if (match.group(0)[:8].lower() == "speaking" or match.group("epithet")) and not (
                looks_like_outlet(name)
                or outlet_noun_follows(self.text, match.end())
                or outlet_named(name) is not None  # "CNN's State of the Union": its owner
            ):
                continue
            # "in an interview with NBC’s Meet the Press": the programme's owner
            return outlet_named(name) or canonical_outlet(name)
        opening = _IN_THAT_DOCUMENT.match(self.text, unit.start, unit.end)
        if opening:
            # "RFA’s Chinese edition carried a report. In the report, Xi posits …": the outlet
            # whose report it is was named just before
            mention = self.names.last_before(unit.start, (EntityKind.OUTLET,))
            if mention is not None and unit.start - mention.end <= OUTLET_DOCUMENT_REACH:
                return mention.name
        return None

    def _source_of(self, cue: Cue, previous: Source | None, unit: Unit) -> Source:
        """The cue's source by the rules; when the rules' speaker is no noun phrase (a time
        word, a preposition's tail, a possessive, a piece of a quotation), the parse's subject
        of the cue verb instead, else no speaker rather than junk."""
        source = self._rules_source_of(cue, previous, unit)
        if source.speaker in ("report", "reports"):
            reporter = self._last_reporter(cue.start)
            if reporter is not None:  # "…, US news outlets reported. The reports stated that …"
                return reporter
        if not source.speaker or not not_a_speaker(source.speaker):
            return source
        if cue.coordinated and cue.subject:
            # "X, the minister of defence, spoke of a threat …, and said": the phrase before
            # the cue is the first verb's predicate; the subject is the one before that verb
            verb_at = self.text.rfind(cue.subject, unit.start, cue.start)
            if verb_at > unit.start:
                first = subject_before(self.text, unit.start, verb_at)
                if first.phrase and not first.coordinated and not not_a_speaker(first.phrase):
                    resolved = self.resolver.resolve(first.phrase, verb_at)
                    if resolved.speaker and not not_a_speaker(resolved.speaker):
                        if first.role and not resolved.role:
                            resolved = replace(resolved, role=first.role)
                        return resolved
        parsed = self.syntax.cue_subject(cue.start)
        if parsed is not None and parsed.phrase and not not_a_speaker(parsed.phrase):
            resolved = self.resolver.resolve(parsed.phrase, cue.start)
            if resolved.speaker and not not_a_speaker(resolved.speaker):
                return resolved
        return Source(None, outlet=source.outlet if source.outlet != source.speaker else None)

    def _rules_source_of(self, cue: Cue, previous: Source | None, unit: Unit) -> Source:
        text = self.text
        passive = _PASSIVE_QUOTED_AS.search(text, max(unit.start, cue.start - 40), cue.start)
        if passive:
            # "Xi was quoted as saying (by Xinhua)": the subject speaks, through the outlet
            subject = subject_before(text, unit.start, passive.start()).phrase
            speaker = self.resolver.resolve(subject, cue.start) if subject else Source(None)
            by = _BY_OUTLET.match(text, cue.end, min(unit.end, cue.end + 80))
            outlet = canonical_outlet(by.group(1).rstrip(".")) if by else None
            if outlet is not None and not looks_like_outlet(outlet):
                outlet = None
            if speaker.speaker:
                return Source(speaker.speaker, speaker.role, outlet, speaker.is_person)
        quoted = _QUOTED_AS.search(text, max(unit.start, cue.start - 200), cue.start)
        if quoted and not quoted.group(3) and cue.form not in ("saying", "telling"):
            quoted = None  # without "as" only "quoted X saying …"
        if quoted:
            # "the Yonhap news agency quoted Wang as telling …": Wang speaks, through Yonhap
            speaker_phrase, speaker_at = quoted.group(2), quoted.start(2)
            outlet_phrase = subject_before(text, unit.start, quoted.start(1)).phrase
            passive = _PASSIVE_BY.match(quoted.group(2))
            auxiliary = _AUXILIARY_BEFORE.search(
                text, max(unit.start, quoted.start(1) - 40), quoted.start(1)
            )
            if passive and auxiliary:
                # "Xi was quoted by state broadcaster CCTV as saying …": the subject speaks
                outlet_phrase = passive.group(1)
                speaker_phrase = subject_before(text, unit.start, auxiliary.start()).phrase
                speaker_at = unit.start
            speaker = self.resolver.resolve(speaker_phrase, speaker_at)
            if quoted.group(1) in ("quoting", "citing"):
                # "The Journal published a report quoting X as saying …", "Yonhap reported it,
                # citing X as saying …": the outlet named earlier in the sentence
                mention = self.names.last_before(quoted.start(), (EntityKind.OUTLET,))
                outlet = None
                if mention is not None and mention.start >= unit.start:
                    outlet = canonical_outlet(mention.name)
                return Source(speaker.speaker, speaker.role, outlet, speaker.is_person)
            # "The Journal report quoted …": the outlet, not its report
            outlet_phrase = _DOCUMENT_NOUN_END.sub("", outlet_phrase or "") or outlet_phrase
            quoting = self.resolver.resolve(outlet_phrase, quoted.start())
            outlet = quoting.outlet
            if outlet is None and quoting.speaker and looks_like_outlet(quoting.speaker):
                outlet = quoting.speaker  # "The Journal" after "the Wall Street Journal"
            if outlet is None and outlet_phrase:
                outlet = canonical_outlet(outlet_phrase)
            return Source(speaker.speaker, speaker.role, outlet, speaker.is_person)
        if cue.coordinated and not cue.subject:
            if previous is None:
                # "Japan’s Foreign Ministry lodged a protest and demanded …": no cue before in
                # the sentence, so the subject of the verb it is coordinated with (``conj``)
                parsed = self.syntax.cue_subject(cue.start)
                if parsed is not None and parsed.phrase and not not_a_speaker(parsed.phrase):
                    source = self.resolver.resolve(parsed.phrase, cue.start)
                    if source.speaker and not not_a_speaker(source.speaker):
                        return source
            return previous or self._last_source() or Source(None)
        if cue.lemma == "tell":
            match = _TOLD_OBJECT.match(text, cue.end, cue.end + LOOKAHEAD)
            outlet = outlet_named(match.group(1)) if match else None
            if outlet is not None:
                base = self.resolver.resolve(cue.subject, cue.start)
                return Source(base.speaker, base.role, outlet, base.is_person)
        if not cue.subject and cue.form.split()[0].lower().endswith("ing"):
            # a participle: "…, pledging to “…”", "“…,” pointing out that …"
            before = text[unit.start : cue.start].rstrip(' ”’"»')
            if (
                before.endswith(",")
                or _GERUND_LEAD.search(text, max(unit.start, cue.start - 14), cue.start)
                # "Kim Yo Jong issued a statement Saturday warning that …"
                or _ISSUED_THEN_PARTICIPLE.search(text, max(unit.start, cue.start - 80), cue.start)
            ):
                in_relative = _RELATIVE_BEFORE.search(
                    text, max(unit.start, cue.start - 300), cue.start
                )
                if previous is not None and previous.speaker and not in_relative:
                    return previous
                # the subject of the clause it hangs on (``participles.py``); after a relative
                # clause ("X has drawn a line with N, which has expressed …, saying"), the main
                # clause's, not the relative's
                # "TAIPEI (Taiwan News) — Council Chair Chiu …, arguing": after the dateline
                dateline = DATELINE.match(text, unit.start, min(unit.end, unit.start + 80))
                lead = dateline.end() if dateline else unit.start
                parsed = self.syntax.participle_subject(cue.start)
                if (
                    parsed is not None
                    and parsed.phrase
                    and not self._in_dateline(parsed.phrase, cue.start)
                    and not self._possessor_only(parsed.phrase, unit.start, cue.start)
                ):
                    source = self.resolver.resolve(parsed.phrase, cue.start)
                    if source.speaker:
                        return source
                first = unit.passages[0].open_at if unit.passages else cue.start
                opening_end = min(first, cue.start)
                # a sentence opening that is all one name is short: longer ones are not tried
                match = (
                    _SENTENCE_SUBJECT.match(text[lead:opening_end])
                    if opening_end - lead <= SUBJECT_REACH
                    else None
                )
                if match:
                    return self.resolver.resolve(match.group(1), cue.start)
                opening = sentence_subject(text[lead : min(cue.start, lead + 300)])
                if opening:
                    return self.resolver.resolve(opening, cue.start)
                named = _NAME_THEN_VERB.match(text, lead, cue.start)
                if named:  # "Lind rejects Velmark’s claims, saying …": a name, its verb
                    return self.resolver.resolve(named.group(1), cue.start)
                earlier = self._earlier_cue_subject(lead, cue.start)
                if earlier is not None:
                    return earlier
                return self._last_source() or Source(None)
        if not cue.subject and cue.form.split()[0].lower().endswith("ing"):
            # "Tokyo protested, with Chief Cabinet Secretary Hayashi calling it “…”": the noun
            # phrase of the absolute construction is the participle's subject
            absolute = _WITH_SUBJECT.search(text, max(unit.start, cue.start - 120), cue.start)
            if absolute:
                return self.resolver.resolve(absolute.group(1), cue.start)
        if not cue.subject:
            return Source(None)
        if cue.subject.lower() == "it":
            opening = self._it_in_its_sentence(cue, unit)
            if opening is not None:
                return opening
        source = self.resolver.resolve(cue.subject, cue.start)
        if cue.role and not source.role:
            source = Source(source.speaker, cue.role, source.outlet, source.is_person)
        return source

    def _quoted_in_outlet(self) -> None:
        """``Nonresident Senior Fellow Naoko Aoki was quoted in a Bloomberg article …``: that
        person's later quotes without an outlet came through that outlet (the first such
        sentence before the quote counts). One pass over the sentences and the quotes."""
        events = []
        for match in _QUOTED_IN.finditer(self.text):
            outlet = outlet_named(match.group("outlet"))
            if outlet is not None:
                name = self.names.full_name(split_role(match.group("name"))[0])
                events.append((match.end(), name, outlet))
        if not events:
            return
        active: dict[str, str] = {}
        next_event = 0
        for number in sorted(range(len(self.found)), key=lambda index: self.found[index].start):
            found = self.found[number]
            while next_event < len(events) and events[next_event][0] < found.start:
                active.setdefault(events[next_event][1], events[next_event][2])
                next_event += 1
            speaker = found.source.speaker
            if speaker in active and not found.source.outlet:
                source = replace(found.source, outlet=active[speaker])
                self.found[number] = replace(found, source=source)

    def _last_reporter(self, position: int) -> Source | None:
        """Who ``reported`` the last quote before ``position`` (within ``REPORT_REACH``)."""
        for found in reversed(self.found):
            if found.start >= position:
                continue
            if position - found.end > REPORT_REACH:
                return None
            if found.cue and found.cue.split()[0].lower() in ("reported", "reports", "reporting"):
                return found.source if found.source.speaker else None
        return None

    def _the_interview_outlet(self, cue: Cue) -> str | None:
        """``Trump said in the interview, which aired on Sunday, that …`` after ``… in an
        interview with NBC``: the outlet of the interview named before (``None`` if none)."""
        if not _IN_THE_INTERVIEW.match(self.text, cue.end, cue.end + 40):
            return None
        window_start = max(0, cue.start - INTERVIEW_REACH)
        named = list(_INTERVIEW_WITH.finditer(self.text, window_start, cue.start))
        return outlet_named(named[-1].group(1)) if named else None

    def _earlier_cue_subject(self, lead: int, position: int) -> Source | None:
        """``During the speech, Kim also urged the country to “…,” emphasizing …``: the subject
        of the last finite cue verb earlier in the sentence, when it names a speaker."""
        window = max(lead, position - SUBJECT_REACH)
        for start, _, form in reversed(find_cue_forms(self.text, window, position)):
            if form.split()[0].lower().endswith("ing"):
                continue
            phrase = subject_before(self.text, window, start).phrase
            if not phrase or not_a_speaker(phrase) or phrase.lower() in {"it", "they", "there"}:
                return None
            source = self.resolver.resolve(phrase, start)
            return source if source.speaker and not not_a_speaker(source.speaker) else None
        return None

    def _it_in_its_sentence(self, cue: Cue, unit: Unit) -> Source | None:
        """``North Korea has fired missiles …, the latest when it fired three that it said
        …``: an ``it`` after the sentence's own subject, a country or organisation, is that
        subject (no quotation before the cue, no person as the subject); else ``None``."""
        before = self.text[unit.start : cue.start]
        if re.search(r"[“”\"«»]", before) or len(before) > SUBJECT_REACH:
            return None
        opening = sentence_subject(before)
        if not opening or not opening[:1].isupper() or opening.lower() in {"it", "they"}:
            return None
        source = self.resolver.resolve(opening, unit.start)
        if not source.speaker or self.resolver.animacy(source) != THING:
            return None
        return source

    def _last_source(self) -> Source | None:
        return self._last_event[1] if self._last_event else None

    def _subject_after(self, cue: Cue) -> Source:
        """The subject of an inverted cue: ``said Jane Park, director of …`` → Jane Park;
        ``said its spokesperson, Wang Wenbin`` → Wang Wenbin (role: spokesperson); ``said a
        trader based in Dandong, who …`` → the description."""
        limit = min(len(self.text), cue.end + 200)
        described = (
            _DESCRIPTION_AFTER.match(self.text, cue.end, limit) if cue.lemma != "tell" else None
        )
        if described:
            description = described.group(1)
            named = _APPOSITIVE_NAME.match(self.text, described.end(1), limit)
            if named:
                source = self.resolver.resolve(named.group(1), cue.end)
                role = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", description)
                return Source(source.speaker, source.role or role, source.outlet, True)
            possessed = _POSSESSED_NAME.match(description)
            if possessed and not ORG_WORDS.search(possessed.group("name")):
                # "said Carnegie’s Paal"; "says the BBC’s Ann Lee in Seoul": the outlet's
                # reporter speaks through it (an organisation's part, "the People’s Liberation
                # Army’s Eastern Command", is no person of an owner: the whole name speaks)
                source = self.resolver.resolve(possessed.group("name"), cue.end)
                owner = canonical_outlet(possessed.group("owner"))
                if source.speaker and source.speaker != owner and looks_like_outlet(owner):
                    return Source(source.speaker, source.role, owner, source.is_person)
                return source
            return self.resolver.resolve(description, cue.end)
        titled = _ROLE_NAME_AFTER.match(self.text, cue.end, limit)
        if titled:
            # "said UNHCR spokeswoman Shabia Mantoo": the name after the role speaks
            return self.resolver.resolve(titled.group(1), cue.end)
        match = _SUBJECT_AFTER.match(self.text, cue.end, limit)
        if match:
            phrase = match.group(1)
            role = _ROLE_NOUN_AFTER.match(self.text, match.end(1), limit)
            if role and phrase[:1].isupper():
                # "said White House press secretary in a statement": an unnamed holder of a
                # role of the organisation, written as the article writes it
                phrase = f"{phrase} {role.group(1)}"
            return self.resolver.resolve(phrase, cue.end)
        return Source(None)

    def _emit_content(
        self,
        unit: Unit,
        content: tuple[int, int, float],
        source: Source,
        cue_text: str,
        attributed: dict,
        absorbed: set[int],
    ) -> None:
        text = self.text
        start, end = trim(text, content[0], content[1])
        if end <= start:
            return
        if start == unit.start or text[unit.start : start].isspace():
            # "BEIJING, Dec. 19 (Xinhua) -- China is …, a spokesperson said": the wire's
            # dateline opens the paragraph, it is no part of the words
            dateline = DATELINE.match(text, start, min(end, start + 80))
            if dateline:
                start = dateline.end()
        per = _PER_OUTLET.search(text, max(start, end - 80), end)
        if per:  # "…, per Nikkei Asia.": the outlet is no part of the words
            end = per.start()
        inner = [p for p in unit.between(start, end) if p.close_at <= end + 1]
        for passage in inner:
            lead = text[max(start, passage.open_at - 30) : passage.open_at]
            if _TITLE_BEFORE.search(lead) and not re.search(r"\bso-called\s*$", lead, re.I):
                # "criticized the minister in a column titled “…”": the title is no content
                # (but "said the so-called “peace plan” was a trap": a term inside the content)
                phrase = _TITLE_PHRASE.search(
                    text, max(start, passage.open_at - 60), passage.open_at
                )
                end = trim(text, start, phrase.start() if phrase else passage.open_at)[1]
                inner = [p for p in inner if p.close_at <= end]
                if word_count(text[start:end]) < 3:
                    return
                break
        if (
            len(inner) == 1
            and trim(text, start, inner[0].open_at)[1] <= start
            and (word_count(text[inner[0].close_at : end]) == 0)
        ):
            attributed[inner[0].open_at] = (source, cue_text, 0.95)
            return
        if inner and inner[0].open_at == start and not continues_clause(text, inner[0]):
            # content opens with a quoted sentence of its own ("“…,” Kim said"): keep it apart
            attributed[inner[0].open_at] = (source, cue_text, 0.9)
            return
        kind = QuoteKind.MIXED if inner else QuoteKind.INDIRECT
        for passage in inner:
            absorbed.add(passage.open_at)
        self._add(start, end, kind, source, cue_text, content[2])

    def _leftover_passages(
        self, unit: Unit, attributed: dict, absorbed: set[int], unit_outlet: str | None
    ) -> None:
        text = self.text
        previous_close = unit.start
        for passage in unit.passages:
            if passage.open_at in absorbed:
                previous_close = passage.close_at
                continue
            penalty = 0.0 if passage.closed else 0.3
            if passage.open_at in attributed:
                source, cue_text, confidence = attributed[passage.open_at]
                if source.speaker is None and confidence >= 0.5:
                    subject = self._clause_subject_before(unit, passage)
                    if subject is not None:
                        self._add_passage(passage, subject, None, 0.8 - penalty)
                        continue
                if source.speaker is None:
                    inherited = self._inherit(passage)
                    if inherited is not None:
                        # the outlet named after the cue ("described it as “…” on Fox News")
                        source = replace(inherited, outlet=source.outlet or inherited.outlet)
                self._add_passage(passage, source, cue_text, confidence - penalty)
                continue
            prefix = text[max(unit.start, previous_close, passage.open_at - 300) : passage.open_at]
            previous_close = passage.close_at
            words = word_count(text[passage.start : min(passage.end, passage.start + 400)])
            # "Xi Jinping, for his part, “drew attention to …”"
            match = _SENTENCE_SUBJECT.match(prefix)
            if (
                match
                and passage.open_at == unit.passages[0].open_at
                and text[passage.start : passage.start + 1].islower()
                and not re.search(r"[’']s?$", match.group(1))  # "Beijing's “wolf warrior” …"
            ):
                source = self.resolver.resolve(match.group(1), passage.open_at)
                if source.speaker and source.speaker[:1].isupper():
                    self._add_passage(passage, source, None, 0.8 - penalty)
                    continue
            quoted_by = _QUOTED_BY_BEFORE.search(prefix)
            if quoted_by and words >= 3:
                # "Lewis was also quoted by CNN regarding military options: “…”": the subject
                # speaks, through the outlet that quoted him
                speaker = self.resolver.resolve(quoted_by.group("subject"), passage.open_at)
                outlet = outlet_named(quoted_by.group("outlet")) or canonical_outlet(
                    quoted_by.group("outlet")
                )
                if speaker.speaker:
                    self._add_passage(
                        passage, replace(speaker, outlet=outlet), "quoted", 0.8 - penalty
                    )
                    continue
            document = _SOURCE_DOCUMENT.search(prefix)
            if document and words >= 3:
                source = Source(document.group(1))
                self._add_passage(passage, source, None, 0.7 - penalty)
                continue
            noun_cue = _NOUN_CUE.search(prefix)
            if noun_cue and words >= 3:
                possessor = _POSSESSOR.search(prefix)
                lead = re.match(r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*", prefix)
                subject = possessor.group(1) if possessor else (lead.group() if lead else None)
                if subject and subject in self.names.fullest:
                    source = self.resolver.resolve(subject, passage.open_at)
                    self._add_passage(passage, source, noun_cue.group(), 0.7 - penalty)
                    continue
            after = text[passage.close_at : passage.close_at + 20]
            before = text[max(unit.start, passage.open_at - 8) : passage.open_at]
            opens_sentence = word_count(prefix) <= 2
            if (
                opens_sentence
                and re.match(r"\s+(?:means|meant|is|was|refers|implies|suggests)\b", after)
            ) or (
                words <= 4
                and re.search(r"(?:\b(?:a|an|the|its|his|her|their|our)|\w[’']s?)\s+$", before)
                and re.match(r"\s+[a-z]", after)
            ):
                # a quotation talked about ("“X” means …") or used as a modifier ("an “X” format")
                self._add_passage(passage, Source(None), None, 0.3 - penalty / 2)
                continue
            inherited = self._inherit(passage)
            if inherited is not None and words >= 3:
                if unit_outlet and not inherited.outlet:
                    inherited = Source(inherited.speaker, inherited.role, unit_outlet)
                self._add_passage(passage, inherited, None, 0.75 - penalty)
                continue
            if words <= 2:
                confidence = 0.15
            elif words <= 4:
                confidence = 0.35
            else:
                confidence = 0.55
            self._add_passage(passage, Source(None), None, confidence - penalty / 2)

    def _clause_subject_before(self, unit: Unit, passage: Passage) -> Source | None:
        """``When asked about the remarks, spokesperson Wang Wenbin began with the usual, “…”``:
        a quotation after the main verb of its sentence, whose subject (from the parse) is a
        named person, is that person's words; else ``None``."""
        first = bisect_left(self.names._starts, unit.start)
        if not any(
            mention.kind is EntityKind.PERSON
            for mention in self.names.mentions[first : first + 20]
            if mention.start < passage.open_at
        ):
            return None  # no person named before the quotation: nothing to parse for
        sentence = self._clause_sentence(unit)
        if sentence is None:
            return None
        from annotator.extract.syntax import subject_of

        # the last finite verb before the quotation (the parser may make a verb inside the
        # quotation the root)
        root = None
        for token in reversed(list(sentence)):
            if token.start >= passage.open_at:
                continue
            if token.pos == "VERB" and token.tag in {"VBD", "VBZ", "VBP"}:
                root = token
                break
        if root is None:
            return None
        head = subject_of(sentence, root)
        if head is None or head.pos != "PROPN" or head.start >= root.start:
            return None
        phrase = self.syntax.subject_phrase(sentence, head, root)
        if not phrase.phrase or not_a_speaker(phrase.phrase):
            return None
        source = self.resolver.resolve(phrase.phrase, head.start)
        if not source.speaker or self.resolver.animacy(source) != PERSON:
            return None
        if phrase.role and not source.role:
            source = replace(source, role=phrase.role)
        return source

    def _inherit(self, passage: Passage) -> Source | None:
        """The speaker whose turn a cue-less quotation continues, if any."""
        if self._last_event is None:
            return None
        position, source = self._last_event
        if source.speaker is None:
            return None
        paragraph = self.paragraph_of(passage.open_at)
        event_paragraph = self.paragraph_of(position)
        if event_paragraph == paragraph:
            return source
        paragraph_start = self._paragraph_starts[paragraph]
        if (
            event_paragraph == paragraph - 1
            and word_count(self.text[paragraph_start : min(passage.open_at, paragraph_start + 40)])
            <= 2
            and passage.open_at - paragraph_start <= 40
        ):
            return source
        if event_paragraph in (paragraph, paragraph - 1) and self._sentence_before_names(
            passage, source, max(paragraph_start, position)
        ):
            # "“…,” writes Jennifer Lind. ¶ Lind details Seoul's ties with both. “As long as
            # …”": the sentence before the quotation has the last speaker for its subject
            return source
        return None

    def _sentence_before_names(self, passage: Passage, source: Source, start: int) -> bool:
        """Whether the quotation opens a sentence right after one (from ``start`` on) whose
        subject is ``source``'s speaker."""
        prior = self.text[start : passage.open_at]
        if len(prior) > 400 or not _SENTENCE_THEN_SPACE.search(prior):
            return False
        prior = prior.strip()
        starts = [found.end() for found in SENTENCE_BREAK.finditer(prior)]
        named = _NAME_THEN_VERB.match(prior, starts[-1] if starts else 0)
        if named is None:
            return False
        resolved = self.resolver.resolve(named.group(1), passage.open_at)
        return resolved.speaker == source.speaker

    def _question_before(self, unit: Unit, cue: Cue, source: Source, cue_text: str) -> None:
        """``“… Are you ready?” Consul General Xue Jian said …``: a quotation ending in a
        question or exclamation mark ends its sentence unit, so the cue that follows with only
        its subject between is found in the next unit; the quotation is that subject's words."""
        if not source.speaker or not cue.subject or not self.found:
            return
        before = self.text[unit.start : cue.start].strip(" ,")
        if before != cue.subject and not (
            # "“…?” Zhu Fenglian, a spokeswoman for the council, said": with its appositive
            cue.role
            and word_count(before) <= 20
            and re.fullmatch(r"[^,;:“”\"()]+,\s+[^,;:“”\"()]+", before)
            and (before.startswith(cue.subject) or before.endswith(cue.subject))
        ):
            return
        last = self.found[-1]
        gap = self.text[last.end : unit.start]
        if (
            last.kind is QuoteKind.DIRECT
            and last.source.speaker is None
            and len(gap) <= 4
            and re.fullmatch(r"[?!]?\s*[”\"’»]\s*", gap)
            and self.text[last.end - 1 : last.end + 1].strip(' ”"’»')[-1:] in {"?", "!"}
        ):
            self.found[-1] = replace(last, source=source, cue=cue_text, confidence=0.9)

    def _event(self, position: int, source: Source) -> None:
        if source.speaker:
            self._last_event = (position, source)
            self.resolver.remember(source, position)

    def _add_passage(
        self, passage: Passage, source: Source, cue: str | None, confidence: float
    ) -> None:
        before = self.text[max(0, passage.open_at - 30) : passage.open_at]
        if _TITLE_BEFORE.search(before) or looks_like_title(
            self.text[passage.start : passage.end], before
        ):
            # "a column titled “It will be hard …”", "a plan dubbed “Chip 4”", "the author of
            # “Overreach: How China Derailed Its Peaceful Rise”": a name, not words
            source, cue, confidence = Source(None), None, min(confidence, 0.3)
        self._add(passage.start, passage.end, QuoteKind.DIRECT, source, cue, confidence)

    def _add(
        self,
        start: int,
        end: int,
        kind: QuoteKind,
        source: Source,
        cue: str | None,
        confidence: float,
    ) -> None:
        start, end = trim(self.text, start, end) if kind is not QuoteKind.DIRECT else (start, end)
        if end <= start:
            return
        self.found.append(
            Found(start, end, kind, source, cue, round(min(1.0, max(0.05, confidence)), 2))
        )
        if source.speaker:
            self._event(start, source)
