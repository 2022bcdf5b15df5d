"""Reliability data: encoding the usual layouts, and units built from annotation files."""

from __future__ import annotations

import math

import numpy as np
import pytest

from annotator.agreement import encode, krippendorff_alpha
from annotator.agreement.boundaries import boundary_agreement
from annotator.agreement.reliability import MISSING
from annotator.agreement.units import NO_VALUE, field_data
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    Document,
    Quote,
    QuoteLabel,
    sha256_text,
)

TEXT = (
    'The minister said "Seoul must keep both partners close" on Monday. '
    'An aide added "Washington remains our only ally" later. '
    'Beijing\'s envoy warned "sanctions would hurt everyone" in a briefing.'
)


def span_of(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


QUOTES = [
    Quote.from_span(
        TEXT, *span_of('"Seoul must keep both partners close"'), kind="direct", speaker="Park Jin"
    ),
    Quote.from_span(
        TEXT, *span_of('"Washington remains our only ally"'), kind="direct", speaker=None
    ),
    Quote.from_span(
        TEXT,
        *span_of('"sanctions would hurt everyone"'),
        kind="direct",
        speaker="Xing Haiming",
        outlet="Yonhap",
    ),
]
DOCUMENT = Document(
    id="seoul-brief", source="test", sha256=sha256_text(TEXT), text=TEXT, quotes=QUOTES
)


def annotation(name: str, labels: list[QuoteLabel], **edits: object) -> AnnotationFile:
    return AnnotationFile(
        annotator=name,
        document_id=DOCUMENT.id,
        document_sha256=DOCUMENT.sha256,
        scheme=DEFAULT_SCHEME.ref,
        labels=labels,
        **edits,  # type: ignore[arg-type]
    )


def test_encode_layouts_agree() -> None:
    rows = [["b", None, "a"], ["b", "a", None]]
    from_rows = encode(rows)
    assert from_rows.categories == ("a", "b")
    assert from_rows.codes.tolist() == [[1, MISSING, 0], [1, 0, MISSING]]
    array = np.array([[2.0, np.nan, 1.0], [2.0, 1.0, np.nan]])
    from_array = encode(array)
    assert from_array.categories == (1, 2)
    assert from_array.codes.tolist() == from_rows.codes.tolist()
    ordered = encode(array, categories=[2, 1])
    assert ordered.codes.tolist() == [[0, MISSING, 1], [0, 1, MISSING]]
    with_nan = encode([[1.5, float("nan"), 2.5], [1.5, 2.5, None]])
    assert with_nan.categories == (1.5, 2.5)
    assert with_nan.codes[0, 1] == MISSING
    with pytest.raises(ValueError, match="not one of the categories"):
        encode(array, categories=[1, 3])


def test_large_non_integer_values_are_sorted_not_binned() -> None:
    array = np.array([[0.5, 1e6, -3.25], [0.5, 1e6, 7.0]])
    assert encode(array).categories == (-3.25, 0.5, 7.0, 1e6)
    assert krippendorff_alpha(array, "interval") == pytest.approx(
        krippendorff_alpha(array.tolist(), "interval")
    )


def test_stance_and_sentiment_units() -> None:
    alice = annotation(
        "alice",
        [
            QuoteLabel.for_quote(QUOTES[0], stance="balancing", sentiment="neutral"),
            QuoteLabel.for_quote(QUOTES[1], stance="pro-US"),
        ],
    )
    bob = annotation(
        "bob", [QuoteLabel.for_quote(QUOTES[1], stance="pro-US", sentiment="positive")]
    )
    data = field_data([alice, bob], ("stance", "sentiment"), DEFAULT_SCHEME)
    stance = data["stance"]
    assert stance.annotators == ("alice", "bob")
    assert stance.units == ((DOCUMENT.id, QUOTES[0].id), (DOCUMENT.id, QUOTES[1].id))
    assert stance.coded.categories == tuple(DEFAULT_SCHEME.stance_values())
    assert stance.coded.codes.tolist() == [[2, 0], [MISSING, 0]]
    sentiment = data["sentiment"]
    assert sentiment.ordered
    assert sentiment.coded.codes.tolist() == [[1, MISSING], [MISSING, 2]]


def test_speaker_comes_from_the_label_alone() -> None:
    alice = annotation(
        "alice",
        [
            QuoteLabel.for_quote(QUOTES[0], stance="neutral"),
            QuoteLabel.for_quote(QUOTES[1], speaker="Cho Tae-yul"),
            QuoteLabel.for_quote(QUOTES[2], speaker="Xing Haiming"),
        ],
    )
    bob = annotation(
        "bob",
        [
            QuoteLabel.for_quote(QUOTES[0], stance="neutral"),
            QuoteLabel.for_quote(QUOTES[1], speaker="cho tae-yul "),
            QuoteLabel.for_quote(QUOTES[2], stance="neutral"),
        ],
    )
    speaker = field_data([alice, bob], ("speaker",), DEFAULT_SCHEME)["speaker"]
    values = [[speaker.coded.categories[code] for code in row] for row in speaker.coded.codes]
    # "as shown" is the speaker saved with the label: typing it agrees with accepting it
    assert values == [
        ["Park Jin", "Cho Tae-yul", "Xing Haiming"],
        ["Park Jin", "Cho Tae-yul", "Xing Haiming"],
    ]
    assert krippendorff_alpha(speaker.coded) == 1.0


def test_speaker_saved_with_the_label_wins_over_a_new_extraction() -> None:
    # bob labelled when the extractor proposed another speaker for the first quote
    older = QUOTES[0].model_copy(update={"speaker": "Yoon Suk Yeol"})
    alice = annotation("alice", [QuoteLabel.for_quote(QUOTES[0], stance="neutral")])
    bob = annotation("bob", [QuoteLabel.for_quote(older, "rules-2025.01", stance="neutral")])
    speaker = field_data([alice, bob], ("speaker",), DEFAULT_SCHEME)["speaker"]
    values = [[speaker.coded.categories[code] for code in row] for row in speaker.coded.codes]
    assert values == [["Park Jin"], ["Yoon Suk Yeol"]]
    assert krippendorff_alpha(speaker.coded) < 1.0


def test_added_quotes_resolve_without_corpus() -> None:
    start, end = span_of("Beijing's envoy")
    added = Quote.from_span(TEXT, start, end, kind="indirect", origin="manual", outlet="")
    alice = annotation(
        "alice", [QuoteLabel.for_quote(added, stance="pro-China")], added_quotes=[added]
    )
    outlet = field_data([alice], ("outlet",), DEFAULT_SCHEME)["outlet"]
    assert outlet.coded.categories == (NO_VALUE,)
    assert outlet.coded.codes.tolist() == [[0]]
    assert math.isnan(krippendorff_alpha(outlet.coded))  # one annotator: undefined


def test_boundaries_count_from_the_corpus_when_given() -> None:
    alice = annotation("alice", [QuoteLabel.for_quote(QUOTES[0], stance="neutral")])
    bob = annotation("bob", [], deleted_quotes=[QUOTES[2].id])
    without_corpus = boundary_agreement([alice, bob])
    # only quotes someone touched are known: QUOTES[0] and QUOTES[2]
    assert without_corpus.annotators["alice"].kept == 2
    assert without_corpus.annotators["bob"].kept == 1
    with_corpus = boundary_agreement([alice, bob], {DOCUMENT.id: DOCUMENT})
    assert with_corpus.annotators["alice"].kept == 3
    assert with_corpus.annotators["bob"].kept == 2
    pair = with_corpus.pairs[("alice", "bob")]
    assert pair.exact_matches == 2
    assert pair.exact_f1 == pytest.approx(4 / 5)
    assert with_corpus.any_edits


def test_kept_quotes_without_any_edit_count_as_with_an_edit_elsewhere() -> None:
    # no file edits a quote: the counts are taken without parsing spans; an edit in another
    # document takes the general way, and this document's counts stay the same
    alice = annotation(
        "alice",
        [QuoteLabel.for_quote(QUOTES[0], stance="neutral"), QuoteLabel.for_quote(QUOTES[1])],
    )
    bob = annotation("bob", [QuoteLabel.for_quote(QUOTES[1], stance="pro-US")])
    unedited = boundary_agreement([alice, bob])
    assert not unedited.any_edits
    counts = {
        name: (c.documents, c.kept, c.added, c.deleted) for name, c in unedited.annotators.items()
    }
    assert counts == {"alice": (1, 2, 0, 0), "bob": (1, 2, 0, 0)}
    elsewhere = bob.model_copy(
        update={"document_id": "other", "labels": [], "deleted_quotes": [QUOTES[2].id]}
    )
    edited = boundary_agreement([alice, bob, elsewhere])
    assert edited.any_edits
    assert edited.annotators["alice"].kept == 2
    assert edited.annotators["bob"].kept == 2 + 0  # here both quotes, there none (deleted)
    assert edited.annotators["bob"].documents == 2


def test_repeated_names_keep_the_first_form_across_files() -> None:
    # the same raw spellings recur in many files; each keeps mapping to the first form seen
    spellings = ["xing  haiming", "Xing Haiming", "XING HAIMING ", "xing  haiming", "(None)", ""]
    files = [
        annotation(f"a{index}", [QuoteLabel.for_quote(QUOTES[2], speaker=spelling)])
        for index, spelling in enumerate(spellings)
    ]
    speaker = field_data(files, ("speaker",), DEFAULT_SCHEME)["speaker"]
    values = [speaker.coded.categories[row[0]] for row in speaker.coded.codes]
    assert values == ["xing haiming"] * 4 + ["(None)", NO_VALUE]
    assert speaker.coded.categories == (NO_VALUE, "(None)", "xing haiming")
