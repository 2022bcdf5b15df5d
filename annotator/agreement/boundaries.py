"""Quote-boundary agreement: which quotes each annotator kept, and span-level F1 between pairs.

An annotator's quotes in a document are the extracted quotes minus those they deleted plus
those they added (:func:`annotator.annotations.effective_quotes`). Without the corpus the
extracted quotes are taken to be every quote id some annotator labelled or deleted in that
document that nobody added — quotes nobody touched are then missing from every annotator's list
alike, which leaves the F1 between annotators unchanged but lowers the counts of kept quotes.
Pass ``documents`` to count from the real extraction.

F1 between two annotators (micro-averaged over the documents both have a file for):
- *exact*: a quote matches when both kept the very same span;
- *overlap*: precision is the share of the first annotator's quotes that overlap one of the
  second's, recall the same the other way round.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate, combinations

from annotator.agreement.columns import AnnotationColumns, as_columns
from annotator.models import AnnotationFile, Document, span_of_quote_id

Span = tuple[int, int]


@dataclass
class AnnotatorQuotes:
    """One annotator's quote edits, summed over documents."""

    documents: int = 0
    kept: int = 0
    added: int = 0
    deleted: int = 0


@dataclass
class PairBoundaries:
    documents: int = 0
    exact_matches: int = 0
    first_quotes: int = 0
    second_quotes: int = 0
    first_overlapping: int = 0
    second_overlapping: int = 0

    @property
    def exact_f1(self) -> float:
        total = self.first_quotes + self.second_quotes
        return 2.0 * self.exact_matches / total if total else math.nan

    @property
    def overlap_f1(self) -> float:
        if not self.first_quotes or not self.second_quotes:
            return math.nan
        precision = self.first_overlapping / self.first_quotes
        recall = self.second_overlapping / self.second_quotes
        return 2.0 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class BoundaryAgreement:
    any_edits: bool
    annotators: dict[str, AnnotatorQuotes] = field(default_factory=dict)
    pairs: dict[tuple[str, str], PairBoundaries] = field(default_factory=dict)


def boundary_agreement(
    files: Iterable[AnnotationFile | AnnotationColumns],
    documents: Mapping[str, Document] | None = None,
) -> BoundaryAgreement:
    by_document: dict[str, dict[str, AnnotationColumns]] = defaultdict(dict)
    edited = False
    for annotation in map(as_columns, files):
        by_document[annotation.document_id][annotation.annotator] = annotation
        edited = edited or bool(annotation.added_quotes or annotation.deleted_quotes)
    names = sorted({name for files_of in by_document.values() for name in files_of})
    result = BoundaryAgreement(
        any_edits=False, annotators={name: AnnotatorQuotes() for name in names}
    )
    for first, second in combinations(names, 2):
        result.pairs[(first, second)] = PairBoundaries()
    kept_by_document: list[dict[str, set[Span]]] = []
    for document_id, files_of in by_document.items():
        document = documents.get(document_id) if documents else None
        if not edited and document is None:
            # nobody added or deleted a quote: each kept every quote labelled in the document
            # (label ids are q<start>-<end> of their spans: as many ids as spans)
            labelled = len(set().union(*(annotation.quote_ids for annotation in files_of.values())))
            for name in files_of:
                result.annotators[name].documents += 1
                result.annotators[name].kept += labelled
            continue
        extracted = _extracted_spans(files_of.values(), document)
        kept: dict[str, set[Span]] = {}
        kept_by_document.append(kept)
        for name, annotation in files_of.items():
            deleted = {span_of_quote_id(quote_id) for quote_id in annotation.deleted_quotes}
            added = {(quote.start, quote.end) for quote in annotation.added_quotes}
            kept[name] = (extracted - deleted) | added
            counts = result.annotators[name]
            counts.documents += 1
            counts.kept += len(kept[name])
            counts.added += len(added)
            counts.deleted += len(deleted)
            result.any_edits = result.any_edits or bool(added or deleted)
    if not result.any_edits:
        return result  # everyone kept the same quotes: nothing to compare
    for kept in kept_by_document:
        for first, second in combinations(sorted(kept), 2):
            _add_pair(result.pairs[(first, second)], kept[first], kept[second])
    return result


def _extracted_spans(files: Iterable[AnnotationColumns], document: Document | None) -> set[Span]:
    if document is not None:
        return {(quote.start, quote.end) for quote in document.quotes}
    seen: set[str] = set()
    added: set[str] = set()
    for annotation in files:
        seen.update(annotation.quote_ids)
        seen.update(annotation.deleted_quotes)
        added.update(quote.id for quote in annotation.added_quotes)
    return {span_of_quote_id(quote_id) for quote_id in seen - added}


def _add_pair(pair: PairBoundaries, first: set[Span], second: set[Span]) -> None:
    pair.documents += 1
    pair.exact_matches += len(first & second)
    pair.first_quotes += len(first)
    pair.second_quotes += len(second)
    pair.first_overlapping += _count_overlapping(first, second)
    pair.second_overlapping += _count_overlapping(second, first)


def _count_overlapping(spans: set[Span], others: set[Span]) -> int:
    """How many of ``spans`` overlap at least one of ``others`` (O(n log n))."""
    if not spans or not others:
        return 0
    shared = spans & others  # a span both kept overlaps itself
    spans = spans - shared
    if not spans:
        return len(shared)
    ordered = sorted(others)
    starts = [start for start, _ in ordered]
    furthest_end = list(accumulate((end for _, end in ordered), max))
    count = 0
    for start, end in spans:
        candidates = bisect_left(starts, end)  # others starting before this span ends
        if candidates and furthest_end[candidates - 1] > start:
            count += 1
    return count + len(shared)
