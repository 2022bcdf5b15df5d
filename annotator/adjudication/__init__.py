"""Adjudication: several annotators' work on a document settled into one gold annotation file.

:mod:`~annotator.adjudication.align` groups every annotator's quotes of a document,
:mod:`~annotator.adjudication.fields` gives each field's candidates and settles them by policy,
:mod:`~annotator.adjudication.gold` builds the gold file with each label's provenance,
:mod:`~annotator.adjudication.session` is the adjudicator's session (cursor, undo, autosave) and
:mod:`~annotator.adjudication.summary` the per-document figures and the automatic pass.
No Textual here.
"""

from __future__ import annotations

from annotator.adjudication.align import AlignedQuote, Reading, align_document
from annotator.adjudication.fields import FIELDS, POLICIES, Candidate, Settlement, settle
from annotator.adjudication.session import AdjudicationSession, annotator_files, is_adjudicated
from annotator.adjudication.summary import DocumentSummary, auto_adjudicate, summarise

__all__ = [
    "FIELDS",
    "POLICIES",
    "AdjudicationSession",
    "AlignedQuote",
    "Candidate",
    "DocumentSummary",
    "Reading",
    "Settlement",
    "align_document",
    "annotator_files",
    "auto_adjudicate",
    "is_adjudicated",
    "settle",
    "summarise",
]
