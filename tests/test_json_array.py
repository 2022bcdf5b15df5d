"""The streaming JSON array splitter: same values as orjson on the whole file, whatever the
chunk size, strings and escapes that look like structure, and one-line errors."""

from __future__ import annotations

import io
import random

import orjson
import pytest

from annotator.errors import InvalidFileError
from annotator.json_array import iter_json_array

TRICKY = [
    1,
    'a,]"',
    {"x": [1, {"y": "}"}], "z\\": "\\"},
    None,
    "back\\slash\\\\",
    "[{,}]",
    "👍🏽 김정은 \u2028",
    [],
    {},
    -1.5e3,
    True,
]


def split(data: bytes, chunk_size: int = 1 << 20) -> list[object]:
    return [value for _, value in iter_json_array(io.BytesIO(data), "f.json", chunk_size)]


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 5, 64, 1 << 20])
def test_values_match_orjson(chunk_size: int) -> None:
    for option in (0, orjson.OPT_INDENT_2):
        data = orjson.dumps(TRICKY, option=option)
        assert split(data, chunk_size) == orjson.loads(data)
    assert split(b"  \n[ ]\n", chunk_size) == []
    assert split(b"\xef\xbb\xbf[1]", chunk_size) == [1]


def test_random_documents_match_orjson() -> None:
    rng = random.Random(7)
    alphabet = ["a", "\\", '"', "[", "]", "{", "}", ",", " ", "\n", "é", "👍"]
    for trial in range(400):
        values: list[object] = []
        for _ in range(rng.randint(0, 6)):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
            values.append(rng.choice([text, {"k" + text: [text, 1, None]}, [text, {"x": text}]]))
        data = orjson.dumps(values, option=orjson.OPT_INDENT_2 if trial % 2 else 0)
        for chunk_size in (1, 4, 33):
            assert split(data, chunk_size) == values


def test_elements_are_yielded_before_a_later_error() -> None:
    stream = iter_json_array(io.BytesIO(b'[{"a": 1},\n{"b": oops}]'), "f.json", 4)
    assert next(stream) == (1, {"a": 1})
    with pytest.raises(InvalidFileError, match=r"f.json: not valid JSON \(element 2, line 2"):
        next(stream)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "f.json: empty file"),
        (b"  \n ", "f.json: empty file"),
        (b'{"a": 1}', "expected a JSON array"),
        (b"[1,]", "trailing comma"),
        (b"[,1]", "empty element"),
        (b"[1,,2]", "empty element"),
        (b"[1 2]", "element 1"),
        (b'[{"a": 1]', "unexpected end of file"),
        (b'["open', "unexpected end of file"),
        (b"[1", "unexpected end of file"),
        (b"[1] [2]", "unexpected data after the array"),
        (b"[\n\n{bad}]", "element 1, line 3"),
    ],
)
def test_errors_are_one_line_naming_the_file(data: bytes, message: str) -> None:
    for chunk_size in (1, 1 << 20):
        with pytest.raises(InvalidFileError) as caught:
            split(data, chunk_size)
        assert message in str(caught.value) and str(caught.value).startswith("f.json: ")
        assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("repeats", "chunk_size"), [(200, 7), (200, 100), (2000, 4096)])
def test_long_strings_with_escapes_across_many_chunks(repeats: int, chunk_size: int) -> None:
    # each string spans many chunks: 5 kB over 7-byte (~770) and 100-byte (~54) chunks, 54 kB
    # over 4 kB ones (13). The scanner rescans an unfinished string from its start on each read,
    # so 54 kB over 7-byte chunks took half a minute without testing anything more.
    text = ('say \\"hi\\", [then] {go}, ' * repeats) + "\\\\"
    values = [{"text": text, "n": [1, 2, {"k": text}]}, text, 3]
    data = orjson.dumps(values)
    assert split(data, chunk_size) == values


class CountingReader(io.BytesIO):
    """A file that counts the bytes its reads return and how often it is read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads = 0

    def read(self, size: int | None = -1) -> bytes:
        self.reads += 1
        return super().read(size)


def test_a_huge_string_is_read_in_growing_chunks_not_rescanned_per_chunk() -> None:
    # One element holding a 4 MB string, read 1 KB at a time: rescanning the unfinished string
    # after every 1 KB read would take 4,000 reads (and quadratic work); doubling reads take a
    # dozen or so.
    text = "x" * (4 << 20)
    data = orjson.dumps([{"text": text}, 2])
    reader = CountingReader(data)
    values = [value for _, value in iter_json_array(reader, "big.json", chunk_size=1024)]
    assert values == [{"text": text}, 2]
    assert reader.reads < 30


def test_many_small_elements_are_split_without_copying_the_rest_each_time() -> None:
    elements = [{"id": index, "text": "é" * (index % 7)} for index in range(20_000)]
    data = orjson.dumps(elements, option=orjson.OPT_INDENT_2)
    reader = CountingReader(data)
    assert [value for _, value in iter_json_array(reader, "many.json", chunk_size=4096)] == elements
    # Reads stay at the chunk size when elements are small: about len / chunk reads.
    assert reader.reads <= len(data) // 4096 + 3
