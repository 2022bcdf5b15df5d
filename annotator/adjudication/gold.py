"""The state of each field of an aligned quote, and the gold annotation file it gives.

A field's value is the adjudicator's decision when they made one (:class:`ManualDecision`: took
an annotator's value, or set their own), else what the policy settles. :func:`build_gold` turns
the decided values into an ordinary :class:`~annotator.models.AnnotationFile` under the
adjudicator's name: each decided quote gets a label whose ``decision`` records, per field, how it
was decided and whose value it is; quotes decided not to be quotes are deleted (and listed in the
file's ``adjudication.rejected``). A quote whose existence or bounds are not decided yet is left
out of the gold file. :func:`decisions_from_gold` reads the adjudicator's own decisions back
from a gold file, so that reopening it resumes the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from annotator.adjudication.align import AlignedQuote
from annotator.adjudication.fields import (
    FIELDS,
    NOT_BLOCKING,
    Candidate,
    Settlement,
    candidates,
    comparable,
    same_as,
    settle,
)
from annotator.models import (
    AdjudicationPolicy,
    AdjudicationRecord,
    AnnotationFile,
    DecisionField,
    DecisionMethod,
    Document,
    FieldDecision,
    LabelDecision,
    LabelledQuote,
    Quote,
    QuoteLabel,
    QuoteOrigin,
    SchemeRef,
    current_extractor_version,
    kind_of_text,
)

QuoteStatus = Literal["settled", "rejected", "unsettled"]


@dataclass(frozen=True)
class ManualDecision:
    """The adjudicator's decision on one field: an annotator's value (chosen) or their own."""

    method: DecisionMethod
    value: Any
    chosen: str | None = None


Decisions = dict[tuple[str, DecisionField], ManualDecision]  # by (AlignedQuote.key, field)


@dataclass(frozen=True)
class FieldState:
    field: DecisionField
    candidates: list[Candidate]
    settlement: Settlement | None

    @property
    def settled(self) -> bool:
        return self.settlement is not None

    @property
    def disputed(self) -> bool:
        """Annotators gave more than one value."""
        return len({comparable(self.field, c.value) for c in self.candidates}) > 1

    @property
    def open(self) -> bool:
        """There is something to settle and it is not settled."""
        return bool(self.candidates) and self.settlement is None

    @property
    def value(self) -> Any:
        return None if self.settlement is None else self.settlement.value


def field_state(
    item: AlignedQuote,
    field: DecisionField,
    policy: AdjudicationPolicy,
    decisions: Decisions,
) -> FieldState:
    found = candidates(item, field)
    manual = decisions.get((item.key, field))
    if manual is not None:
        settlement: Settlement | None = Settlement(
            manual.value, manual.method, same_as(field, found, manual.value), manual.chosen
        )
    else:
        settlement = settle(field, found, policy)
        if settlement is None and field == "bounds" and not found:
            settlement = _fallback_bounds(item)
    return FieldState(field, found, settlement)


def _fallback_bounds(item: AlignedQuote) -> Settlement | None:
    """Bounds of a quote nobody kept but the adjudicator accepted: the one proposal there."""
    if len(item.extracted) == 1:
        quote = item.extracted[0]
        return Settlement((quote.start, quote.end), DecisionMethod.UNANIMOUS, ())
    return None


def quote_status(
    item: AlignedQuote, policy: AdjudicationPolicy, decisions: Decisions
) -> QuoteStatus:
    """``rejected`` (decided: not a quote), ``settled`` (every field decided) or ``unsettled``."""
    existence = field_state(item, "quote", policy, decisions)
    if existence.settlement is None:
        return "unsettled"
    if existence.value is False:
        return "rejected"
    for field in FIELDS[1:]:
        if field in NOT_BLOCKING:
            continue
        state = field_state(item, field, policy, decisions)
        if field == "bounds" and state.settlement is None:
            return "unsettled"
        if state.open:
            return "unsettled"
    return "settled"


def _decision_of(settlement: Settlement) -> FieldDecision:
    return FieldDecision(
        method=settlement.method,
        annotators=list(settlement.annotators),
        chosen=settlement.chosen,
    )


def _override(value: str, shown: str | None) -> str | None:
    """A label's own speaker/outlet for the decided ``value`` ('' = none) over the one shown."""
    if comparable("speaker", value) == comparable("speaker", shown or ""):
        return None
    return value


def gold_label(
    item: AlignedQuote,
    quote: Quote,
    policy: AdjudicationPolicy,
    decisions: Decisions,
) -> QuoteLabel:
    """The adjudicated label on ``quote`` (the decided bounds of ``item``)."""
    span = (quote.start, quote.end)
    source = item.label_at(span)
    snapshot = (
        source.quote if source is not None else LabelledQuote.of(quote, current_extractor_version())
    )
    values: dict[str, Any] = {}
    fields: dict[DecisionField, FieldDecision] = {}
    for field in FIELDS:
        state = field_state(item, field, policy, decisions)
        if state.settlement is None:
            continue
        fields[field] = _decision_of(state.settlement)
        value = state.value
        if field in ("stance", "sentiment", "note"):
            values[field] = value
        elif field == "flag":
            values["flagged"] = bool(value)
        elif field == "speaker":
            values["speaker"] = _override(value, snapshot.speaker)
        elif field == "outlet":
            values["outlet"] = _override(value, snapshot.outlet)
    return QuoteLabel(
        quote_id=quote.id,
        quote=snapshot,
        decision=LabelDecision(policy=policy, fields=fields),
        **values,
    )


def build_gold(
    document: Document,
    items: list[AlignedQuote],
    policy: AdjudicationPolicy,
    decisions: Decisions,
    adjudicator: str,
    annotators: list[str],
    scheme: SchemeRef,
    previous: AnnotationFile | None = None,
) -> AnnotationFile:
    """The gold file of ``document`` for what is decided (see the module docstring).

    A label equal to ``previous``'s (but for ``updated_at``) keeps its time, so that saving
    again without a change writes the same bytes.
    """
    extracted_ids = {quote.id for quote in document.quotes}
    before = {} if previous is None else {label.quote_id: label for label in previous.labels}
    labels: list[QuoteLabel] = []
    added: list[Quote] = []
    deleted: list[str] = []
    rejected: dict[str, FieldDecision] = {}
    for item in items:
        existence = field_state(item, "quote", policy, decisions)
        if existence.settlement is None:
            continue
        if existence.value is False:
            deleted.extend(quote.id for quote in item.extracted)
            rejected[item.key] = _decision_of(existence.settlement)
            continue
        bounds = field_state(item, "bounds", policy, decisions)
        if bounds.settlement is None:
            continue
        start, end = bounds.value
        quote = item.quote_at((start, end)) or _own_quote(document, item, start, end)
        deleted.extend(other.id for other in item.extracted if other.id != quote.id)
        if quote.id not in extracted_ids:
            added.append(quote)
        label = gold_label(item, quote, policy, decisions)
        old = before.get(label.quote_id)
        if old is not None and old.model_copy(update={"updated_at": label.updated_at}) == label:
            label = old
        labels.append(label)
    return AnnotationFile(
        annotator=adjudicator,
        document_id=document.id,
        document_sha256=document.sha256,
        scheme=scheme,
        labels=labels,
        added_quotes=added,
        deleted_quotes=sorted(set(deleted)),
        adjudication=AdjudicationRecord(policy=policy, annotators=annotators, rejected=rejected),
    )


def _own_quote(document: Document, item: AlignedQuote, start: int, end: int) -> Quote:
    """A quote on the adjudicator's own bounds, with the attribution of the group's quote."""
    base = next((r.quote for r in item.readings if r.quote is not None), None)
    if base is None and item.extracted:
        base = item.extracted[0]
    return Quote.from_span(
        document.text,
        start,
        end,
        kind=base.kind if base is not None else kind_of_text(document.text[start:end]),
        speaker=None if base is None else base.speaker,
        speaker_role=None if base is None else base.speaker_role,
        outlet=None if base is None else base.outlet,
        cue=None if base is None else base.cue,
        origin=QuoteOrigin.MANUAL,
        replaces=item.extracted[0].id if item.extracted else None,
    )


def decisions_from_gold(gold: AnnotationFile, items: list[AlignedQuote]) -> Decisions:
    """The adjudicator's own decisions (chosen / own value) recorded in ``gold``."""
    decisions: Decisions = {}
    manual = (DecisionMethod.CHOSEN, DecisionMethod.OWN)

    def item_at(start: int, end: int) -> AlignedQuote | None:
        return next((item for item in items if item.contains(start, end)), None)

    for label in gold.labels:
        if label.decision is None:
            continue
        item = item_at(label.quote.start, label.quote.end)
        if item is None:
            continue
        for field, decision in label.decision.fields.items():
            if decision.method in manual:
                decisions[(item.key, field)] = ManualDecision(
                    decision.method, _label_value(label, field), decision.chosen
                )
    if gold.adjudication is not None:
        for quote_id, decision in gold.adjudication.rejected.items():
            start, end = (int(part) for part in quote_id[1:].split("-"))
            item = item_at(start, end)
            if item is not None and decision.method in manual:
                decisions[(item.key, "quote")] = ManualDecision(
                    decision.method, False, decision.chosen
                )
    return decisions


def _label_value(label: QuoteLabel, field: DecisionField) -> Any:
    if field == "quote":
        return True
    if field == "bounds":
        return (label.quote.start, label.quote.end)
    if field == "speaker":
        return label.resolved_speaker or ""
    if field == "outlet":
        return label.resolved_outlet or ""
    if field == "flag":
        return label.flagged
    return getattr(label, field)
