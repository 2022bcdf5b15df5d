"""`annotator agreement` on folders written by the annotation store (seed documents' quotes)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.corpus import iter_documents
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    Document,
    Quote,
    QuoteLabel,
    span_of_quote_id,
)
from annotator.store import AnnotationStore

NOMINAL_KEYS = {
    "n_units",
    "n_annotators",
    "krippendorff_alpha",
    "krippendorff_alpha_ci95",
    "fleiss_kappa",
    "pairwise_cohen_kappa",
    "gwet_ac1",
    "percent_agreement",
    "per_label",
    "confusion",
}
ORDINAL_KEYS = NOMINAL_KEYS | {
    "krippendorff_alpha_ordinal",
    "krippendorff_alpha_ordinal_ci95",
    "pairwise_cohen_kappa_linear",
    "pairwise_cohen_kappa_quadratic",
    "gwet_ac2_quadratic",
}

# stance of the first ten quotes of the first seed, as three annotators labelled them
ALICE = ["pro-US", "pro-China", "neutral", "neutral", "balancing", "neutral", "pro-US", "neutral", "pro-China", "neutral"]  # fmt: skip
BOB = ["pro-US", "pro-China", "neutral", "balancing", "balancing", "neutral", "pro-US", "neutral", "neutral", "neutral"]  # fmt: skip
CAROL = ["pro-US", "pro-China", "neutral", "neutral", "balancing", None, "pro-China", "neutral", "pro-China", None]  # fmt: skip
SENTIMENT_ALICE = ["negative", "positive", "neutral", "neutral", "positive", "neutral", "negative", "neutral", "positive", "negative"]  # fmt: skip
SENTIMENT_BOB = ["negative", "neutral", "neutral", "neutral", "positive", "negative", "negative", "neutral", "positive", "neutral"]  # fmt: skip


@pytest.fixture(scope="module")
def seed_documents(request: pytest.FixtureRequest) -> list[Document]:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    return list(iter_documents([seeds]))


def quote_spans(document: Document) -> list[tuple[int, int]]:
    """The quoted passages of a seed article (the text between quotation marks)."""
    pattern = r"“[^”]{20,}”|\"[^\"]{20,}\""
    return [(match.start(), match.end()) for match in re.finditer(pattern, document.text)]


def write(
    root: Path,
    annotator: str,
    document: Document,
    labels: list[QuoteLabel],
    added: list[Quote] | None = None,
    deleted: list[str] | None = None,
) -> None:
    store = AnnotationStore(root)
    with store.open_writer(annotator) as writer:
        writer.save(
            AnnotationFile(
                annotator=annotator,
                document_id=document.id,
                document_sha256=document.sha256,
                scheme=DEFAULT_SCHEME.ref,
                labels=labels,
                added_quotes=added or [],
                deleted_quotes=deleted or [],
            )
        )


def quote_at(document: Document, quote_id: str) -> Quote:
    """The document's extracted quote with this id, else one made over that span."""
    for quote in document.quotes:
        if quote.id == quote_id:
            return quote
    start, end = span_of_quote_id(quote_id)
    return Quote.from_span(document.text, start, end, kind="direct")


def label_on(document: Document, quote_id: str, **fields: Any) -> QuoteLabel:
    """A label on ``quote_id`` as the annotator saw it (the extracted quote)."""
    return QuoteLabel.for_quote(quote_at(document, quote_id), **fields)


def labels_for(
    document: Document,
    spans: list[tuple[int, int]],
    stances: list[str | None],
    sentiments: list[str | None] | None = None,
    **extra: Any,
) -> list[QuoteLabel]:
    result = []
    for index, (start, end) in enumerate(spans):
        sentiment = sentiments[index] if sentiments else None
        if stances[index] is None and sentiment is None:
            continue
        result.append(
            label_on(
                document, f"q{start}-{end}", stance=stances[index], sentiment=sentiment, **extra
            )
        )
    return result


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["agreement", *args])


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return orjson.loads(result.stdout)


@pytest.fixture
def three_annotators(annotations_dir: Path, seed_documents: list[Document]) -> Path:
    document = seed_documents[0]
    spans = quote_spans(document)[:10]
    write(annotations_dir, "alice", document, labels_for(document, spans, ALICE, SENTIMENT_ALICE))
    write(annotations_dir, "bob", document, labels_for(document, spans, BOB, SENTIMENT_BOB))
    write(annotations_dir, "carol", document, labels_for(document, spans, CAROL))
    return annotations_dir


def test_json_has_the_documented_shape_and_right_figures(three_annotators: Path) -> None:
    krippendorff = pytest.importorskip("krippendorff")
    report = run_json(str(three_annotators), "--draws", "200")
    assert set(report) == {"stance", "sentiment", "speaker", "outlet"}
    assert set(report["stance"]) == NOMINAL_KEYS
    assert set(report["sentiment"]) == ORDINAL_KEYS
    stance = report["stance"]
    assert stance["n_units"] == 10
    assert stance["n_annotators"] == 3
    assert set(stance["pairwise_cohen_kappa"]) == {"alice|bob", "alice|carol", "bob|carol"}
    codes = {label: code for code, label in enumerate(DEFAULT_SCHEME.stance_values())}
    as_array = np.array(
        [[np.nan if v is None else codes[v] for v in row] for row in (ALICE, BOB, CAROL)]
    )
    expected_alpha = krippendorff.alpha(as_array, level_of_measurement="nominal")
    assert stance["krippendorff_alpha"] == pytest.approx(expected_alpha)
    low, high = stance["krippendorff_alpha_ci95"]
    assert low <= stance["krippendorff_alpha"] <= high
    # alice and bob disagree on quotes 4 and 9 only: alice's rows, bob's columns
    confusion = stance["confusion"]["alice|bob"]
    assert confusion["neutral"]["balancing"] == 1
    assert confusion["pro-China"]["neutral"] == 1
    assert confusion["pro-US"]["pro-US"] == 2
    assert sum(sum(row.values()) for row in confusion.values()) == 10
    # pro-US: alice and bob agree twice; carol puts quote 7 in pro-China
    assert stance["per_label"]["pro-US"] == pytest.approx(4 / 5)
    # everyone labelled 8 units; Fleiss is computed on those only
    assert stance["fleiss_kappa"] is not None
    sentiment = report["sentiment"]
    assert sentiment["n_annotators"] == 2  # carol gave no sentiment
    assert sentiment["percent_agreement"] == pytest.approx(0.7)
    order = {label: code for code, label in enumerate(DEFAULT_SCHEME.sentiment_values())}
    ordinal_rows = np.array(
        [[order[v] for v in SENTIMENT_ALICE], [order[v] for v in SENTIMENT_BOB]]
    )
    assert sentiment["krippendorff_alpha_ordinal"] == pytest.approx(
        krippendorff.alpha(ordinal_rows.astype(float), level_of_measurement="ordinal")
    )
    linear = sentiment["pairwise_cohen_kappa_linear"]["alice|bob"]
    assert linear > sentiment["pairwise_cohen_kappa"]["alice|bob"]  # misses are neighbours


def test_filters_by_annotators_field_and_document(
    three_annotators: Path, seed_documents: list[Document]
) -> None:
    report = run_json(str(three_annotators), "--annotators", "alice,bob", "--field", "stance")
    assert set(report) == {"stance"}
    assert report["stance"]["n_annotators"] == 2
    assert report["stance"]["percent_agreement"] == pytest.approx(0.8)
    assert set(report["stance"]["pairwise_cohen_kappa"]) == {"alice|bob"}
    other = seed_documents[1]
    spans = quote_spans(other)[:3]
    write(
        three_annotators, "alice", other, labels_for(other, spans, ["pro-US", "pro-US", "neutral"])
    )
    write(
        three_annotators, "bob", other, labels_for(other, spans, ["pro-China", "pro-US", "neutral"])
    )
    only_other = run_json(str(three_annotators), "--document", other.id, "--field", "stance")
    assert only_other["stance"]["n_units"] == 3
    assert only_other["stance"]["percent_agreement"] == pytest.approx(2 / 3)
    everything = run_json(str(three_annotators), "--field", "stance")
    assert everything["stance"]["n_units"] == 13


def test_speaker_agreement_uses_the_settled_attribution(
    annotations_dir: Path, seed_documents: list[Document]
) -> None:
    document = seed_documents[0]
    spans = quote_spans(document)[:4]
    shown = ["Park Jin", None, "Chung Eui-yong", "Park Jin"]  # the speakers proposed then
    quotes = [
        Quote.from_span(document.text, *span, kind="direct", speaker=speaker)
        for span, speaker in zip(spans, shown, strict=True)
    ]
    write(
        annotations_dir,
        "alice",
        document,
        [
            QuoteLabel.for_quote(quotes[0], stance="neutral"),  # speaker as shown
            QuoteLabel.for_quote(quotes[1], speaker="Wang Yi"),
            QuoteLabel.for_quote(quotes[2], speaker="Yoon Suk Yeol"),
            QuoteLabel.for_quote(quotes[3], speaker=""),  # no speaker
        ],
    )
    write(
        annotations_dir,
        "bob",
        document,
        [
            QuoteLabel.for_quote(quotes[0], stance="pro-US"),  # also accepted the proposal
            QuoteLabel.for_quote(quotes[1], speaker="wang  yi"),  # same name, other case/spacing
            QuoteLabel.for_quote(quotes[2], stance="neutral"),  # accepted the proposal instead
            QuoteLabel.for_quote(quotes[3], speaker=""),
        ],
    )
    speaker = run_json(str(annotations_dir), "--field", "speaker")["speaker"]
    assert speaker["n_units"] == 4
    assert speaker["percent_agreement"] == pytest.approx(3 / 4)
    confusion = speaker["confusion"]["alice|bob"]
    assert confusion["Yoon Suk Yeol"]["Chung Eui-yong"] == 1
    assert confusion["Park Jin"]["Park Jin"] == 1
    assert confusion["Wang Yi"]["Wang Yi"] == 1
    assert confusion["(none)"]["(none)"] == 1
    outlet = run_json(str(annotations_dir), "--field", "outlet")["outlet"]
    # both accepted every extracted outlet: one value only, so chance-corrected figures are null
    assert outlet["percent_agreement"] == 1.0
    assert outlet["krippendorff_alpha"] is None
    assert outlet["gwet_ac1"] is None


def test_quote_boundaries_reported_when_quotes_are_added_or_deleted(
    annotations_dir: Path, seed_documents: list[Document]
) -> None:
    document = seed_documents[1]
    spans = quote_spans(document)[:4]
    ids = [f"q{start}-{end}" for start, end in spans]
    write(
        annotations_dir, "alice", document, [label_on(document, i, stance="neutral") for i in ids]
    )
    assert "quote_boundaries" not in run_json(str(annotations_dir))
    start, end = spans[3]
    shorter = Quote.from_span(
        document.text, start + 1, end - 1, kind="direct", origin="manual", replaces=ids[3]
    )
    write(
        annotations_dir,
        "bob",
        document,
        [label_on(document, i, stance="neutral") for i in ids[:2]]
        + [QuoteLabel.for_quote(shorter, stance="neutral")],
        added=[shorter],
        deleted=[ids[2], ids[3]],
    )
    report = run_json(str(annotations_dir))
    boundaries = report["quote_boundaries"]
    assert boundaries["annotators"]["alice"] == {
        "documents": 1,
        "kept": 4,
        "added": 0,
        "deleted": 0,
    }
    assert boundaries["annotators"]["bob"] == {"documents": 1, "kept": 3, "added": 1, "deleted": 2}
    pair = boundaries["pairs"]["alice|bob"]
    assert pair["exact_matches"] == 2
    assert pair["exact_f1"] == pytest.approx(2 * 2 / (4 + 3))
    # overlap: alice's 4th quote overlaps bob's shorter one; alice's 3rd overlaps nothing
    assert pair["overlap_f1"] == pytest.approx(2 * (3 / 4) * 1.0 / (3 / 4 + 1.0))


def test_one_annotator_gives_nulls_and_a_note(
    annotations_dir: Path, seed_documents: list[Document]
) -> None:
    document = seed_documents[0]
    spans = quote_spans(document)[:3]
    write(
        annotations_dir,
        "alice",
        document,
        labels_for(document, spans, ["neutral", "pro-US", "neutral"]),
    )
    result = run(str(annotations_dir), "--json")
    assert result.exit_code == 0
    assert "agreement needs two annotators" in result.stderr
    stance = orjson.loads(result.stdout)["stance"]
    assert stance["n_units"] == 0
    assert stance["krippendorff_alpha"] is None
    assert stance["krippendorff_alpha_ci95"] == [None, None]
    assert stance["pairwise_cohen_kappa"] == {}


def test_tables_show_names_literally(annotations_dir: Path, seed_documents: list[Document]) -> None:
    document = seed_documents[0]
    spans = quote_spans(document)[:2]
    ids = [f"q{start}-{end}" for start, end in spans]
    for name in ("alice", "bob"):
        write(
            annotations_dir,
            name,
            document,
            [
                label_on(document, ids[0], stance="neutral", speaker="[bold]Kim[/bold]"),
                label_on(document, ids[1], stance="pro-US"),
            ],
        )
    result = run(str(annotations_dir))
    assert result.exit_code == 0, result.output
    assert "[bold]Kim[/bold]" in result.stdout
    assert "Krippendorff's alpha (nominal)" in result.stdout
    assert "alice (rows) × bob (columns)" in result.stdout


def test_user_errors_are_one_line(
    annotations_dir: Path, seed_documents: list[Document], tmp_path: Path
) -> None:
    missing = run(str(tmp_path / "nowhere"))
    assert missing.exit_code == 1
    assert "no such folder" in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    empty = run(str(annotations_dir))
    assert empty.exit_code == 1 and "no annotation files" in empty.stderr
    document = seed_documents[0]
    write(
        annotations_dir,
        "alice",
        document,
        labels_for(document, quote_spans(document)[:1], ["neutral"]),
    )
    unknown = run(str(annotations_dir), "--annotators", "alice,zed")
    assert unknown.exit_code == 1
    assert "'zed'" in unknown.stderr and "alice" in unknown.stderr
    no_document = run(str(annotations_dir), "--document", "no_such_doc")
    assert no_document.exit_code == 1 and "no_such_doc" in no_document.stderr
    broken = annotations_dir / "bob" / f"{document.id}.json"
    broken.parent.mkdir()
    broken.write_text('{"annotator": "bob", "labels": [}', encoding="utf-8")
    bad = run(str(annotations_dir))
    assert bad.exit_code == 1
    assert str(broken) in bad.stderr and "Traceback" not in bad.output
    assert len(bad.stderr.strip().splitlines()) == 1


def test_works_on_a_folder_written_by_annotation_sessions(
    annotations_dir: Path, seed_documents: list[Document]
) -> None:
    """Two analysts label the same seed article through the UI's session model."""
    from annotator.session import AnnotationSession

    seed = seed_documents[0]
    quotes = [
        Quote.from_span(seed.text, start, end, kind="direct", speaker="Wang Yi")
        for start, end in quote_spans(seed)[:6]
    ]
    document = seed.model_copy(update={"quotes": quotes})
    store = AnnotationStore(annotations_dir)
    plans = {
        "alice": ["pro-China", "pro-China", "balancing", "neutral", "neutral", "pro-US"],
        "bob": ["pro-China", "balancing", "balancing", "neutral", "pro-US", "pro-US"],
    }
    for name, stances in plans.items():
        with store.open_writer(name) as writer:
            session = AnnotationSession(document, writer)
            for index, stance in enumerate(stances):
                session.move_to(index)
                session.set_stance(stance)
                session.set_sentiment("negative" if index % 2 else "neutral")
            if name == "bob":
                session.move_to(0)
                session.set_attribution("Xi Jinping", None)
                session.move_to(5)
                session.delete_quote()  # bob: the last passage is not a quote
            session.close()
    report = run_json(str(annotations_dir))
    stance = report["stance"]
    assert stance["n_units"] == 5  # bob deleted the sixth quote
    assert stance["percent_agreement"] == pytest.approx(3 / 5)
    assert stance["confusion"]["alice|bob"]["pro-China"]["balancing"] == 1
    assert stance["confusion"]["alice|bob"]["neutral"]["pro-US"] == 1
    assert report["sentiment"]["percent_agreement"] == 1.0
    speaker = report["speaker"]["confusion"]["alice|bob"]
    # "as shown" is the speaker saved with each label (Wang Yi), no corpus needed
    assert speaker["Wang Yi"]["Xi Jinping"] == 1
    assert speaker["Wang Yi"]["Wang Yi"] == 4
    boundaries = report["quote_boundaries"]
    assert boundaries["annotators"]["bob"]["deleted"] == 1
    assert boundaries["pairs"]["alice|bob"]["exact_f1"] == pytest.approx(2 * 5 / (6 + 5))


def test_speakers_come_from_the_labels_with_or_without_corpus(annotations_dir: Path) -> None:
    from annotator.pipeline import load_corpus

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    document = next(iter(load_corpus([seeds])))
    attributed = [quote for quote in document.quotes if quote.speaker]
    if len(attributed) < 2:
        pytest.skip("the extractor attributed fewer than two seed quotes")
    first, second = attributed[:2]
    # alice accepts the proposed speakers; bob types the proposed name of the first quote
    write(
        annotations_dir,
        "alice",
        document,
        [
            QuoteLabel.for_quote(first, stance="neutral"),
            QuoteLabel.for_quote(second, stance="neutral"),
        ],
    )
    write(
        annotations_dir,
        "bob",
        document,
        [
            QuoteLabel.for_quote(first, speaker=first.speaker),
            QuoteLabel.for_quote(second, stance="neutral"),
        ],
    )
    without = run_json(str(annotations_dir), "--field", "speaker")["speaker"]
    assert without["percent_agreement"] == 1.0
    assert first.speaker in without["per_label"]
    resolved = run_json(str(annotations_dir), "--field", "speaker", "--corpus", str(seeds))
    assert resolved["speaker"] == without
    missing = run(str(annotations_dir), "--corpus", str(annotations_dir / "nowhere"))
    assert missing.exit_code == 1 and "no such corpus" in missing.stderr


def test_the_program_writes_all_its_output_before_ending(three_annotators: Path) -> None:
    # the program ends without the interpreter's teardown (annotator.fast_exit): what it
    # printed must still all be there, through a pipe, with the status of success
    import subprocess
    import sys

    expected = run(str(three_annotators), "--draws", "50", "--json")
    tables = run(str(three_annotators), "--draws", "50")
    for arguments, wanted in (("--json",), expected), ((), tables):
        options = ["--draws", "50", *arguments]
        process = subprocess.run(
            [sys.executable, "-m", "annotator", "agreement", str(three_annotators), *options],
            capture_output=True,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        )
        assert process.returncode == 0, process.stderr
        if arguments:
            assert orjson.loads(process.stdout) == orjson.loads(wanted.stdout)
        else:
            # (the table borders follow the width; every figure, in order, must be there)
            figures = re.findall(r"-?\d+\.\d{3}|—", process.stdout.decode())
            assert figures == re.findall(r"-?\d+\.\d{3}|—", wanted.stdout)
            assert len(figures) > 40
