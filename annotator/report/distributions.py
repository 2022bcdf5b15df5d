"""Distributions of the labels: stance and sentiment by outlet, speaker and publication month,
labels per annotator and seconds per quote.

Every count is of labels (one per annotator and quote), so a quote two analysts labelled counts
twice. A label's **outlet** is the outlet its quote is attributed to — the annotator's, else the
one shown with the quote — and, when that is none, the article's own outlet; its **speaker** is
the one the annotator settled on (the same reading as ``annotator agreement``), names equal up to
case and spacing counted together. The article's outlet and publication date come from the corpus
when one is given; annotation files alone do not carry them, so without a corpus such labels count
under :data:`OWN_OUTLET` and :data:`NO_DATE`. Seconds are those recorded while the quote was the
current one in the UI; a label with no time recorded (set from the shell, imported) is counted
as untimed and left out of the times.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict

from annotator.agreement.units import NO_VALUE, _name
from annotator.models import AnnotationFile, LabelScheme

LabelField = Literal["stance", "sentiment"]
Grouping = Literal["outlet", "speaker", "month", "annotator"]
LABEL_FIELDS: tuple[LabelField, ...] = ("stance", "sentiment")
GROUPINGS: tuple[Grouping, ...] = ("outlet", "speaker", "month", "annotator")

GROUPING_TITLES: dict[str, str] = {
    "outlet": "by outlet",
    "speaker": "by speaker",
    "month": "by publication month",
    "annotator": "per annotator",
}
DEFAULT_TOP = 10
OTHER = "(other)"
OWN_OUTLET = "(article's outlet, no corpus)"
UNKNOWN_OUTLET = "(unknown)"
NO_DATE = "(no date)"
#: Upper bounds (seconds) of the time bins; the last bin is open.
SECOND_BINS: tuple[float, ...] = (5, 10, 20, 30, 60, 120)


class StatsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GroupCounts(StatsModel):
    """One bar: a group's label counts in the scheme's order."""

    group: str
    counts: dict[str, int]
    total: int


class Breakdown(StatsModel):
    """One chart: ``field`` (stance or sentiment) counted by ``by``."""

    field: LabelField
    by: Grouping
    labels: list[str]
    groups: list[GroupCounts]
    others: int = 0  # groups summed into the "(other)" bar beyond the top N


class AnnotatorSummary(StatsModel):
    annotator: str
    documents: int
    labels: int
    stance: int
    sentiment: int
    flagged: int


class SecondsSummary(StatsModel):
    """Time per quote of one annotator: counts per bin, and figures over the timed labels."""

    annotator: str
    timed: int
    untimed: int
    median: float | None
    mean: float | None
    total: float
    bins: dict[str, int]


class Statistics(StatsModel):
    """Everything ``annotator stats --json`` prints."""

    annotators: list[str]
    documents: int
    labels: int
    metadata: Literal["corpus", "annotation files"]
    top: int
    breakdowns: list[Breakdown]
    per_annotator: list[AnnotatorSummary]
    seconds: list[SecondsSummary]

    def breakdown(self, field: LabelField, by: Grouping) -> Breakdown:
        return next(item for item in self.breakdowns if item.field == field and item.by == by)


def bin_names() -> list[str]:
    """``0–5 s``, ``5–10 s``, …, ``120+ s``: the names of :data:`SECOND_BINS`."""
    names, low = [], 0.0
    for high in SECOND_BINS:
        names.append(f"{low:g}–{high:g} s")
        low = high
    names.append(f"{low:g}+ s")
    return names


def _bin_of(seconds: float) -> int:
    for index, high in enumerate(SECOND_BINS):
        if seconds < high:
            return index
    return len(SECOND_BINS)


def month_of(published: str | None) -> str:
    """``2021-04`` from an ISO date (``2021-04-26``), :data:`NO_DATE` without one."""
    if not published or len(published) < 7:
        return NO_DATE
    return published[:7]


class ArticleMetadata(Protocol):
    """What the statistics read of an article: a :class:`Document` or a listing's summary."""

    @property
    def outlet(self) -> str | None: ...

    @property
    def published(self) -> str | None: ...


def compute_statistics(
    files: Iterable[AnnotationFile],
    scheme: LabelScheme,
    documents: Mapping[str, ArticleMetadata] | None = None,
    top: int = DEFAULT_TOP,
) -> Statistics:
    """The distributions of the labels in ``files``; ``documents`` (by id) give article metadata."""
    annotation_files = list(files)
    categories: dict[LabelField, list[str]] = {
        "stance": scheme.stance_values(),
        "sentiment": scheme.sentiment_values(),
    }
    # one count per distinct (outlet, speaker, month, annotator, stance, sentiment): labels
    # repeat these a lot, so the per-label work is one tuple and one increment
    combinations: Counter[tuple[str, str, str, str, str | None, str | None]] = Counter()
    speaker_forms: dict[str, str] = {}
    outlet_forms: dict[str, str] = {}
    speakers: dict[str | None, str] = {}
    outlets: dict[str | None, str] = {}
    documents_of: Counter[str] = Counter()
    labels_of: Counter[str] = Counter()
    flagged_of: Counter[str] = Counter()
    seconds: dict[str, list[float]] = defaultdict(list)
    untimed: Counter[str] = Counter()
    for annotation in annotation_files:
        name = annotation.annotator
        documents_of[name] += 1
        labels_of[name] += len(annotation.labels)
        document = documents.get(annotation.document_id) if documents is not None else None
        if documents is None:
            own_outlet, month = OWN_OUTLET, NO_DATE
        elif document is None:
            own_outlet, month = UNKNOWN_OUTLET, NO_DATE
        else:
            own_outlet, month = document.outlet or UNKNOWN_OUTLET, month_of(document.published)
        timed = seconds[name]
        for label in annotation.labels:
            if label.flagged:
                flagged_of[name] += 1
            if label.seconds > 0:
                timed.append(label.seconds)
            else:
                untimed[name] += 1
            raw_speaker = label.resolved_speaker
            speaker = speakers.get(raw_speaker)
            if speaker is None:
                speaker = speakers[raw_speaker] = _name(raw_speaker or "", speaker_forms)
            raw_outlet = label.resolved_outlet
            outlet = outlets.get(raw_outlet)
            if outlet is None:
                outlet = outlets[raw_outlet] = (
                    _name(raw_outlet, outlet_forms) if raw_outlet and raw_outlet.strip() else ""
                )
            combinations[
                (outlet or own_outlet, speaker, month, name, label.stance, label.sentiment)
            ] += 1
    counts: dict[tuple[LabelField, Grouping], dict[str, Counter[str]]] = {
        (field, by): defaultdict(Counter) for field in LABEL_FIELDS for by in GROUPINGS
    }
    valued: dict[LabelField, Counter[str]] = {field: Counter() for field in LABEL_FIELDS}
    for key, number in combinations.items():
        for offset, field in enumerate(LABEL_FIELDS):
            value = key[4 + offset]
            if value is None:
                continue
            valued[field][key[3]] += number
            for position, by in enumerate(GROUPINGS):
                counts[(field, by)][key[position]][value] += number
    breakdowns = [
        _breakdown(field, by, categories[field], counts[(field, by)], top)
        for field in LABEL_FIELDS
        for by in GROUPINGS
    ]
    names = sorted(documents_of)
    return Statistics(
        annotators=names,
        documents=len({annotation.document_id for annotation in annotation_files}),
        labels=sum(labels_of.values()),
        metadata="annotation files" if documents is None else "corpus",
        top=top,
        breakdowns=breakdowns,
        per_annotator=[
            AnnotatorSummary(
                annotator=name,
                documents=documents_of[name],
                labels=labels_of[name],
                stance=valued["stance"][name],
                sentiment=valued["sentiment"][name],
                flagged=flagged_of[name],
            )
            for name in names
        ],
        seconds=[_seconds_summary(name, seconds[name], untimed[name]) for name in names],
    )


def _breakdown(
    field: LabelField,
    by: Grouping,
    labels: list[str],
    counts: Mapping[str, Counter[str]],
    top: int,
) -> Breakdown:
    def bar(group: str, counter: Counter[str]) -> GroupCounts:
        row = {label: counter.get(label, 0) for label in labels}
        return GroupCounts(group=group, counts=row, total=sum(row.values()))

    bars = [bar(group, counter) for group, counter in counts.items()]
    if by in ("month", "annotator"):
        # chronological (undated last) and alphabetical: every group is shown
        bars.sort(key=lambda item: (item.group == NO_DATE, item.group))
        return Breakdown(field=field, by=by, labels=labels, groups=bars)
    bars.sort(key=lambda item: (-item.total, item.group == NO_VALUE, item.group.casefold()))
    shown, rest = bars[:top], bars[top:]
    if rest:
        other: Counter[str] = Counter()
        for item in rest:
            other.update(item.counts)
        shown.append(bar(OTHER, other))
    return Breakdown(field=field, by=by, labels=labels, groups=shown, others=len(rest))


def _seconds_summary(name: str, values: list[float], untimed: int) -> SecondsSummary:
    bins = dict.fromkeys(bin_names(), 0)
    names = list(bins)
    for value in values:
        bins[names[_bin_of(value)]] += 1
    return SecondsSummary(
        annotator=name,
        timed=len(values),
        untimed=untimed,
        median=statistics.median(values) if values else None,
        mean=round(statistics.fmean(values), 3) if values else None,
        total=round(sum(values), 3),
        bins=bins,
    )
