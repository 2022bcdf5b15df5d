"""Parses kept by sentence text (annotator.extract.syntax): a sentence asked for again, in the
same batch, a later batch or another document at other offsets, is parsed once, and its parse
is the one a fresh parse gives, placed at the new offsets; the cache stays bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.corpus import iter_documents
from annotator.extract import syntax
from annotator.extract.sentences import sentence_spans

REPO_ROOT = Path(__file__).resolve().parent.parent


def fields(sentence: syntax.ParsedSentence, shift: int = 0) -> list[tuple[object, ...]]:
    return [
        (t.i, t.start - shift, t.end - shift, t.text, t.tag, t.pos, t.dep, t.head, t.morph)
        for t in sentence
    ] + [tuple(sentence.children(t)) for t in sentence]  # type: ignore[list-item]


@pytest.fixture
def quoted_sentences() -> list[str]:
    (document, *_) = iter_documents([REPO_ROOT / "seeds"])
    text = document.text
    found = [
        text[start:end]
        for start, end in sentence_spans(text)
        if 20 < end - start <= 600 and "“" in text[start:end] and "\n" not in text[start:end]
    ]
    assert len(found) >= 6
    return found[:6]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the spaCy pipeline really parses."""
    parsed: list[str] = []
    nlp = syntax.load_model()
    real_pipe = type(nlp).pipe

    def pipe(self, docs, **kwargs):  # type: ignore[no-untyped-def]
        docs = list(docs)
        parsed.extend(doc.text for doc in docs)
        return real_pipe(self, docs, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    syntax.clear_parse_cache()
    return parsed


def test_a_repeated_sentence_is_parsed_once_and_placed_at_its_own_offsets(
    quoted_sentences: list[str], counted: list[str]
) -> None:
    first = "Headline\n\n" + " ".join(quoted_sentences)
    second = "Another story, another day.\n\n" + " ".join(reversed(quoted_sentences))
    requests = [
        (text, (text.index(s), text.index(s) + len(s)))
        for text in (first, second)
        for s in quoted_sentences
    ]
    batched = syntax.parse_many(requests)
    assert sorted(counted) == sorted(quoted_sentences)  # twelve requests, six parses
    later = syntax.parse_many(requests[:3])
    assert len(counted) == len(quoted_sentences)  # a later batch: answered from the cache
    fresh = []
    for text, span in requests:
        syntax.clear_parse_cache()  # each parsed alone, from scratch
        fresh.append(syntax.parse_spans(text, [span])[0])
    assert len(counted) == len(quoted_sentences) + len(requests)
    for (text, (start, _)), kept, new in zip(requests, batched, fresh, strict=True):
        assert fields(kept, start) == fields(new, start)
        assert all(text[t.start : t.end] == t.text for t in kept)
        assert kept.start == start and kept.text == new.text
    assert [fields(s) for s in later] == [fields(s) for s in batched[:3]]


def test_the_cache_is_bounded(
    quoted_sentences: list[str], counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(syntax, "CACHED_PARSES", 2)
    text = " ".join(quoted_sentences)
    spans = [(text.index(s), text.index(s) + len(s)) for s in quoted_sentences]
    syntax.parse_spans(text, spans)
    assert len(syntax._PARSES) == 2
    syntax.parse_spans(text, spans[-2:])  # the two kept: no new parse
    assert len(counted) == len(quoted_sentences)
    syntax.parse_spans(text, spans[:1])  # dropped: parsed again
    assert len(counted) == len(quoted_sentences) + 1
