"""The flat row shared by the ``jsonl`` and ``csv`` exports: one per (quote, annotator).

Document and quote fields are flattened into columns so that pandas ``read_json(lines=True)``,
``read_csv`` and DuckDB read the file directly. A quote seen by no annotator (or a corpus with no
annotators) still gets one row, with ``annotator`` null. On the row of an annotator's label, the
quote's kind, cue, confidence and ``extracted_*`` columns are the quote as that annotator saw it
when labelling (the label's saved quote), not a re-extraction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from pydantic import Field

from annotator.export.views import DocumentView
from annotator.models import Quote, StrictModel


class ExportRow(StrictModel):
    document_id: str
    document_title: str | None
    document_author: str | None
    document_outlet: str | None
    document_published: str | None
    document_region: str | None = Field(description="The document's regions, joined by '; '")
    document_theme: str | None = Field(description="The document's themes, joined by '; '")
    document_source: str
    quote_id: str
    quote_start: int = Field(description="Python string index (code points), inclusive")
    quote_end: int = Field(description="Python string index (code points), exclusive")
    quote_text: str
    quote_kind: str
    quote_origin: str
    quote_extracted: bool
    quote_cue: str | None
    quote_confidence: float
    extracted_speaker: str | None
    speaker_role: str | None
    extracted_outlet: str | None
    annotator: str | None
    included: bool
    speaker: str | None = Field(description="Resolved speaker (the annotator's, else extracted)")
    outlet: str | None = Field(description="Resolved outlet (the annotator's, else extracted)")
    stance: str | None
    sentiment: str | None
    note: str | None
    flagged: bool
    seconds: float
    updated_at: datetime | None
    majority_stance: str | None
    stance_agreed: bool
    majority_sentiment: str | None
    sentiment_agreed: bool


ROW_FIELDS: list[str] = list(ExportRow.model_fields)


def shown_fields(quote: Quote) -> dict[str, object]:
    """The quote columns of a labelled row: as the annotator saw the quote when labelling."""
    return {
        "quote_kind": quote.kind.value,
        "quote_origin": quote.origin.value,
        "quote_cue": quote.cue,
        "quote_confidence": quote.confidence,
        "extracted_speaker": quote.speaker,
        "speaker_role": quote.speaker_role,
        "extracted_outlet": quote.outlet,
    }


def iter_rows(views: Iterable[DocumentView]) -> Iterator[dict[str, object]]:
    """Row dicts (keys in ``ROW_FIELDS`` order), document by document, quotes in text order."""
    for view in views:
        document = view.document
        for quote_view in view.quotes:
            quote = quote_view.quote
            stance, sentiment = quote_view.stance, quote_view.sentiment
            base: dict[str, object] = {
                "document_id": document.id,
                "document_title": document.title,
                "document_author": document.author,
                "document_outlet": document.outlet,
                "document_published": document.published,
                "document_region": "; ".join(document.region) or None,
                "document_theme": "; ".join(document.theme) or None,
                "document_source": document.source,
                "quote_id": quote.id,
                "quote_start": quote.start,
                "quote_end": quote.end,
                "quote_text": quote.text,
                "quote_kind": quote.kind.value,
                "quote_origin": quote.origin.value,
                "quote_extracted": quote_view.extracted,
                "quote_cue": quote.cue,
                "quote_confidence": quote.confidence,
                "extracted_speaker": quote.speaker,
                "speaker_role": quote.speaker_role,
                "extracted_outlet": quote.outlet,
            }
            consensus = {
                "majority_stance": stance.majority,
                "stance_agreed": stance.agreed,
                "majority_sentiment": sentiment.majority,
                "sentiment_agreed": sentiment.agreed,
            }
            if not quote_view.judgements:
                yield {
                    **base,
                    "annotator": None,
                    "included": True,
                    "speaker": quote.speaker,
                    "outlet": quote.outlet,
                    "stance": None,
                    "sentiment": None,
                    "note": None,
                    "flagged": False,
                    "seconds": 0.0,
                    "updated_at": None,
                    **consensus,
                }
                continue
            for judgement in quote_view.judgements:
                shown = judgement.shown
                yield {
                    **base,
                    **({} if shown is None else shown_fields(shown)),
                    "annotator": judgement.annotator,
                    "included": judgement.included,
                    "speaker": judgement.speaker,
                    "outlet": judgement.outlet,
                    "stance": judgement.stance,
                    "sentiment": judgement.sentiment,
                    "note": judgement.note,
                    "flagged": judgement.flagged,
                    "seconds": judgement.seconds,
                    "updated_at": judgement.updated_at,
                    **consensus,
                }
