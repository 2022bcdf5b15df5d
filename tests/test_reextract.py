"""Re-running the current extractor over the shipped annotations changes no label (issue #7/#11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.pipeline import load_corpus
from annotator.reextract import reanchor_labels, summary
from annotator.store import load_annotation_file

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "annotations").glob("*/*.json"))


@pytest.fixture(scope="module")
def seeds() -> dict:
    return {raw.id: raw for raw in load_corpus([ROOT / "seeds"], extract=False)}


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_no_shipped_label_changes_meaning(path: Path, seeds: dict) -> None:
    raw = seeds[path.stem]
    annotation = load_annotation_file(path, document=raw)
    assert annotation.labels, "a shipped annotation file without labels tests nothing"
    fates = reanchor_labels(raw, annotation)
    assert len(fates) == len(annotation.labels)
    for fate in fates:
        assert fate.placement in ("exact", "kept"), (fate, summary(fates))
        assert fate.after == fate.before, fate  # text, stance, sentiment, speaker, outlet


def test_a_changed_snapshot_would_be_caught(seeds: dict) -> None:
    """The check above can fail: a label whose snapshot text no longer fits is unplaced."""
    path = FILES[0]
    raw = seeds[path.stem]
    annotation = load_annotation_file(path, document=raw)
    label = annotation.labels[0]
    broken = label.model_copy(
        update={"quote": label.quote.model_copy(update={"text": label.quote.text + " (edited)"})}
    )
    fates = reanchor_labels(raw, annotation.model_copy(update={"labels": [broken]}))
    assert [fate.placement for fate in fates] == ["unplaced"]
