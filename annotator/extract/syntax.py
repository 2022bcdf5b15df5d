"""Statistical syntax for attribution: part-of-speech tags, dependency parses, proper-name spans.

The tagger + parser is a spaCy pipeline trained by ``training/train_parser.py`` on
UD_English-EWT and shipped in ``annotator/extract/model/`` (model card: ``docs/model.md``). It is
loaded once, lazily, on the first parse (importing ``annotator`` or ``annotator.extract`` never
imports spaCy) and never downloads anything.

``parse_spans(text, spans)`` parses only the given sentence spans (in one batch) and returns one
:class:`ParsedSentence` per span; ``parse_many`` does the same for sentences of several texts
(one batch for several documents: a batch costs about 60 % of parsing its sentences one by one). Every token carries character offsets into the ORIGINAL
``text``, its Penn tag (``tag``), universal part of speech (``pos``), universal dependency label
(``dep``, e.g. ``nsubj``, ``appos``, ``conj``, ``ccomp``, ``flat``; the root is ``ROOT``) and the
index of its head within the sentence (the root is its own head). A span is parsed as one
sentence: the parser is not allowed to split it.

Helpers for attribution: :func:`subject_of` (the subject of a verb, following ``conj`` and
``xcomp``/``advcl`` chains), :func:`noun_phrase` (the noun phrase a token heads, with or without
appositions, conjuncts and prepositional modifiers), :func:`appositions`, :func:`conjuncts` and
:func:`propn_spans` (proper-name spans from PROPN compound/flat chains).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only when the model is first needed
    from spacy.language import Language

__all__ = [
    "MODEL_DIR",
    "ParsedSentence",
    "SyntaxModelError",
    "TextSpan",
    "Token",
    "appositions",
    "clear_parse_cache",
    "conjuncts",
    "load_model",
    "noun_phrase",
    "parse_many",
    "parse_spans",
    "propn_spans",
    "subject_of",
]

MODEL_DIR = Path(__file__).resolve().parent / "model"
BATCH_SIZE = 256

SUBJECT_DEPS = frozenset(
    {"nsubj", "nsubj:pass", "nsubj:outer", "csubj", "csubj:pass", "csubj:outer", "expl"}
)
# dependents that stay inside a noun phrase, and what they may bring along
_NP_DEPS = frozenset(
    {
        "det",
        "det:predet",
        "det:poss",
        "amod",
        "compound",
        "compound:prt",
        "flat",
        "flat:foreign",
        "flat:name",
        "fixed",
        "nummod",
        "nmod:poss",
        "nmod:desc",  # EWT 2.16 attaches a title to the name it describes: "President Bush"
        "case",  # the 's of a possessor, the "of" inside a name brought by nmod
        "advmod",  # "very" in "a very senior official"
        "punct",  # hyphens and the dots of initials inside the phrase
        "goeswith",
    }
)
_APPOS_DEPS = frozenset({"appos"})
_CONJ_DEPS = frozenset({"conj", "cc", "cc:preconj"})
_NMOD_DEPS = frozenset({"nmod", "acl", "acl:relcl"})
_NAME_LINKS = frozenset(
    {"compound", "flat", "flat:name", "flat:foreign", "fixed", "goeswith", "nmod:desc"}
)


class SyntaxModelError(RuntimeError):
    """The shipped model is missing or unreadable (a broken install, never a user error)."""


@dataclass(frozen=True, slots=True)
class Token:
    """One token; ``start``/``end`` are offsets into the original text, ``head`` and ``i`` are
    indices into the sentence's ``tokens`` (the root is its own head)."""

    i: int
    start: int
    end: int
    text: str
    tag: str
    pos: str
    dep: str
    head: int
    morph: str = ""

    @property
    def is_root(self) -> bool:
        return self.head == self.i


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A run of tokens ``first..last`` (inclusive) covering ``text[start:end]``."""

    start: int
    end: int
    first: int
    last: int
    text: str


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """A parsed span of the original text."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    _children: tuple[tuple[int, ...], ...] = field(repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, index: int) -> Token:
        return self.tokens[index]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.tokens)

    @property
    def roots(self) -> list[Token]:
        return [tok for tok in self.tokens if tok.is_root]

    @property
    def root(self) -> Token | None:
        roots = self.roots
        return roots[0] if roots else None

    def head_of(self, token: Token) -> Token:
        return self.tokens[token.head]

    def children(self, token: Token, deps: Iterable[str] | None = None) -> list[Token]:
        """Dependents of ``token`` in text order (only those labelled with one of ``deps``)."""
        kids = [self.tokens[j] for j in self._children[token.i]]
        if deps is None:
            return kids
        wanted = set(deps)
        return [kid for kid in kids if kid.dep in wanted]

    def subtree(self, token: Token) -> list[Token]:
        """``token`` and all its descendants, in text order."""
        seen = {token.i}
        stack = [token.i]
        while stack:
            for j in self._children[stack.pop()]:
                if j not in seen:
                    seen.add(j)
                    stack.append(j)
        return [self.tokens[j] for j in sorted(seen)]

    def token_at(self, offset: int) -> Token | None:
        """The token covering character ``offset`` of the original text."""
        for tok in self.tokens:
            if tok.start <= offset < tok.end:
                return tok
        return None

    def span(self, first: int, last: int) -> TextSpan:
        """The text span of tokens ``first..last`` (inclusive)."""
        start, end = self.tokens[first].start, self.tokens[last].end
        offset = self.start
        return TextSpan(start, end, first, last, self.text[start - offset : end - offset])


@functools.cache
def load_model() -> Language:
    """The shipped spaCy pipeline, loaded on first use (the import of spaCy happens here)."""
    if not (MODEL_DIR / "config.cfg").is_file():
        raise SyntaxModelError(f"{MODEL_DIR}: the syntax model is missing; reinstall annotator")
    try:
        import spacy

        return spacy.load(MODEL_DIR)
    except (OSError, ValueError, ImportError) as exc:
        raise SyntaxModelError(f"{MODEL_DIR}: cannot load the syntax model: {exc}") from exc


def parse_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[ParsedSentence]:
    """Parse ``text[start:end]`` for every ``(start, end)`` of ``spans``, each as one sentence."""
    return parse_many([(text, span) for span in spans])


def parse_many(requests: Sequence[tuple[str, tuple[int, int]]]) -> list[ParsedSentence]:
    """Parse ``text[start:end]`` for every ``(text, (start, end))`` of ``requests`` (sentences of
    one or of several texts), each as one sentence, in one batch. A sentence's parse does not
    depend on the batch it is in (``tests/test_syntax.py`` checks it), only on its own text: a
    text asked for twice (in this batch, or in one of the last :data:`CACHED_PARSES` parsed in
    this process) is parsed once and its parse placed at each request's offsets."""
    if not requests:
        return []
    for text, (start, end) in requests:
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span ({start}, {end}) is outside the text (length {len(text)})")
    keys = [text[start:end] for text, (start, end) in requests]
    with _CACHE_LOCK:
        known = {key: _PARSES[key] for key in keys if key in _PARSES}
        for key in known:
            _PARSES.move_to_end(key)
    missing = [key for key in dict.fromkeys(keys) if key not in known]
    if missing:
        nlp = load_model()
        docs = []
        for key in missing:
            doc = nlp.make_doc(key)
            for tok in doc[1:]:
                tok.is_sent_start = False  # the caller's span is one sentence
            docs.append(doc)
        parsed = nlp.pipe(docs, batch_size=BATCH_SIZE)
        made = {key: _read_parse(doc) for key, doc in zip(missing, parsed, strict=True)}
        known.update(made)
        with _CACHE_LOCK:
            _PARSES.update(made)
            while len(_PARSES) > CACHED_PARSES:
                _PARSES.popitem(last=False)
    return [
        _to_sentence(text, start, end, known[key])
        for (text, (start, end)), key in zip(requests, keys, strict=True)
    ]


def clear_parse_cache() -> None:
    """Forget the parses kept for texts asked for again (tests compare fresh parses)."""
    with _CACHE_LOCK:
        _PARSES.clear()


_ARRAY_ATTRS = ("IDX", "LENGTH", "HEAD", "TAG", "POS", "DEP", "MORPH")
# the string of each hash seen, per attribute, taken from the first token that carries it
_LABELS: tuple[dict[int, str], dict[int, str], dict[int, str], dict[int, str]] = ({}, {}, {}, {})
# a parse independent of where its text stands: per token (offset in the text, length, head
# index, tag, pos, dep, morph), and the dependents of each token
_Parse = tuple[tuple[tuple[int, int, int, str, str, str, str], ...], tuple[tuple[int, ...], ...]]
CACHED_PARSES = 4096  # sentence texts whose parse is kept (news repeats wire paragraphs)
_PARSES: OrderedDict[str, _Parse] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def _read_parse(doc: object) -> _Parse:
    """The parse of ``doc``. The token attributes are read in one ``Doc.to_array`` call and
    their strings through caches keyed by hash (filled from the token's own ``tag_``, ``pos_``,
    ``dep_`` and ``morph``)."""
    rows = doc.to_array(_ARRAY_ATTRS).tolist()  # type: ignore[attr-defined]
    tags, poses, deps, morphs = _LABELS
    children: list[list[int]] = [[] for _ in rows]
    tokens = []
    for i, (idx, length, relative, tag, pos, dep, morph) in enumerate(rows):
        head = i + (relative if relative < 1 << 63 else relative - (1 << 64))  # uint64 offset
        if head != i:
            children[head].append(i)
        if tag not in tags or pos not in poses or dep not in deps or morph not in morphs:
            token = doc[i]  # type: ignore[index]
            tags.setdefault(tag, token.tag_)
            poses.setdefault(pos, token.pos_)
            deps.setdefault(dep, token.dep_ if token.dep_ != "root" else "ROOT")
            morphs.setdefault(morph, str(token.morph))
        tokens.append((idx, length, head, tags[tag], poses[pos], deps[dep], morphs[morph]))
    return tuple(tokens), tuple(tuple(kids) for kids in children)


def _to_sentence(text: str, start: int, end: int, parse: _Parse) -> ParsedSentence:
    """``parse`` (of ``text[start:end]``) as a :class:`ParsedSentence` with offsets into
    ``text``."""
    rows, children = parse
    tokens = []
    for i, (idx, length, head, tag, pos, dep, morph) in enumerate(rows):
        begin = start + idx
        tokens.append(
            Token(
                i=i,
                start=begin,
                end=begin + length,
                text=text[begin : begin + length],
                tag=tag,
                pos=pos,
                dep=dep,
                head=head,
                morph=morph,
            )
        )
    return ParsedSentence(
        start=start, end=end, text=text[start:end], tokens=tuple(tokens), _children=children
    )


def subject_of(sentence: ParsedSentence, token: Token) -> Token | None:
    """The subject of ``token`` (a verb or predicate), or ``None``.

    A verb without its own subject takes the subject of the verb it is coordinated with
    (``conj``: "He arrived and said …") or that it depends on as ``xcomp`` ("X declined to say").
    """
    current = token
    for _ in range(len(sentence)):
        subjects = sentence.children(current, SUBJECT_DEPS)
        real = [s for s in subjects if s.dep != "expl"]
        if real:
            return real[0]
        if current.dep in {"conj", "xcomp"} and not current.is_root:
            current = sentence.head_of(current)
            continue
        return None
    return None


def _phrase_tokens(sentence: ParsedSentence, head: Token, deps: frozenset[str]) -> set[int]:
    keep = {head.i}
    stack = [head]
    while stack:
        tok = stack.pop()
        for kid in sentence.children(tok):
            if kid.dep in deps and kid.i not in keep:
                keep.add(kid.i)
                stack.append(kid)
    return keep


def _contiguous(sentence: ParsedSentence, head: Token, keep: set[int]) -> TextSpan:
    first = last = head.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    # no punctuation or conjunction left dangling at the edges
    while first < head.i and sentence[first].pos in {"PUNCT", "CCONJ"}:
        first += 1
    while last > head.i and sentence[last].pos in {"PUNCT", "CCONJ"}:
        last -= 1
    return sentence.span(first, last)


def noun_phrase(
    sentence: ParsedSentence,
    token: Token,
    *,
    appos: bool = False,
    conj: bool = False,
    nmod: bool = False,
) -> TextSpan:
    """The noun phrase headed by ``token``: determiners, adjectives, compounds, flat names,
    numbers and possessors ("A ministry spokesman", "China's foreign ministry").

    ``appos=True`` adds appositions ("spokesman, Li Wei"), ``conj=True`` conjuncts ("Japan and
    the Philippines"), ``nmod=True`` prepositional and clausal modifiers ("director of the Asia
    Program at the Lowy Institute"). The span is contiguous around ``token``.
    """
    deps = _NP_DEPS
    if appos:
        deps = deps | _APPOS_DEPS | {"punct"}
    if nmod:
        deps = deps | _NMOD_DEPS | {"case", "obl", "obj", "mark", "nsubj", "cop", "aux"}
    keep = _phrase_tokens(sentence, token, deps | _CONJ_DEPS if conj else deps)
    if conj:
        for other in conjuncts(sentence, token)[1:]:
            keep |= _phrase_tokens(sentence, other, deps | _CONJ_DEPS)
    return _contiguous(sentence, token, keep)


def appositions(sentence: ParsedSentence, token: Token) -> list[Token]:
    """Heads of the appositions of ``token`` ("a ministry spokesman, Li Wei" → Wei)."""
    return sentence.children(token, _APPOS_DEPS)


def conjuncts(sentence: ParsedSentence, token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it, in text order ("Japan and the Philippines").

    Besides ``conj`` dependents this accepts the parser's frequent near miss of attaching the
    second conjunct as a sibling with the same label ("Japan/nsubj and the Philippines/nsubj
    said"): a later sibling with the same label and head that has its own ``cc``.
    """
    found = {token.i}
    stack = [token]
    while stack:
        for kid in sentence.children(stack.pop(), {"conj"}):
            if kid.i not in found:
                found.add(kid.i)
                stack.append(kid)
    if not token.is_root:
        for sibling in sentence.children(sentence.head_of(token), {token.dep}):
            if sibling.i > max(found) and sentence.children(sibling, {"cc"}):
                found.add(sibling.i)
    return [sentence[j] for j in sorted(found)]


def propn_spans(sentence: ParsedSentence) -> list[TextSpan]:
    """Proper-name spans: maximal runs of adjacent PROPN tokens (not a possessive ``'s``) linked
    by compound/flat/nmod:desc, or sharing a head through them or with one label, e.g. "Prime
    Minister Fumio Kishida", "Lowy Institute"."""
    spans: list[TextSpan] = []
    tokens = sentence.tokens
    i = 0
    while i < len(tokens):
        if not _is_name_word(tokens[i]):
            i += 1
            continue
        first = last = i
        while (
            last + 1 < len(tokens)
            and _is_name_word(tokens[last + 1])
            and _linked(tokens[last], tokens[last + 1])
        ):
            last += 1
        spans.append(sentence.span(first, last))
        i = last + 1
    return spans


def _is_name_word(token: Token) -> bool:
    possessive = token.tag == "POS" or token.dep == "case" or token.text.lower() in {"'s", "’s"}
    return token.pos == "PROPN" and not possessive


def _linked(left: Token, right: Token) -> bool:
    """Two adjacent proper nouns belong to one name when one attaches to the other (or both to
    a common head) as compound/flat."""
    if left.head == right.i and left.dep in _NAME_LINKS:
        return True
    if right.head == left.i and right.dep in _NAME_LINKS:
        return True
    if left.head != right.head:
        return False
    # siblings: both name parts of one head, or (a frequent parser slip) two adjacent proper
    # nouns given the same role ("met Joe/obj Biden/obj")
    both_links = left.dep in _NAME_LINKS and right.dep in _NAME_LINKS
    return both_links or (left.dep == right.dep and left.dep not in {"conj", "appos", "list"})
