"""Per-document adjudication figures and the automatic pass (``annotator adjudicate --auto``).

:func:`summarise` counts a document's aligned quotes by status and lists the unsettled ones
with their open fields; :func:`auto_adjudicate` writes, for each document, the gold file of what
the policy settles (keeping every decision the adjudicator already made) and returns the same
summary of what remains.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.adjudication.fields import FIELDS, NOT_BLOCKING
from annotator.adjudication.session import AdjudicationSession
from annotator.models import AdjudicationPolicy, DecisionField, Document
from annotator.store import AnnotationStore, AnnotationWriter


@dataclass(frozen=True)
class OpenQuote:
    """An unsettled quote: its group key, span and the fields still to decide."""

    key: str
    start: int
    end: int
    text: str
    fields: tuple[DecisionField, ...]


@dataclass(frozen=True)
class DocumentSummary:
    document_id: str
    annotators: tuple[str, ...]
    policy: AdjudicationPolicy
    quotes: int
    settled: int
    rejected: int
    unsettled: int
    open: tuple[OpenQuote, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        return {
            "document_id": self.document_id,
            "annotators": list(self.annotators),
            "policy": self.policy,
            "quotes": self.quotes,
            "settled": self.settled,
            "rejected": self.rejected,
            "unsettled": self.unsettled,
            "open": [
                {
                    "quote": quote.key,
                    "start": quote.start,
                    "end": quote.end,
                    "text": quote.text,
                    "fields": list(quote.fields),
                }
                for quote in self.open
            ],
        }


def summarise(session: AdjudicationSession) -> DocumentSummary:
    statuses = session.statuses()
    open_quotes = []
    for item, status in zip(session.items, statuses, strict=True):
        if status != "unsettled":
            continue
        fields = tuple(
            name
            for name in FIELDS
            if name not in NOT_BLOCKING
            and (
                (state := session.state(name, item)).open
                or (name == "bounds" and state.settlement is None)
            )
        )
        if "quote" in fields:
            fields = ("quote",)  # the rest waits for the quote to be accepted
        open_quotes.append(
            OpenQuote(
                item.key,
                item.start,
                item.end,
                session.document.text[item.start : item.end],
                fields,
            )
        )
    return DocumentSummary(
        document_id=session.document.id,
        annotators=tuple(session.annotators),
        policy=session.policy,
        quotes=len(statuses),
        settled=statuses.count("settled"),
        rejected=statuses.count("rejected"),
        unsettled=statuses.count("unsettled"),
        open=tuple(open_quotes),
    )


def auto_adjudicate(
    documents: list[Document],
    writer: AnnotationWriter,
    policy: AdjudicationPolicy,
) -> list[DocumentSummary]:
    """Write each annotated document's gold file of what ``policy`` settles (see above)."""
    summaries = []
    for document in documents:
        session = AdjudicationSession(document, writer, policy=policy)
        if not session.files:
            continue
        session.save()
        summaries.append(summarise(session))
    return summaries


def corpus_summaries(
    documents: list[Document],
    store: AnnotationStore,
    adjudicator: str,
    policy: AdjudicationPolicy | None = None,
) -> list[DocumentSummary]:
    """The summary of every document (read-only: nothing is written)."""
    return [
        summarise(
            AdjudicationSession(document, None, policy=policy, store=store, adjudicator=adjudicator)
        )
        for document in documents
    ]
