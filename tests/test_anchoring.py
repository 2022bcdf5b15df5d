"""Re-anchoring labels on another version of a text: kept, moved by saved text, or unplaced."""

from __future__ import annotations

from pathlib import Path

from annotator.anchoring import Placement, anchor_labels, anchor_quotes, occurrences
from annotator.corpus import iter_documents
from annotator.models import Quote, QuoteLabel

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_text() -> str:
    return next(iter_documents([SEEDS / "000_f0025863dcde12f7.txt"])).text


def label_on(text: str, phrase: str, **fields: object) -> QuoteLabel:
    start = text.index(phrase)
    quote = Quote.from_span(text, start, start + len(phrase), kind="direct", speaker="Chung")
    return QuoteLabel.for_quote(quote, "test-1", **fields)


def test_same_text_keeps_every_label() -> None:
    text = seed_text()
    labels = [label_on(text, "“very important,”", stance="neutral"), label_on(text, "“deterring”")]
    report = anchor_labels(labels, text)
    assert [item.placement for item in report.anchored] == [Placement.KEPT, Placement.KEPT]
    assert [item.label for item in report.anchored] == labels
    assert report.summary() == "2 labels unchanged, 0 moved, 0 could not be placed"


def test_text_inserted_before_moves_labels_by_their_saved_text() -> None:
    text = seed_text()
    labels = [
        label_on(text, "“very important,”", stance="balancing", note="keep"),
        label_on(text, "“deterring”", stance="pro-US"),
    ]
    shifted = "Editor's note: this article was updated.\n\n" + text
    shift = len(shifted) - len(text)
    report = anchor_labels(labels, shifted)
    assert [item.placement for item in report.anchored] == [Placement.MOVED, Placement.MOVED]
    for old, item in zip(labels, report.anchored, strict=True):
        moved = item.label
        assert item.old_id == old.quote_id
        assert (moved.quote.start, moved.quote.end) == (
            old.quote.start + shift,
            old.quote.end + shift,
        )
        assert moved.quote_id == f"q{moved.quote.start}-{moved.quote.end}"
        assert shifted[moved.quote.start : moved.quote.end] == old.quote.text
        # the judgement and what was shown stay as they were
        assert moved.model_dump(exclude={"quote_id", "quote"}) == old.model_dump(
            exclude={"quote_id", "quote"}
        )
        assert moved.quote.speaker == "Chung" and moved.quote.extractor == "test-1"


def test_duplicated_sentence_goes_to_the_nearest_copy_and_ids_stay_unique() -> None:
    base = "Kim said “we will talk” on Monday. Later Lee said “we will talk” too. The end."
    first_start = base.index("“we will talk”")
    second_start = base.index("“we will talk”", first_start + 1)
    first = QuoteLabel.for_quote(
        Quote.from_span(base, first_start, first_start + 14, kind="direct"), "t", stance="neutral"
    )
    second = QuoteLabel.for_quote(
        Quote.from_span(base, second_start, second_start + 14, kind="direct"), "t", stance="pro-US"
    )
    # an update adds a line on top and repeats Lee's sentence: three copies of the text
    lee = "Later Lee said “we will talk” too. "
    new = "Update. " + base.replace(lee, lee + lee)
    shift = len("Update. ")
    assert len(occurrences(new, first.quote.text)) == 3
    report = anchor_labels([first, second], new)
    assert [item.placement for item in report.anchored] == [Placement.MOVED, Placement.MOVED]
    starts = [item.label.quote.start for item in report.anchored]
    # each label goes to the copy nearest its old offsets, not to the first copy found
    assert starts == [first_start + shift, second_start + shift]
    assert len({item.new_id for item in report.anchored}) == 2
    assert [item.label.stance for item in report.anchored] == ["neutral", "pro-US"]


def test_deleted_sentence_leaves_its_label_unplaced_and_unchanged() -> None:
    text = seed_text()
    gone = label_on(text, "“deterring”", stance="pro-US")
    stays = label_on(text, "“very important,”", stance="neutral")
    sentence_start = text.rindex(".", 0, gone.quote.start) + 1
    sentence_end = text.index(".", gone.quote.end) + 1
    new = text[:sentence_start] + text[sentence_end:]
    assert gone.quote.text not in new
    report = anchor_labels([gone, stays], new)
    (unplaced,) = report.unplaced
    assert unplaced.label is gone and unplaced.new_id == gone.quote_id
    assert len(report.kept) + len(report.moved) == 1
    assert report.summary().endswith("1 could not be placed")


def test_no_label_moves_onto_the_span_an_unplaced_label_keeps() -> None:
    text = "aaaa bbbb cccc"
    unplaced = QuoteLabel.for_quote(
        Quote.from_span("zzzzz", 0, 4, kind="direct"), "t", stance="neutral"
    )  # q0-4, text "zzzz": nowhere in the new text
    mover = QuoteLabel.for_quote(
        Quote.from_span("xx aaaa", 3, 7, kind="direct"), "t", stance="pro-US"
    )  # saved "aaaa" at 3-7, now found only at 0-4
    report = anchor_labels([unplaced, mover], text)
    placements = {item.old_id: item.placement for item in report.anchored}
    assert placements == {"q0-4": Placement.UNPLACED, "q3-7": Placement.UNPLACED}
    assert len({item.new_id for item in report.anchored}) == 2


def test_added_quotes_are_placed_the_same_way() -> None:
    text = "One. Two said “so”. Three."
    quote = Quote.from_span(text, 14, 18, kind="direct", origin="manual")
    placed, unplaced = anchor_quotes([quote], "Zero. " + text)
    assert unplaced == [] and placed[0].start == 20 and placed[0].text == quote.text
    assert placed[0].id == "q20-24"
    placed, unplaced = anchor_quotes([quote], "One. Three.")
    assert placed == [] and unplaced == [quote]
