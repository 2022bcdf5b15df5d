"""Adjudication core: alignment of annotators' quotes, policies, gold files and the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.adjudication.align import align_document
from annotator.adjudication.fields import Candidate, candidates, settle
from annotator.adjudication.session import AdjudicationSession
from annotator.errors import AnnotatorError
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    DecisionMethod,
    Document,
    Quote,
    QuoteKind,
    QuoteLabel,
    QuoteOrigin,
    sha256_text,
)
from annotator.store import AnnotationStore, load_annotation_file

TEXT = (
    "“We will stand with Washington,” the minister said. "
    "Officials said that ties with Beijing remain vital for trade. "
    "“Nothing is decided yet,” an aide added. "
    "The author notes that Seoul walks a tightrope between both powers."
)


def span(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


Q1 = span("“We will stand with Washington,”")
Q2 = span("ties with Beijing remain vital for trade")
Q2_LONGER = span("ties with Beijing remain vital for trade.")
Q3 = span("“Nothing is decided yet,”")
Q4 = span("Seoul walks a tightrope between both powers")


def make_document() -> Document:
    quotes = [
        Quote.from_span(TEXT, *Q1, kind=QuoteKind.DIRECT, speaker="the minister"),
        Quote.from_span(TEXT, *Q2, kind=QuoteKind.INDIRECT, speaker="Officials"),
        Quote.from_span(TEXT, *Q3, kind=QuoteKind.DIRECT, speaker="an aide"),
    ]
    return Document(id="doc", source="doc.txt", sha256=sha256_text(TEXT), text=TEXT, quotes=quotes)


def label(document: Document, bounds: tuple[int, int], **fields: object) -> QuoteLabel:
    quote = next(
        (q for q in document.quotes if (q.start, q.end) == bounds),
        None,
    ) or Quote.from_span(document.text, *bounds, kind=QuoteKind.INDIRECT, origin=QuoteOrigin.MANUAL)
    return QuoteLabel.for_quote(quote, "rules-test", **fields)


def annotation(
    name: str,
    document: Document,
    labels: list[QuoteLabel],
    added: list[tuple[int, int]] = (),  # type: ignore[assignment]
    deleted: list[tuple[int, int]] = (),  # type: ignore[assignment]
    replaces: str | None = None,
) -> AnnotationFile:
    added_quotes = [
        Quote.from_span(
            document.text,
            *bounds,
            kind=QuoteKind.INDIRECT,
            origin=QuoteOrigin.MANUAL,
            replaces=replaces,
        )
        for bounds in added
    ]
    return AnnotationFile(
        annotator=name,
        document_id=document.id,
        document_sha256=document.sha256,
        scheme=DEFAULT_SCHEME.ref,
        labels=labels,
        added_quotes=added_quotes,
        deleted_quotes=[f"q{s}-{e}" for s, e in deleted],
    )


def team(document: Document) -> list[AnnotationFile]:
    """alice, bob and carol disagree in every way an adjudicator meets."""
    q2 = f"q{Q2[0]}-{Q2[1]}"
    alice = annotation(
        "alice",
        document,
        [
            label(document, Q1, stance="pro-US", sentiment="positive"),
            label(document, Q2, stance="pro-China", sentiment="neutral", note="trade"),
            label(document, Q3, stance="neutral", sentiment="neutral"),
        ],
    )
    bob = annotation(  # re-bounds Q2 (one character longer), deletes Q3, adds Q4
        "bob",
        document,
        [
            label(document, Q1, stance="pro-US", sentiment="negative", speaker="Chung"),
            label(document, Q2_LONGER, stance="pro-China", sentiment="neutral", flagged=True),
            label(document, Q4, stance="balancing", sentiment="neutral", speaker="the author"),
        ],
        added=[Q2_LONGER, Q4],
        deleted=[Q2, Q3],
        replaces=None,
    )
    bob.added_quotes[0] = bob.added_quotes[0].model_copy(update={"replaces": q2})
    carol = annotation(
        "carol",
        document,
        [
            label(document, Q1, stance="balancing", sentiment="negative", speaker=" chung "),
            label(document, Q2, stance="pro-China", sentiment="neutral"),
        ],
        deleted=[Q3],
    )
    return [alice, bob, carol]


# --------------------------------------------------------------------------- alignment


def test_alignment_groups_same_and_rebounded_spans_and_quotes_only_some_have() -> None:
    document = make_document()
    items = align_document(document, team(document))
    assert [(item.start, item.end) for item in items] == [Q1, Q2_LONGER, Q3, Q4]
    q1, q2, q3, q4 = items
    assert [r.span for r in q1.readings] == [Q1, Q1, Q1]
    # bob's re-bounded quote (overlapping, replaces Q2) is in the same group as Q2
    assert [r.span for r in q2.readings] == [Q2, Q2_LONGER, Q2]
    assert {quote.id for quote in q2.extracted} == {f"q{Q2[0]}-{Q2[1]}"}
    # Q3: alice kept it, bob and carol deleted it; Q4: only bob added it
    assert [r.quote is not None for r in q3.readings] == [True, False, False]
    assert [r.quote is not None for r in q4.readings] == [False, True, False]
    assert q4.extracted == ()


def test_overlapping_spans_without_replaces_are_one_group() -> None:
    document = make_document()
    wider = span("Officials said that ties with Beijing remain vital for trade.")
    alice = annotation("alice", document, [label(document, Q2, stance="neutral")])
    bob = annotation("bob", document, [label(document, wider, stance="neutral")], added=[wider])
    items = align_document(document, [alice, bob])
    group = next(item for item in items if item.contains(*Q2))
    # bob kept the proposal too: his reading is the quote he labelled
    assert [r.span for r in group.readings] == [Q2, wider]
    assert (group.start, group.end) == wider
    assert group.key == f"q{wider[0]}-{wider[1]}"


# --------------------------------------------------------------------------- policies


def test_unanimous_and_majority_policies() -> None:
    three = [Candidate("a", "pro-US"), Candidate("b", "pro-US"), Candidate("c", "neutral")]
    assert settle("stance", three, "unanimous") is None
    majority = settle("stance", three, "majority")
    assert majority is not None
    assert (majority.value, majority.method, majority.annotators) == (
        "pro-US",
        DecisionMethod.MAJORITY,
        ("a", "b"),
    )
    tie = [Candidate("a", "pro-US"), Candidate("b", "neutral")]
    assert settle("stance", tie, "majority") is None
    same = settle("stance", tie[:1] * 2, "unanimous")
    assert same is not None and same.method == DecisionMethod.UNANIMOUS
    assert settle("stance", [], "majority") is None


def test_names_compare_without_case_and_spacing() -> None:
    found = [Candidate("a", "Chung  Eui-yong"), Candidate("b", "chung eui-yong")]
    settled = settle("speaker", found, "unanimous")
    assert settled is not None and settled.annotators == ("a", "b")


def test_candidates_leave_out_annotators_without_a_value() -> None:
    document = make_document()
    items = align_document(document, team(document))
    q2 = items[1]
    assert [(c.annotator, c.value) for c in candidates(q2, "note")] == [("alice", "trade")]
    assert [c.value for c in candidates(q2, "bounds")] == [Q2, Q2_LONGER, Q2]
    assert [c.value for c in candidates(items[0], "speaker")] == [
        "the minister",
        "Chung",
        "chung",
    ]


# --------------------------------------------------------------------------- session


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(tmp_path / "annotations")


def open_session(store: AnnotationStore, policy: str = "unanimous") -> AdjudicationSession:
    document = make_document()
    for file in team(document):
        with store.open_writer(file.annotator) as writer:
            writer.save(file)
    writer = store.open_writer("gold")
    return AdjudicationSession(document, writer, policy=policy)  # type: ignore[arg-type]


def saved_gold(store: AnnotationStore) -> AnnotationFile:
    return load_annotation_file(store.root / "gold" / "doc.json", document=make_document())


def test_session_settles_by_policy_and_records_provenance(store: AnnotationStore) -> None:
    session = open_session(store, "majority")
    assert session.annotators == ["alice", "bob", "carol"]
    session.save()
    gold = saved_gold(store)
    assert gold.adjudication is not None and gold.adjudication.policy == "majority"
    assert gold.adjudication.annotators == ["alice", "bob", "carol"]
    by_id = {label.quote_id: label for label in gold.labels}
    q1 = by_id[f"q{Q1[0]}-{Q1[1]}"]
    assert (q1.stance, q1.sentiment, q1.speaker) == ("pro-US", "negative", "Chung")
    assert q1.decision is not None
    stance = q1.decision.fields["stance"]
    assert (stance.method, stance.annotators) == (DecisionMethod.MAJORITY, ["alice", "bob"])
    assert q1.decision.fields["quote"].method == DecisionMethod.UNANIMOUS
    # Q2: bounds 2 of 3 keep the proposal; Q3 (1 of 3 kept it) is not a quote for gold
    q2 = by_id[f"q{Q2[0]}-{Q2[1]}"]
    assert q2.decision is not None
    assert q2.decision.fields["bounds"].annotators == ["alice", "carol"]
    assert f"q{Q3[0]}-{Q3[1]}" in gold.deleted_quotes
    assert gold.adjudication.rejected[f"q{Q3[0]}-{Q3[1]}"].annotators == ["bob", "carol"]
    assert f"q{Q4[0]}-{Q4[1]}" not in by_id  # only bob added it: rejected by majority
    assert session.unsettled_count == 0


def test_unanimous_leaves_disagreements_open_and_take_settles_them(
    store: AnnotationStore,
) -> None:
    session = open_session(store)
    statuses = session.statuses()
    assert statuses == ["unsettled", "unsettled", "unsettled", "unsettled"]
    session.move_to(0)
    session.field = 2  # stance
    assert session.current_field == "stance"
    assert session.take(3)  # carol's balancing
    state = session.state("stance")
    assert state.settlement is not None
    assert (state.value, state.settlement.method, state.settlement.chosen) == (
        "balancing",
        DecisionMethod.CHOSEN,
        "carol",
    )
    assert session.take(9) is False  # no ninth annotator
    session.set_own("negative", "sentiment")
    session.set_own("Chung Eui-yong", "speaker")
    assert session.status() == "settled"
    gold = saved_gold(store)
    q1 = next(label for label in gold.labels if label.quote_id == f"q{Q1[0]}-{Q1[1]}")
    assert q1.decision is not None
    assert q1.decision.fields["stance"].chosen == "carol"
    assert q1.decision.fields["sentiment"].method == DecisionMethod.OWN
    assert q1.decision.fields["sentiment"].annotators == ["bob", "carol"]
    assert q1.speaker == "Chung Eui-yong"


def test_accept_reject_undo_redo_and_reopen(store: AnnotationStore) -> None:
    session = open_session(store)
    session.move_to(3)  # Q4, only bob's
    session.accept()
    assert session.state("quote").value is True
    gold = saved_gold(store)
    assert f"q{Q4[0]}-{Q4[1]}" in {q.id for q in gold.added_quotes}
    session.move_to(2)
    session.reject()
    assert f"q{Q3[0]}-{Q3[1]}" in saved_gold(store).deleted_quotes
    assert session.undo() == "rejected the quote"
    assert f"q{Q3[0]}-{Q3[1]}" not in saved_gold(store).deleted_quotes
    assert session.redo() == "rejected the quote"
    session.writer.release()  # type: ignore[union-attr]
    # reopening resumes: the decisions come back from the gold file
    again = AdjudicationSession(make_document(), store.open_writer("gold"))
    assert again.policy == "unanimous"
    assert again.status(again.items[3]) != "rejected"
    assert again.state("quote", again.items[3]).value is True
    assert again.state("quote", again.items[2]).value is False
    assert again.decisions == session.decisions


def test_own_values_are_checked(store: AnnotationStore) -> None:
    session = open_session(store)
    with pytest.raises(ValueError, match="not a stance"):
        session.set_own("hawkish", "stance")
    with pytest.raises(ValueError, match="not inside the text"):
        session.set_own((5, 10_000), "bounds")
    session.move_to(0)
    with pytest.raises(ValueError, match="overlap another quote"):
        session.set_own((Q1[0], Q2[0] + 3), "bounds")
    session.set_own((Q1[0] + 1, Q1[1] - 1), "bounds")
    gold = saved_gold(store)
    assert f"q{Q1[0] + 1}-{Q1[1] - 1}" in {label.quote_id for label in gold.labels}
    assert f"q{Q1[0]}-{Q1[1]}" in gold.deleted_quotes


def test_read_only_session_refuses_changes(store: AnnotationStore) -> None:
    document = make_document()
    for file in team(document):
        with store.open_writer(file.annotator) as writer:
            writer.save(file)
    session = AdjudicationSession(document, None, store=store)
    with pytest.raises(AnnotatorError, match="read-only"):
        session.accept()
    assert not (store.root / "gold").exists()


def test_other_text_is_refused_with_one_line(store: AnnotationStore) -> None:
    document = make_document()
    with store.open_writer("alice") as writer:
        writer.save(team(document)[0])
    changed = document.model_copy(
        update={"text": TEXT + " More.", "sha256": sha256_text(TEXT + " More.")}
    )
    with pytest.raises(AnnotatorError, match="another version of the text"):
        AdjudicationSession(changed, None, store=store)


def test_describe_says_how_the_quotes_differ() -> None:
    from annotator.adjudication.display import describe

    document = make_document()
    q1, q2, q3, q4 = align_document(document, team(document))
    assert describe(q1) == ""
    assert (
        describe(q2)
        == f"bounds differ: alice {Q2[0]}-{Q2[1]}, bob {Q2_LONGER[0]}-{Q2_LONGER[1]}, carol {Q2[0]}-{Q2[1]}"
    )
    assert describe(q3) == "not a quote for bob, carol"
    assert describe(q4) == "added by bob; not a quote for alice, carol"


def test_gold_changed_on_disk_is_merged_not_overwritten(store: AnnotationStore) -> None:
    import orjson

    session = open_session(store)
    session.save()
    path = store.root / "gold" / "doc.json"
    data = orjson.loads(path.read_bytes())
    q3 = f"q{Q3[0]}-{Q3[1]}"
    # a teammate's pull brings a decision on Q3 (rejected, their own value)
    data["deleted_quotes"] = sorted({*data["deleted_quotes"], q3})
    data["adjudication"]["rejected"][q3] = {"method": "own", "annotators": [], "chosen": None}
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    session.move_to(0)
    session.field = 2
    assert session.take(1)  # alice's stance on Q1, saved with a three-way merge
    gold = saved_gold(store)
    assert q3 in gold.deleted_quotes and gold.adjudication is not None
    assert q3 in gold.adjudication.rejected
    q1 = next(label for label in gold.labels if label.quote_id == f"q{Q1[0]}-{Q1[1]}")
    assert q1.stance == "pro-US"
    assert session.state("quote", session.items[2]).value is False
