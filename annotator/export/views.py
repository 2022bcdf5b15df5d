"""What every export writes: per document, every quote any annotator sees with each judgement.

Documents are streamed one at a time from the corpus; each annotator's file for a document is
loaded when the document comes up, so memory holds one document's annotations at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from annotator.annotations import (
    effective_quotes,
    labels_by_quote,
    resolved_outlet,
    resolved_speaker,
)
from annotator.models import (
    MANUAL_EXTRACTOR,
    AnnotationFile,
    Document,
    LabelledQuote,
    LabelScheme,
    Quote,
    QuoteLabel,
    QuoteOrigin,
    current_extractor_version,
)
from annotator.store import AnnotationStore


@dataclass(frozen=True)
class Judgement:
    """One annotator's view of one quote."""

    annotator: str
    included: bool  # the quote is in this annotator's effective quote list
    label: QuoteLabel | None
    speaker: str | None  # resolved: the annotator's own, else the one shown when labelling
    outlet: str | None
    shown: Quote | None = None  # the quote as this annotator saw it (a label's saved quote)

    def seen(self, quote: Quote) -> LabelledQuote | Quote:
        """The quote as this annotator saw it (kind, cue, proposed attribution, origin,
        confidence): their label's saved quote, else ``quote`` as listed."""
        return self.label.quote if self.label is not None else quote

    def seen_extractor(self, quote: Quote) -> str:
        """The extractor version of :meth:`seen`: the label's saved one, else ``manual`` for an
        added quote or the current version for a proposal."""
        if self.label is not None:
            return self.label.quote.extractor
        return (
            MANUAL_EXTRACTOR if quote.origin == QuoteOrigin.MANUAL else current_extractor_version()
        )

    @property
    def stance(self) -> str | None:
        return self.label.stance if self.label else None

    @property
    def sentiment(self) -> str | None:
        return self.label.sentiment if self.label else None

    @property
    def note(self) -> str | None:
        return self.label.note if self.label else None

    @property
    def flagged(self) -> bool:
        return self.label.flagged if self.label else False

    @property
    def seconds(self) -> float:
        return self.label.seconds if self.label else 0.0

    @property
    def updated_at(self) -> datetime | None:
        return self.label.updated_at if self.label else None


@dataclass(frozen=True)
class Consensus:
    """Majority value of one label field and whether every annotator who gave one agreed."""

    majority: str | None
    agreed: bool
    count: int  # annotators who gave a value

    @classmethod
    def of(cls, values: Iterable[str | None]) -> Consensus:
        given = [value for value in values if value is not None]
        if not given:
            return cls(majority=None, agreed=False, count=0)
        (top, top_count), *rest = Counter(given).most_common()
        # a strict majority of the annotators who labelled the quote; ties give no majority
        majority = top if top_count * 2 > len(given) else None
        return cls(majority=majority, agreed=len(given) >= 2 and not rest, count=len(given))


@dataclass(frozen=True)
class QuoteView:
    quote: Quote
    extracted: bool  # one of the document's extracted quotes (else added by an annotator)
    judgements: list[Judgement]

    @property
    def stance(self) -> Consensus:
        return Consensus.of(j.stance for j in self.judgements if j.included)

    @property
    def sentiment(self) -> Consensus:
        return Consensus.of(j.sentiment for j in self.judgements if j.included)


@dataclass(frozen=True)
class DocumentView:
    document: Document
    annotations: dict[str, AnnotationFile | None]
    quotes: list[QuoteView] = field(default_factory=list)

    def annotator_quotes(self, annotator: str) -> list[tuple[Quote, Judgement]]:
        """The annotator's effective quotes (text order) with their judgements."""
        result = []
        for view in self.quotes:
            for judgement in view.judgements:
                if judgement.annotator == annotator and judgement.included:
                    result.append((view.quote, judgement))
        return result


def build_view(
    document: Document,
    annotations: dict[str, AnnotationFile | None],
    extracted_ids: set[str] | None = None,
) -> DocumentView:
    """Every quote of the document or of any annotator, in text order, with each judgement.

    ``extracted_ids``: the quotes to mark as extracted (default: the document's quotes).
    """
    if extracted_ids is None:
        extracted_ids = {quote.id for quote in document.quotes}
    quotes: dict[str, Quote] = {quote.id: quote for quote in document.quotes}
    effective: dict[str, set[str]] = {}
    labels = {
        annotator: labels_by_quote(annotation) for annotator, annotation in annotations.items()
    }
    # each label's saved quote as a Quote, made once (the list and the judgement both show it)
    snapshots: dict[str, dict[str, Quote]] = {annotator: {} for annotator in annotations}
    for annotator, annotation in annotations.items():
        their_quotes = effective_quotes(document, annotation, snapshots[annotator])
        effective[annotator] = {quote.id for quote in their_quotes}
        for quote in their_quotes:
            quotes.setdefault(quote.id, quote)
        # a label whose text is not at its offsets (made on another version of the text) is
        # exported from its saved quote, never dropped
        for quote_id in labels[annotator].keys() - effective[annotator]:
            effective[annotator].add(quote_id)
            quotes.setdefault(quote_id, labels[annotator][quote_id].quote.to_quote())
    views = []
    for quote in sorted(quotes.values(), key=lambda q: (q.start, q.end)):
        judgements = []
        for annotator in annotations:
            label = labels[annotator].get(quote.id)
            included = quote.id in effective[annotator]
            judgements.append(
                Judgement(
                    annotator=annotator,
                    included=included,
                    label=label if included else None,
                    speaker=resolved_speaker(quote, label if included else None),
                    outlet=resolved_outlet(quote, label if included else None),
                    shown=(
                        _snapshot(snapshots[annotator], label)
                        if included and label is not None
                        else None
                    ),
                )
            )
        views.append(
            QuoteView(quote=quote, extracted=quote.id in extracted_ids, judgements=judgements)
        )
    return DocumentView(document=document, annotations=annotations, quotes=views)


def _snapshot(made: dict[str, Quote], label: QuoteLabel) -> Quote:
    """The label's saved quote as a :class:`Quote`: the one already made, else a new one."""
    shown = made.get(label.quote_id)
    return shown if shown is not None else label.quote.to_quote()


@dataclass
class ExportSource:
    """Where an export reads from: a document stream, the annotation store, chosen annotators."""

    corpus: Iterable[Document]
    store: AnnotationStore
    annotators: list[str]
    # from the annotation files alone (no corpus): each label's saved quote and attribution
    labels_only: bool = False

    @property
    def scheme(self) -> LabelScheme:
        return self.store.scheme

    def documents(self) -> Iterator[DocumentView]:
        if self.labels_only:
            yield from self._label_views()
            return
        for document in self.corpus:
            yield self.view(document)

    def view(self, document: Document) -> DocumentView:
        """The view of one (extracted) document, with the chosen annotators' files for it."""
        annotations = {
            name: self.store.load(name, document.id, document) for name in self.annotators
        }
        return build_view(document, annotations)

    def _label_views(self) -> Iterator[DocumentView]:
        """One view per document id with annotation files, built from the files alone.

        The document is known only by its id and the sha256 the files name: its other columns
        are empty, its quotes are the labelled and added ones (a label's quote is extracted when
        its saved origin is ``auto``).
        """
        by_document: dict[str, dict[str, AnnotationFile]] = {}
        for annotation in self.store.iter_files(self.annotators):
            by_document.setdefault(annotation.document_id, {})[annotation.annotator] = annotation
        for document_id in sorted(by_document):
            files = by_document[document_id]
            first = next(iter(files.values()))
            document = Document.model_construct(
                id=document_id,
                source=str(self.store.path_for(first.annotator, document_id)),
                sha256=first.document_sha256,
                title=None,
                author=None,
                outlet=None,
                published=None,
                region=[],
                theme=[],
                text="",
                headings=[],
                boilerplate=[],
                metadata={},
                quotes=[],
                entities=[],
            )
            extracted = {
                label.quote_id
                for annotation in files.values()
                for label in annotation.labels
                if label.quote.origin == QuoteOrigin.AUTO
            }
            annotations: dict[str, AnnotationFile | None] = {
                name: files.get(name) for name in self.annotators
            }
            yield build_view(document, annotations, extracted)
