"""Documents with quotes for the UI tests: the seed articles with their curly-quoted passages
(the extraction engine is tested elsewhere), plus hostile texts (markup, wide characters)."""

from __future__ import annotations

import re
from pathlib import Path

from annotator.corpus import iter_documents
from annotator.models import Document, Entity, EntityKind, Quote, QuoteKind, sha256_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CURLY_QUOTE = re.compile(r"“[^”]{10,}”")
SPEAKERS = ("Chung Eui-yong", None, "Wang Yi", "Suh Hoon", None)


def with_curly_quotes(document: Document) -> Document:
    """``document`` with each “...” passage of 10+ characters as a direct quote."""
    quotes = [
        Quote.from_span(
            document.text,
            match.start(),
            match.end(),
            kind=QuoteKind.DIRECT,
            speaker=SPEAKERS[index % len(SPEAKERS)],
            outlet="Yonhap" if index % 4 == 0 else None,
            cue="said" if index % 2 == 0 else "noted",
            confidence=0.9,
        )
        for index, match in enumerate(CURLY_QUOTE.finditer(document.text))
    ]
    entities = [
        Entity(name="Chung Eui-yong", kind=EntityKind.PERSON, mentions=3),
        Entity(name="Wang Yi", kind=EntityKind.PERSON, mentions=2),
        Entity(name="Yonhap", kind=EntityKind.OUTLET, mentions=1),
    ]
    return document.model_copy(update={"quotes": quotes, "entities": entities})


def seed_documents() -> list[Document]:
    return [with_curly_quotes(document) for document in iter_documents([SEEDS])]


def text_document(document_id: str, text: str, title: str | None = None) -> Document:
    """A document built from plain text, with its curly-quoted passages as quotes."""
    document = Document(
        id=document_id,
        source=f"{document_id}.txt",
        sha256=sha256_text(text),
        title=title,
        text=text,
    )
    return with_curly_quotes(document)
