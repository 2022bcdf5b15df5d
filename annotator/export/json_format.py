"""The ``json`` export: one object with the label scheme, the corpus and every judgement.

The file is written document by document (one document per line inside ``documents``) so the
corpus never has to be in memory at once; each piece is validated against these models before it
is written. ``schemas/export.schema.json`` is generated from :class:`ExportFile`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import BinaryIO, Literal

import orjson
from pydantic import Field

from annotator.export.pieces import Renderer, write_views
from annotator.export.views import Consensus, DocumentView, Judgement, QuoteView
from annotator.jsonio import validate_model
from annotator.models import (
    SCHEMA_VERSION,
    AnnotatorName,
    DocumentId,
    LabelScheme,
    MetadataValue,
    Quote,
    StrictModel,
)

EXPORT_FORMAT = "annotator-export"


class ExportJudgement(StrictModel):
    """One annotator's judgement of one quote (all null/false when they left it unlabelled)."""

    annotator: AnnotatorName
    included: bool = Field(
        description="The quote is in this annotator's quote list (false: they deleted it, or "
        "another annotator added it)"
    )
    stance: str | None
    sentiment: str | None
    speaker: str | None = Field(description="Resolved: the annotator's speaker, else extracted")
    outlet: str | None = Field(description="Resolved: the annotator's outlet, else extracted")
    note: str | None
    flagged: bool
    seconds: float = Field(ge=0.0)
    updated_at: datetime | None


class ExportConsensus(StrictModel):
    majority: str | None = Field(
        description="The value more than half of the annotators who gave one chose; null on a tie"
    )
    agreed: bool = Field(description="At least two annotators gave a value and all gave the same")
    annotators: int = Field(ge=0, description="How many annotators gave a value")


class ExportQuote(Quote):
    """A quote with its extracted attribution and every annotator's judgement."""

    extracted: bool = Field(description="Found by extraction (false: added by an annotator)")
    judgements: list[ExportJudgement]
    stance_consensus: ExportConsensus
    sentiment_consensus: ExportConsensus


class ExportDocument(StrictModel):
    id: DocumentId
    source: str
    sha256: str
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    region: list[str]
    theme: list[str]
    metadata: dict[str, MetadataValue]
    text: str
    quotes: list[ExportQuote]


class ExportFile(StrictModel):
    """Top level of ``annotator export --format json``."""

    format: Literal["annotator-export"] = EXPORT_FORMAT
    schema_version: Literal[1] = SCHEMA_VERSION
    scheme: LabelScheme
    annotators: list[AnnotatorName]
    documents: list[ExportDocument]


def export_judgement(judgement: Judgement) -> dict[str, object]:
    return {
        "annotator": judgement.annotator,
        "included": judgement.included,
        "stance": judgement.stance,
        "sentiment": judgement.sentiment,
        "speaker": judgement.speaker,
        "outlet": judgement.outlet,
        "note": judgement.note,
        "flagged": judgement.flagged,
        "seconds": judgement.seconds,
        "updated_at": judgement.updated_at,
    }


def export_consensus(consensus: Consensus) -> dict[str, object]:
    return {
        "majority": consensus.majority,
        "agreed": consensus.agreed,
        "annotators": consensus.count,
    }


def export_quote(view: QuoteView) -> dict[str, object]:
    return {
        **view.quote.model_dump(),
        "extracted": view.extracted,
        "judgements": [export_judgement(j) for j in view.judgements],
        "stance_consensus": export_consensus(view.stance),
        "sentiment_consensus": export_consensus(view.sentiment),
    }


def export_document(view: DocumentView) -> ExportDocument:
    """The validated export record of one document."""
    document = view.document
    data = {
        "id": document.id,
        "source": document.source,
        "sha256": document.sha256,
        "title": document.title,
        "author": document.author,
        "outlet": document.outlet,
        "published": document.published,
        "region": document.region,
        "theme": document.theme,
        "metadata": document.metadata,
        "text": document.text,
        "quotes": [export_quote(quote) for quote in view.quotes],
    }
    return validate_model(ExportDocument, data, f"export of document {document.id}")


class JsonRenderer(Renderer):
    """The export object: its header, then one validated document per line in ``documents``."""

    separator = b",\n"
    tail = b"\n]}\n"

    def __init__(self, scheme: LabelScheme, annotators: list[str]) -> None:
        super().__init__()
        header = validate_model(
            ExportFile,
            {"scheme": scheme.model_dump(), "annotators": annotators, "documents": []},
            "export header",
        ).model_dump(mode="json")
        del header["documents"]  # written below, one document at a time
        self.head = orjson.dumps(header)[:-1] + b',"documents":[\n'

    def document(self, number: int, view: DocumentView) -> bytes:
        return orjson.dumps(export_document(view).model_dump(mode="json"))


def write_json(
    views: Iterable[DocumentView], scheme: LabelScheme, annotators: list[str], out: BinaryIO
) -> None:
    """Write the export object, one validated document at a time."""
    write_views(JsonRenderer(scheme, annotators), views, out)
