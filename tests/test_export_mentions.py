"""Where the export finds a speaker's or outlet's name: whole words only, as the regex would."""

from __future__ import annotations

import random
import re

import pytest

from annotator.export.relations import _occurrences, find_mention
from annotator.models import Quote


def regex_occurrences(text: str, name: str) -> list[int]:
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    return [match.start() for match in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Wang Yi said. Wang Yin did not. Wang Yi_ no. (Wang Yi)", "Wang Yi", [0, 46]),
        ("a b a b a", "a b a", [0]),  # whole-word matches that overlap: the first only
        ("éWang Wang Wang2 Wang", "Wang", [6, 17]),  # letters beyond ASCII are word characters
        ("U.S. officials and U.S.", "U.S.", [0, 19]),  # a name ending in punctuation
        ("", "Wang", []),
    ],
)
def test_occurrences_are_whole_words(text: str, name: str, expected: list[int]) -> None:
    _occurrences.cache_clear()
    assert _occurrences(text, name) == expected
    assert regex_occurrences(text, name) == expected


def test_occurrences_equal_the_regex_on_random_texts() -> None:
    rng = random.Random(15)
    alphabet = ["a", "b", " ", "_", ".", "é", "1", "ab", "a b"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
        _occurrences.cache_clear()
        assert _occurrences(text, name) == regex_occurrences(text, name), (text, name)


def test_mention_nearest_to_the_quote_outside_it() -> None:
    text = "Wang Yi spoke. “Wang Yi is here,” the minister said, Wang Yi told Xinhua."
    start = text.index("“")
    end = text.index("”") + 1
    quote = Quote.from_span(text, start, end, kind="direct")
    # the occurrence inside the quote is skipped; the one before it is nearer than the one after
    assert find_mention(text, "Wang Yi", quote) == (0, 7)
    assert find_mention(text, "Xinhua", quote) == (66, 72)
    assert find_mention(text, "Li", quote) is None


def _nearest_by_scan(text: str, name: str, quote: Quote) -> tuple[int, int] | None:
    """find_mention as a plain scan of every whole-word occurrence (the reference)."""
    candidates = [name.strip()]
    words = dict.fromkeys(w for w in re.split(r"\s+", name.strip()) if len(w) > 2)
    candidates += sorted(words, key=len, reverse=True)
    for candidate in candidates:
        best, best_distance = None, 0
        for match in re.finditer(r"(?<!\w)" + re.escape(candidate) + r"(?!\w)", text):
            position, found_end = match.span()
            if position < quote.end and found_end > quote.start:
                continue
            distance = quote.start - found_end if found_end <= quote.start else position - quote.end
            if best is None or distance < best_distance:
                best, best_distance = (position, found_end), distance
        if best is not None:
            return best
    return None


def test_find_mention_equals_a_scan_of_all_occurrences() -> None:
    rng = random.Random(20)
    pieces = ["Ann", "Ann Lee", "Lee", " ", " ", ".", "x", "Annie", "said"]
    for _ in range(600):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        start = rng.randint(0, len(text) - 1)
        end = rng.randint(start + 1, len(text))
        quote = Quote.from_span(text, start, end, kind="direct")
        for name in ("Ann Lee", "Lee", "Ann", " Ann  Lee "):
            assert find_mention(text, name, quote) == _nearest_by_scan(text, name, quote)
