"""Extraction throughput and memory on one core.

Builds corpora of 5, 10 and 20 MB in a temporary folder (the seed articles plus generated articles
with varied quotes, reported speech, names and outlets), streams each through
``annotator.pipeline.load_corpus`` (cleaning + extraction) in a fresh subprocess, and prints MB/s
and the peak resident memory of that subprocess (``resource.getrusage``). Memory staying flat as
the corpus doubles shows documents are streamed, not held.

Run: /work/venv/bin/python benchmarks/extraction_throughput.py
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES_MB = (5, 10, 20)

FIRST = [
    "Ana",
    "Omar",
    "Lena",
    "Kofi",
    "Helga",
    "Raj",
    "Sara",
    "Tom",
    "Ines",
    "Jonas",
    "Thandi",
    "Chen",
    "Mark",
    "Aiko",
    "Paul",
    "Maria",
]
LAST = [
    "Duarte",
    "Haddad",
    "Fischer",
    "Mensah",
    "Brandt",
    "Patel",
    "Lind",
    "Reyes",
    "Moreau",
    "Vilkas",
    "Nkosi",
    "Wei",
    "Ellis",
]
ROLES = ["Foreign Minister", "Trade Minister", "spokeswoman", "Senator", "Governor", "Mayor"]
OUTLETS = ["The Baltic Herald", "The Lagos Tribune", "Reuters", "The Nordic Times", "Cape Daily"]
VERBS = ["said", "stressed", "noted", "argued", "warned", "added", "told reporters", "believes"]
CLAUSES = [
    "the talks had made real progress on trade",
    "the new tariffs would hurt farmers in the north",
    "the ceasefire was holding despite reports of shelling",
    "the budget could not be balanced without new taxes",
    "both sides wanted a summit before the end of the year",
]
QUOTES = [
    "We will not accept any deal that ignores our security",
    "This is a turning point for the whole region",
    "Nobody should be surprised by this decision",
    "We expect our partners to keep their promises",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


PLACES = ["the capital", "the border region", "the northern port", "the old industrial belt"]


def narrative(rng: random.Random) -> str:
    """A paragraph of reporting without quotes, as most of a news article is."""
    return (
        f"The delegation travelled to {rng.choice(PLACES)} on {rng.choice(['Monday', 'Friday'])}, "
        f"where {rng.randint(20, 900)} workers have lost their jobs since the plant closed in "
        f"{rng.randint(1995, 2023)}. Local officials have asked for help with roads, schools and "
        f"the water supply, and the regional council has set aside {rng.randint(2, 80)} million "
        "for repairs. Much of the money has not yet been spent, and the projects remain on hold "
        "while the two governments negotiate the terms of a wider agreement."
    )


def generated_article(rng: random.Random) -> str:
    paragraphs = [f"Talks on {rng.choice(['trade', 'security', 'energy'])} resume"]
    for _ in range(rng.randint(8, 16)):
        name = person(rng)
        pick = rng.random()
        if pick < 0.25:
            text = f"{rng.choice(ROLES)} {name} {rng.choice(VERBS)} that {rng.choice(CLAUSES)}."
        elif pick < 0.5:
            text = f"“{rng.choice(QUOTES)},” {name} said, “and we mean it.”"
        elif pick < 0.65:
            text = f"{rng.choice(OUTLETS)} reported that {name} said that “{rng.choice(QUOTES)}.”"
        elif pick < 0.8:
            text = f"According to {name}, {rng.choice(CLAUSES)}. He added: “{rng.choice(QUOTES)}.”"
        else:
            text = (
                f"The meeting in the capital lasted {rng.randint(2, 9)} hours and ended without "
                f"a “breakthrough”, as officials from {rng.randint(3, 12)} countries left early. "
                "Observers noted the unusual length of the session and the tight security."
            )
        paragraphs.append(text)
        if rng.random() < 0.6:
            paragraphs.append(narrative(rng))
    return "\n\n".join(paragraphs) + "\n"


def build_corpus(folder: Path, megabytes: int) -> int:
    rng = random.Random(megabytes)
    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    total = 0
    number = 0
    target = megabytes * 1_000_000
    while total < target:
        batch = [seeds[number % len(seeds)]] + [generated_article(rng) for _ in range(40)]
        text = "\n\n".join(batch)
        path = folder / f"article_{number:05d}.txt"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
        number += 1
    return total


def measure(folder: Path) -> None:
    """Child process: stream the corpus through extraction and print its figures."""
    from annotator.pipeline import load_corpus

    size = sum(path.stat().st_size for path in folder.glob("*.txt"))
    quotes = documents = 0
    started = time.process_time()
    for document in load_corpus([folder]):
        documents += 1
        quotes += len(document.quotes)
    seconds = time.process_time() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{size / 1e6:.1f}\t{documents}\t{quotes}\t{seconds:.2f}\t{peak_mb:.1f}")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(Path(sys.argv[2]))
        return
    print("corpus MB  documents  quotes  quotes/KB   CPU s    MB/s   peak RSS MB")
    with tempfile.TemporaryDirectory() as temporary:
        for megabytes in SIZES_MB:
            folder = Path(temporary) / f"corpus_{megabytes}"
            folder.mkdir()
            build_corpus(folder, megabytes)
            output = subprocess.run(
                [sys.executable, __file__, "--measure", str(folder)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            size, documents, quotes, seconds, peak = output
            rate = float(size) / float(seconds)
            print(
                f"{float(size):9.1f}  {int(documents):9d}  {int(quotes):6d}"
                f"  {int(quotes) / (float(size) * 1000):9.1f}  {float(seconds):6.2f}"
                f"  {rate:6.2f}  {float(peak):11.1f}"
            )


if __name__ == "__main__":
    main()
