"""Parse-based subject finding for cues: the syntactic layer of attribution (issue #11).

Only the sentences that hold a cue or a quotation mark may be parsed, each only when a question
is first asked about it (``syntax.parse_spans``): rules settle most cues, so about one cue
sentence in seven is parsed (parsing all of a document's cue sentences in one batch made the
parser four fifths of the extraction time). For a cue verb it finds the subject
(``nsubj``/``nsubj:pass``, through ``conj``/``xcomp`` and, for a participle, ``advcl``), with:

* coordination: ``Japan and the Philippines said`` → both names, joined by `` and ``;
* apposition: ``a ministry spokesman, Li Wei, said`` → ``Li Wei`` with the role; ``Jane Park,
  director of …, said`` → ``Jane Park`` with the role;
* descriptions keep their modifiers (``a senior diplomat in Seoul``) but not time phrases;
* a word that is no noun phrase (adverb, participle, wh-word, clause fragment) is refused: the
  answer is :data:`NOT_A_SUBJECT` and the caller keeps its own rules or no speaker.

Documents extracted together (``parse_batches.extract_together``, as the workers of
``annotator.parallel`` do) have their sentences parsed in shared batches: the same parses, made
in less time.

When the model cannot be loaded (a broken install) the layer answers ``None`` everywhere and
attribution falls back to its rules; it never downloads anything.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

MAX_PARSED = 1200  # characters: longer units (run-on text, long quotations) are not parsed

_NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
_WH = frozenset({"what", "which", "who", "whom", "whose", "whatever", "where", "when", "how"})
_DAYS = (
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|"
    r"Jan\.?|Feb\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|January|February|March|April|June|"
    r"July|August|September|October|November|December|week|month|year|weekend|morning|"
    r"afternoon|evening|night"
)
_TIME_CUT = re.compile(
    rf"\s+(?:(?:on|last|this|early|late|earlier|later|in|at|during|over|the)\s+)*"
    rf"(?:(?:{_DAYS})\b|\d).*$",
    re.S,
)
_DISCOURSE = frozenset(
    {
        "nevertheless",
        "moreover",
        "however",
        "meanwhile",
        "also",
        "furthermore",
        "still",
        "instead",
        "yet",
        "now",
        "separately",
        "besides",
        "then",
        "thus",
        "therefore",
        "indeed",
        "importance",
        "upon",
        "there",
        "here",
    }
)
_PARTITIVE_HEADS = frozenset(
    {"one", "some", "many", "most", "each", "several", "all", "none", "two", "three", "four"}
)
_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.I)
_TIME_WORD = re.compile(rf"^(?:{_DAYS})$", re.I)


def _subject_on_auxiliary(sentence, verb):  # type: ignore[no-untyped-def]
    """A subject the parser hung on the verb's auxiliary (``Ministry`` ← ``has`` in ``the
    Ministry has since lodged …``), or ``None``."""
    for auxiliary in sentence.children(verb, {"aux", "aux:pass"}):
        for kid in sentence.children(auxiliary, {"nsubj", "nsubj:pass"}):
            return kid
    return None


@dataclass(frozen=True)
class SyntacticSubject:
    phrase: str
    role: str | None = None
    coordinated: bool = False


NOT_A_SUBJECT = SyntacticSubject("")


def _parse_one(text: str, span: tuple[int, int], parse_spans):  # type: ignore[no-untyped-def]
    """The parse of ``text[span]``: at once, or in the batch of the documents extracted
    together with this one (``parse_batches.extract_together``)."""
    from annotator.extract.parse_batches import current_batch

    batch = current_batch()
    if batch is not None:
        return batch.request(text, span)
    return parse_spans(text, [span])[0]


class SyntaxLayer:
    """Parses a document's cue sentences lazily and answers subject questions about them."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = [(start, end) for start, end in spans if 0 < end - start <= MAX_PARSED]
        self._starts = [start for start, _ in self.spans]
        self._parsed: dict[tuple[int, int], object] = {}
        self.available = True

    def parse(self, start: int, end: int):  # type: ignore[no-untyped-def]
        """The parse of ``text[start:end]`` as one sentence, made once; ``None`` when the
        model is unavailable or the span is too long to parse."""
        if not self.available or not 0 < end - start <= MAX_PARSED:
            return None
        key = (start, end)
        if key not in self._parsed:
            try:
                from annotator.extract.syntax import SyntaxModelError, parse_spans
            except ImportError:
                self.available = False
                return None
            try:
                self._parsed[key] = _parse_one(self.text, key, parse_spans)
            except SyntaxModelError:
                self.available = False
                return None
        return self._parsed[key]

    def sentence_at(self, offset: int):  # type: ignore[no-untyped-def]
        position = bisect_right(self._starts, offset) - 1
        if position < 0 or offset >= self.spans[position][1]:
            return None
        return self.parse(*self.spans[position])

    def cue_subject(self, cue_start: int) -> SyntacticSubject | None:
        """The subject of the cue verb starting at ``cue_start``; :data:`NOT_A_SUBJECT` when the
        parse gives a subject that is no noun phrase; ``None`` when the parse says nothing."""
        sentence = self.sentence_at(cue_start)
        if sentence is None:
            return None
        from annotator.extract.syntax import subject_of

        verb = sentence.token_at(cue_start)
        if verb is None:
            return None
        head = subject_of(sentence, verb)
        if head is None and verb.dep == "conj":
            head = _subject_on_auxiliary(sentence, sentence.head_of(verb))
        if head is None and verb.dep in {"advcl", "conj", "xcomp", "obj"} and not verb.is_root:
            # "Our embassy even sent a warning that …": a noun cue's subject is its verb's
            head = subject_of(sentence, sentence.head_of(verb))
        if head is None and verb.text.lower().endswith("ing") and not verb.is_root:
            # ", claiming that …" parsed as a modifier of the object: the participle's subject
            # is the subject of the clause it hangs on, a few heads up
            current = verb
            for _ in range(3):
                current = sentence.head_of(current)
                if current.pos in {"VERB", "AUX"}:
                    head = subject_of(sentence, current)
                    break
                if current.is_root:
                    break
        if head is None:
            return None
        return self._subject_phrase(sentence, head, verb)

    def participle_subject(self, cue_start: int) -> SyntacticSubject | None:
        """The subject of a comma participle cue (``…, saying that …``): the subject of the
        clause it hangs on. A clause that only modifies a noun (``rejected speculation that the
        US gave him …, saying``: ``acl``/``relcl``) is no clause of its own for a sentence-level
        participle: the subject is that of the verb governing the noun (:func:`participle_head`).
        ``None`` when the parse says nothing."""
        sentence = self.sentence_at(cue_start)
        if sentence is None:
            return None
        from annotator.extract.participles import participle_head
        from annotator.extract.syntax import subject_of

        verb = sentence.token_at(cue_start)
        if verb is None or verb.is_root:
            return None
        governing = participle_head(sentence, verb)
        head = subject_of(sentence, governing) if governing is not None else None
        if head is None:
            return None
        return self._subject_phrase(sentence, head, verb)

    def subject_phrase(self, sentence, head, verb) -> SyntacticSubject:  # type: ignore[no-untyped-def]
        """The subject phrase headed by ``head`` of ``verb`` in a parsed sentence."""
        return self._subject_phrase(sentence, head, verb)

    def _subject_phrase(self, sentence, head, verb) -> SyntacticSubject:  # type: ignore[no-untyped-def]
        from annotator.extract.syntax import appositions, conjuncts

        if head.pos not in _NOUNISH or head.text.lower() in _WH or head.tag in {"WP", "WDT"}:
            return NOT_A_SUBJECT
        if _TIME_WORD.match(head.text) or head.text.lower() in _DISCOURSE:
            return NOT_A_SUBJECT
        if head.pos == "PRON" and head.text.lower() == "it":
            return None
        if head.pos == "PRON":
            return SyntacticSubject(head.text)
        if head.text.lower() in _PARTITIVE_HEADS:
            # "one of the seafood traders": the group named by the of-phrase
            groups = [kid for kid in sentence.children(head) if kid.dep in {"nmod", "obl"}]
            if groups and groups[0].pos == "NOUN":
                return SyntacticSubject(self._phrase(sentence, groups[0], modifiers=True))
        parts = conjuncts(sentence, head)
        coordinated = len(parts) > 1 and re.search(
            r"\b(?:and|or)\b|&", self.text[parts[0].end : parts[-1].start]
        )
        # "Vincent Chen (陳文賢), a researcher": a comma alone makes no coordination
        if coordinated and all(part.pos in {"PROPN", "NOUN"} for part in parts):
            names = [self._phrase(sentence, part, modifiers=False) for part in parts]
            return SyntacticSubject(" and ".join(names), coordinated=False)
        for appositive in appositions(sentence, head):
            if head.pos == "NOUN" and appositive.pos == "PROPN":
                name = self._phrase(sentence, appositive, modifiers=False)
                role = self._phrase(sentence, head, modifiers=True, stop=appositive.start)
                return SyntacticSubject(name, role=_LEADING_DET.sub("", role) or None)
            if head.pos == "PROPN" and appositive.pos == "NOUN":
                name = self._phrase(sentence, head, modifiers=False)
                role = self._phrase(sentence, appositive, modifiers=True)
                return SyntacticSubject(name, role=_LEADING_DET.sub("", role) or None)
        phrase = self._phrase(sentence, head, modifiers=head.pos == "NOUN", stop=verb.start)
        if re.match(r"[A-Za-z]+ing\b", phrase) or not phrase:
            return NOT_A_SUBJECT  # a participle clause, not a noun phrase
        return SyntacticSubject(phrase)

    def _phrase(self, sentence, token, *, modifiers: bool, stop: int | None = None) -> str:  # type: ignore[no-untyped-def]
        from annotator.extract.syntax import noun_phrase

        span = noun_phrase(sentence, token, nmod=modifiers)
        text = span.text
        if modifiers:
            # "The democratically-elected government in Taipei rejects Beijing's claims and
            # says": a finite verb the parse hung on the noun (no relative pronoun before it)
            # ends the phrase
            for other in sentence:
                if other.start <= token.start or other.start >= span.end:
                    continue
                if other.tag in {"WDT", "WP", "WP$"} or other.text.lower() == "that":
                    break
                finite = other.tag in {"VBZ", "VBD", "VBP"} and other.pos in {"VERB", "AUX"}
                # "Taipei rejects/NNS Beijing's claims/obj": a "noun" with an object is a verb
                if finite or any(kid.dep == "obj" for kid in sentence.children(other)):
                    stop = other.start if stop is None else min(stop, other.start)
                    break
        if stop is not None and span.start < stop < span.end:
            text = self.text[span.start : stop]
        text = re.split(r"\s*[,;:(“”\"]", text)[0] if modifiers else text
        text = _TIME_CUT.sub("", text) if modifiers else text
        return " ".join(text.split()).strip(" ,.")
