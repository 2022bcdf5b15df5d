"""Dump every quote and entity ``extract_document`` gives over the shipped articles and seeds.

A speed change must leave the extractor's output identical: run this before and after and
compare the two files (``cmp``). One JSON line per document, in corpus order.

Run: ``.venv/bin/python benchmarks/extraction_dump.py OUT.jsonl [--together] [PATH ...]``
(default paths: ``benchmarks/corpus/articles`` and ``seeds``). ``--together`` extracts the
documents 32 at a time with ``parse_batches.extract_together`` (as the parallel workers do)
instead of one by one: both dumps must be the same.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = (ROOT / "benchmarks" / "corpus" / "articles", ROOT / "seeds")


def main() -> None:
    from annotator.extract import extract_document
    from annotator.extract.parse_batches import extract_together
    from annotator.pipeline import load_corpus

    arguments = sys.argv[1:]
    together = "--together" in arguments
    arguments = [argument for argument in arguments if argument != "--together"]
    if not arguments:
        sys.exit("usage: extraction_dump.py OUT.jsonl [--together] [PATH ...]")
    paths = [Path(p) for p in arguments[1:]] or list(DEFAULT)
    documents = list(load_corpus(paths, extract=False))
    if together:
        done = []
        for first in range(0, len(documents), 32):
            done.extend(extract_together(documents[first : first + 32], extract_document))
    else:
        done = [extract_document(document) for document in documents]
    lines = []
    quotes = 0
    for extracted in done:
        record = {
            "id": extracted.id,
            "quotes": [quote.model_dump(mode="json") for quote in extracted.quotes],
            "entities": [entity.model_dump(mode="json") for entity in extracted.entities],
        }
        quotes += len(extracted.quotes)
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    Path(arguments[0]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents, {quotes} quotes")


if __name__ == "__main__":
    main()
