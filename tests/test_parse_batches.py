"""Documents extracted together (annotator.extract.parse_batches): the same result as one by one,
their sentences parsed in shared batches, a sentence's parse independent of its batch, errors."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from annotator.corpus import iter_documents
from annotator.extract import extract_document, syntax
from annotator.extract.parse_batches import extract_together
from annotator.extract.sentences import sentence_spans
from annotator.models import Document

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLES = REPO_ROOT / "benchmarks" / "corpus" / "articles"


def dumps(documents: list[Document]) -> list[bytes]:
    return [orjson.dumps(document.model_dump(mode="json")) for document in documents]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return list(iter_documents([REPO_ROOT / "seeds", ARTICLES]))[:24]


def test_together_gives_what_one_by_one_gives_with_parses_in_batches(
    documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = [extract_document(document) for document in documents]
    batches: list[int] = []
    parse_many = syntax.parse_many

    def counting(requests):  # type: ignore[no-untyped-def]
        batches.append(len(requests))
        return parse_many(requests)

    monkeypatch.setattr(syntax, "parse_many", counting)
    together = extract_together(documents, extract_document)
    assert dumps(together) == dumps(alone)
    assert sum(len(document.quotes) for document in together) > 100
    # every parse went through a batch, and the batches held several documents' sentences
    assert sum(batches) > 20
    assert max(batches) > 5
    assert len(batches) < sum(batches) / 3


def test_a_sentence_parses_the_same_alone_and_in_a_batch_of_other_documents(
    seeds_dir: Path,
) -> None:
    texts = [document.text for document in iter_documents([seeds_dir, ARTICLES])][:6]
    requests = [
        (text, span)
        for text in texts
        for span in sentence_spans(text)
        if 0 < span[1] - span[0] <= 1200 and any(mark in text[span[0] : span[1]] for mark in '“"')
    ]
    assert len(requests) > 30
    syntax.clear_parse_cache()
    batched = syntax.parse_many(requests)
    alone = []
    for text, span in requests:
        syntax.clear_parse_cache()  # a fresh parse of the sentence alone, not the one kept
        alone.append(syntax.parse_spans(text, [span])[0])

    def fields(sentence: syntax.ParsedSentence) -> list[tuple[object, ...]]:
        return [
            (t.i, t.start, t.end, t.text, t.tag, t.pos, t.dep, t.head, t.morph) for t in sentence
        ]

    assert [fields(s) for s in batched] == [fields(s) for s in alone]
    assert [s.children(s.tokens[0]) for s in batched] == [s.children(s.tokens[0]) for s in alone]


def test_a_failing_document_raises_after_the_others_finished(
    documents: list[Document],
) -> None:
    done: list[str] = []

    def extract(document: Document) -> Document:
        if document.id == documents[2].id:
            raise ValueError(f"{document.id}: broken")
        result = extract_document(document)
        done.append(document.id)
        return result

    with pytest.raises(ValueError, match="broken"):
        extract_together(documents[:6], extract)
    assert sorted(done) == sorted(
        document.id for document in documents[:6] if document is not documents[2]
    )


def test_a_broken_model_reaches_every_document_as_no_parse(
    documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(requests):  # type: ignore[no-untyped-def]
        raise syntax.SyntaxModelError("model: cannot load the syntax model")

    monkeypatch.setattr(syntax, "parse_many", broken)
    monkeypatch.setattr(syntax, "parse_spans", lambda text, spans: broken(spans))
    alone = [extract_document(document) for document in documents[:8]]
    together = extract_together(documents[:8], extract_document)
    assert dumps(together) == dumps(alone)  # the rules' answers, as without a model
    assert sum(len(document.quotes) for document in together) > 20
