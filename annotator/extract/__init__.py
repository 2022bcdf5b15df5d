"""Quote extraction and attribution: split an article into quotes with speaker, role, outlet, cue.

``extract_document(document)`` returns a copy of the document with ``quotes`` (sorted by start,
unique ids ``q<start>-<end>``) and ``entities`` filled. Everything works on the cleaned
``Document.text``; nothing here does I/O or imports the UI.

Modules: ``marks`` (pairing quotation marks), ``sentences`` (sentence spans), ``cues`` (reporting
verb lists from textacy, citron/VerbNet and PARC), ``entities`` (names, roles, fullest forms,
entity list), ``outlets`` (outlet recognition), ``reported`` (cues of a sentence and the span of
the content each introduces), ``attribution`` (subject → speaker/role/outlet), ``extractor`` (the
pass over one document: direct, indirect and mixed quotes with their sources).

Design decisions
----------------
* A **direct** quote's span is the text between its quotation marks (marks excluded). A
  multi-paragraph quotation (closing mark missing at a paragraph end, next paragraph opening with
  a mark) is one quote spanning both paragraphs.
* An **interrupted** quote (``“…,” he said, “…”``) becomes **two linked quotes**: one per quoted
  part, both with the same speaker, role, outlet and cue. The link is the shared cue and speaker;
  keeping the parts separate keeps every span contiguous, so ids stay ``q<start>-<end>`` and an
  analyst can label the parts differently if their stance differs.
* **Nested** quotation marks stay inside the outer quote. Several quoted passages in one sentence
  are separate quotes.
* An **indirect** quote's span is the reported clause (after ``that``, after ``According to X,``,
  or the object of ``stressed``/``expressed``...), without the cue and speaker; it ends at the end of
  the sentence, at a coordinated new cue (``..., and noted that``), at ``(`` or ``;``.
* A reported clause containing quoted fragments is one **mixed** quote; the fragments are not
  repeated as direct quotes. A reported clause that is nothing but one quotation is a direct quote.
* ``X reported that Y said that “…”``: the speaker is Y and X is the outlet when X is an outlet.
* A quotation with no cue in its sentence continues the turn of the last speaker of the same
  paragraph (or of the previous paragraph when the quote opens its paragraph).
* **Confidence** (0..1, levels listed in docs/extraction.md): highest when a quotation sits next
  to its cue and speaker, lower for inherited speakers, bare clauses and noun-phrase content, and
  under 0.5 (``CONFIDENT``) for scare quotes, titles and terms (one or two words, ``an “X”
  format``, ``“X” means``) and short quotations with no cue. A quotation whose closing mark is
  missing loses 0.3. Borderline quotes are kept, never dropped, so the analyst can promote them.
"""

from __future__ import annotations

from annotator.confidence import CONFIDENT
from annotator.extract.entities import build_entities
from annotator.extract.extractor import DocumentExtractor, Found
from annotator.models import Document, Quote

__all__ = ["CONFIDENT", "extract_document", "extract_quotes"]


def _to_quotes(text: str, found: list[Found]) -> list[Quote]:
    by_span: dict[tuple[int, int], Found] = {}
    for item in found:
        key = (item.start, item.end)
        current = by_span.get(key)
        if current is None or item.confidence > current.confidence:
            by_span[key] = item
    quotes = []
    for (start, end), item in sorted(by_span.items()):
        quotes.append(
            Quote.from_span(
                text,
                start,
                end,
                kind=item.kind,
                speaker=item.source.speaker,
                speaker_role=item.source.role,
                outlet=item.source.outlet,
                cue=" ".join(item.cue.split()) if item.cue else None,
                confidence=item.confidence,
            )
        )
    return quotes


def extract_quotes(text: str) -> list[Quote]:
    """The quotes of a cleaned text, sorted by start."""
    return _to_quotes(text, DocumentExtractor(text).run())


def extract_document(document: Document) -> Document:
    """A copy of ``document`` with its quotes and entities extracted."""
    extractor = DocumentExtractor(document.text)
    quotes = _to_quotes(document.text, extractor.run())
    confident = [quote for quote in quotes if quote.confidence >= CONFIDENT]
    entities = build_entities(
        extractor.names,
        [(quote.speaker, quote.speaker_role) for quote in confident],
        sorted({quote.outlet for quote in confident if quote.outlet}),
    )
    return document.model_copy(update={"quotes": quotes, "entities": entities})
