"""Each annotator's agreement with a reference set (the adjudicated gold files).

``annotator agreement --against gold``: for every field and annotator, over the units both the
annotator and the reference labelled, ``accuracy`` (share of units with the reference's value),
``cohen_kappa`` (annotator × reference) and, per label, ``precision`` (of the units the
annotator gave that label, the share the reference gave it too) and ``recall`` (of the units the
reference gave that label, the share the annotator gave it too), with the counts behind them.
Undefined figures (no unit in common, a label never used) are ``null``.
A reference label that records its decisions (``QuoteLabel.decision``) counts only for the
fields it decided: an undecided speaker in a gold label is not the speaker shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from annotator.agreement.kappa import cohen_kappa_from_table
from annotator.agreement.report import Figure, figure
from annotator.agreement.units import FIELDS, Field, field_data
from annotator.models import AnnotationFile, LabelScheme


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LabelScore(_Model):
    precision: Figure
    recall: Figure
    annotator_count: int  # units the annotator gave this label
    reference_count: int  # units the reference gave this label
    both: int  # units both gave it


class AnnotatorScore(_Model):
    n_units: int
    accuracy: Figure
    cohen_kappa: Figure
    per_label: dict[str, LabelScore]


class AgainstReport(_Model):
    """``fields[field][annotator]``: the annotator's figures against ``reference``."""

    reference: str
    annotators: list[str]
    fields: dict[str, dict[str, AnnotatorScore]]

    def to_json_object(self) -> dict[str, object]:
        return self.model_dump(mode="json")


def _ratio(part: int, whole: int) -> Figure:
    return part / whole if whole else None


def agreement_against(
    files: Iterable[AnnotationFile],
    reference: str,
    scheme: LabelScheme,
    fields: Sequence[Field] = FIELDS,
) -> AgainstReport:
    """The figures of every annotator in ``files`` against the ``reference`` annotator's files."""
    files = list(files)
    annotators: list[str] = []
    result: dict[str, dict[str, AnnotatorScore]] = {}
    for field in fields:
        field_result: dict[str, AnnotatorScore] = {}
        current = field_data(
            [_decided_only(a, field) if a.annotator == reference else a for a in files],
            [field],
            scheme,
        )[field]
        names = list(current.annotators)
        if reference not in names:
            result[field] = field_result
            continue
        ref_row = names.index(reference)
        categories = current.coded.categories
        size = len(categories)
        for row, name in enumerate(names):
            if row == ref_row:
                continue
            if name not in annotators:
                annotators.append(name)
            mine, theirs = current.coded.pair(row, ref_row)
            table = np.bincount(mine * size + theirs, minlength=size * size).reshape(size, size)
            total = int(table.sum())
            per_label: dict[str, LabelScore] = {}
            for code, label in enumerate(categories):
                given = int(table[code].sum())
                expected = int(table[:, code].sum())
                if not given and not expected:
                    continue
                both = int(table[code, code])
                per_label[str(label)] = LabelScore(
                    precision=_ratio(both, given),
                    recall=_ratio(both, expected),
                    annotator_count=given,
                    reference_count=expected,
                    both=both,
                )
            field_result[name] = AnnotatorScore(
                n_units=total,
                accuracy=_ratio(int(np.trace(table)), total),
                cohen_kappa=figure(cohen_kappa_from_table(table)) if total else None,
                per_label=per_label,
            )
        result[field] = field_result
    return AgainstReport(reference=reference, annotators=sorted(annotators), fields=result)


def _decided_only(annotation: AnnotationFile, field: Field) -> AnnotationFile:
    """``annotation`` without the labels whose recorded decision leaves ``field`` open."""
    labels = [
        label
        for label in annotation.labels
        if label.decision is None or field in label.decision.fields
    ]
    return annotation.model_copy(update={"labels": labels})
