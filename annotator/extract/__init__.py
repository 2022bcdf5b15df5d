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
  a mark) is one quote per paragraph; a continuation without a cue of its own keeps the speaker.
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

from typing import TYPE_CHECKING, Any

from annotator.extract.confidence import CONFIDENT

if TYPE_CHECKING:
    from annotator.extract.document import extract_document, extract_quotes

__all__ = ["CONFIDENT", "extract_document", "extract_quotes"]


def __getattr__(name: str) -> Any:
    # the extractor (regexes compiled at import) loads on first use only, so that reading
    # ``annotator.extract.version`` or a cache hit does not pay for it
    if name in ("extract_document", "extract_quotes"):
        from annotator.extract import document

        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
