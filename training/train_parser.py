"""Train the tagger + dependency parser shipped in annotator/extract/model/.

Reproduces the shipped model from a Universal Dependencies English treebank
(UD_English-EWT; see training/README.md for the address and commit). The
treebank is never downloaded here: give the folder that holds the
``en_ewt-ud-{train,dev,test}.conllu`` files.

    python training/train_parser.py /path/to/UD_English-EWT --minutes 35

Steps: ``spacy convert`` (``-T``: multi-word tokens merged; 10 sentences per doc),
``spacy train`` with ``training/parser.cfg`` (dev split for model selection,
stopped after ``--minutes`` wall-clock; ``model-best`` is kept), ``spacy
evaluate`` on the test split (and on any ``--extra-test`` CoNLL-U files), then
the best model is packed into ``--ship`` without training-only parts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "parser.cfg"
DEFAULT_SHIP = HERE.parent / "annotator" / "extract" / "model"


def run(cmd: list[str], **kwargs: object) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def spacy_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "spacy", *args]


def convert(conllu: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    run(spacy_cmd("convert", str(conllu), str(out_dir), "-c", "conllu", "-n", "10", "-T"))
    return out_dir / (conllu.stem + ".spacy")


def train(train: Path, dev: Path, out: Path, minutes: float, seed: int) -> None:
    """Run ``spacy train`` and stop it after ``minutes`` (model-best is saved as it improves)."""
    cmd = spacy_cmd(
        "train",
        str(CONFIG),
        "--output",
        str(out),
        "--paths.train",
        str(train),
        "--paths.dev",
        str(dev),
        "--system.seed",
        str(seed),
    )
    print("+", " ".join(cmd), flush=True)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, start_new_session=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        proc.wait(timeout=minutes * 60)
    except subprocess.TimeoutExpired:
        print(f"time box of {minutes} min reached; stopping training", flush=True)
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    print(f"trained for {(time.monotonic() - start) / 60:.1f} min", flush=True)
    if not (out / "model-best").is_dir():
        raise SystemExit(f"no model-best in {out}: training stopped before the first evaluation")


def evaluate(model: Path, data: Path, out_json: Path) -> dict[str, object]:
    run(spacy_cmd("evaluate", str(model), str(data), "--output", str(out_json)))
    return json.loads(out_json.read_text())


def ship(model: Path, dest: Path) -> None:
    """Copy the pipeline to ``dest`` without training-only settings that point at local paths."""
    import spacy
    from spacy.util import load_config

    nlp = spacy.load(model)
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest)
    # the train/dev paths given on the command line name this machine's folders: blank them
    cfg_path = dest / "config.cfg"
    cfg = load_config(cfg_path, interpolate=False)
    for key in ("train", "dev"):
        cfg["paths"][key] = None
    cfg.to_disk(cfg_path)
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"shipped {dest} ({size / 1e6:.1f} MB)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("treebank", type=Path, help="folder with en_ewt-ud-{train,dev,test}.conllu")
    ap.add_argument("--work", type=Path, default=Path("build/parser"), help="scratch folder")
    ap.add_argument("--minutes", type=float, default=35.0, help="wall-clock time box for training")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--extra-test", type=Path, action="append", default=[], help="more CoNLL-U files to score"
    )
    ap.add_argument(
        "--ship", type=Path, default=DEFAULT_SHIP, help="where to write the shipped model"
    )
    ap.add_argument(
        "--skip-train", action="store_true", help="reuse WORK/output (evaluate and ship only)"
    )
    args = ap.parse_args()

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    tb: Path = args.treebank
    work: Path = args.work
    corpus = work / "corpus"
    files = {split: tb / f"en_ewt-ud-{split}.conllu" for split in ("train", "dev", "test")}
    for split, path in files.items():
        if not path.is_file():
            raise SystemExit(f"{path}: missing {split} split")
    spacy_files = {split: convert(path, corpus) for split, path in files.items()}
    output = work / "output"
    if not args.skip_train:
        train(spacy_files["train"], spacy_files["dev"], output, args.minutes, args.seed)
    best = output / "model-best"
    scores = {"ewt-test": evaluate(best, spacy_files["test"], work / "eval-ewt-test.json")}
    for extra in args.extra_test:
        data = convert(extra, corpus)
        scores[extra.stem] = evaluate(best, data, work / f"eval-{extra.stem}.json")
    (work / "scores.json").write_text(json.dumps(scores, indent=2))
    ship(best, args.ship)


if __name__ == "__main__":
    main()
