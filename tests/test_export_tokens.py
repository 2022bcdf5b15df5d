"""Prodigy tokens: words and punctuation marks, split at every span boundary and nowhere else."""

from __future__ import annotations

import random

import orjson

from annotator.export.tokens import Tokens, Words, word_spans


def check_tokens(text: str, boundaries: list[int]) -> None:
    words = word_spans(text)
    tokens = Tokens(text, boundaries, words)
    pieces = tokens.spans
    word_edges = {edge for word in words for edge in word}
    cuts = set(boundaries)
    # the pieces tile the words in order
    assert pieces == sorted(pieces)
    assert all(start < end for start, end in pieces)
    covered = [index for start, end in pieces for index in range(start, end)]
    assert covered == [index for start, end in words for index in range(start, end)]
    for start, end in pieces:
        # no boundary falls inside a piece, and a piece edge inside a word is a boundary
        assert not any(start < cut < end for cut in cuts), (text, boundaries, (start, end))
        assert start in word_edges or start in cuts
        assert end in word_edges or end in cuts
    # token_range finds the tokens of a span made of whole tokens
    for first, (start, _) in enumerate(pieces):
        for last in range(first, min(first + 3, len(pieces))):
            assert tokens.token_range(start, pieces[last][1]) == (first, last)


def test_tokens_split_at_boundaries_inside_words() -> None:
    text = "Washington said, “no.” U.S.-China talks"
    check_tokens(text, [0, 4, 7, 10, 17, len(text)])
    tokens = Tokens(text, [4, 7])
    assert [text[start:end] for start, end in tokens.spans[:3]] == ["Wash", "ing", "ton"]


def test_tokens_on_random_texts_and_boundaries() -> None:
    rng = random.Random(15)
    alphabet = ["ab", "c", " ", ".", ",", "“", "”", "é", "\n", "x_y"]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        boundaries = [rng.randint(0, len(text)) for _ in range(rng.randint(0, 8))]
        check_tokens(text, boundaries)


def test_words_tokens_json_equals_the_token_dicts() -> None:
    # the split-based fast path (no cut inside a word) and the general path give the same bytes
    rng = random.Random(20)
    alphabet = ['"', "\\", "\x00", "\x1f", "\x7f", "\t", "\n", " ", "\u2028", "é", "“", "ab", ","]
    texts = ["", " ", "a", 'He said "no\\yes".', "x\x01y \x1c z\u00a0"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(400)]
    for text in texts:
        words = Words(text)
        assert words.spans == word_spans(text)
        tokens = Tokens(text, [0, len(text)], words)
        assert not tokens.cuts
        assert words.tokens_json(tokens) == orjson.dumps(tokens.as_json())
        assert orjson.dumps(Tokens(text, [], word_spans(text)).as_json()) == orjson.dumps(
            [
                {"text": text[s:e], "start": s, "end": e, "id": i, "ws": text[e : e + 1].isspace()}
                for i, (s, e) in enumerate(word_spans(text))
            ]
        )
        # a split inside a word takes the general path, against fresh words
        if len(text) > 2:
            cut = [rng.randint(0, len(text))]
            split = Tokens(text, cut, words)
            assert words.tokens_json(split) == orjson.dumps(Tokens(text, cut).as_json())
