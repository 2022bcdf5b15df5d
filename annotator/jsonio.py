"""Reading and writing JSON with orjson, and turning validation errors into one-line messages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from annotator.errors import InvalidFileError, machine_reason

ModelT = TypeVar("ModelT", bound=BaseModel)


def json_path(location: tuple[int | str, ...]) -> str:
    """``('labels', 3, 'stance')`` -> ``$.labels[3].stance``."""
    parts = ["$"]
    for item in location:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(f".{item}")
    return "".join(parts)


def first_validation_problem(error: ValidationError) -> tuple[str, str]:
    """The JSON path and message of the first problem pydantic found (plus a count of others)."""
    problems = error.errors(include_url=False)
    first = problems[0]
    location = tuple(item for item in first["loc"] if not _is_internal_loc(item))
    message = first["msg"].removeprefix("Value error, ")
    if len(problems) > 1:
        message += f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
    return json_path(location), message


def _is_internal_loc(item: int | str) -> bool:
    # pydantic adds function names such as 'function-after[...]' to some locations
    return isinstance(item, str) and ("[" in item or item.startswith("function-"))


UTF16_ADVICE = "is UTF-16 text; save it as UTF-8"


def utf16_encoding(raw: bytes) -> str | None:
    """``'UTF-16'`` (with a byte-order mark), ``'UTF-16LE'``/``'UTF-16BE'`` (without), or None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) and not raw.startswith(b"\xff\xfe\x00\x00"):
        return "UTF-16"
    sample = raw[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    # text mostly in Latin script: every other byte is NUL, the others hardly ever
    for zeros, others, name in ((odd, even, "UTF-16LE"), (even, odd, "UTF-16BE")):
        if zeros.count(0) >= 0.3 * len(zeros) and others.count(0) <= 0.02 * len(others) + 1:
            try:
                sample[: len(sample) // 2 * 2].decode(name.lower().replace("utf-16", "utf-16-"))
            except UnicodeDecodeError:
                continue
            return name
    return None


def read_file_bytes(path: Path) -> bytes:
    """The bytes of ``path``; an OS failure becomes one line naming the file and what to do."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidFileError(path, f"cannot read: {machine_reason(exc)}") from exc


def read_json_bytes(path: Path) -> Any:
    """Parse a JSON file; any failure becomes an :class:`InvalidFileError` naming the file."""
    return parse_json(read_file_bytes(path), path)


def parse_json(raw: bytes, path: Path | str, line: int | None = None) -> Any:
    if not raw.strip():
        raise InvalidFileError(path, "empty file" if line is None else f"line {line}: empty line")
    encoding = utf16_encoding(raw)
    if encoding is not None:
        where = "" if line is None else f"line {line}: "
        raise InvalidFileError(path, f"{where}{UTF16_ADVICE} ({encoding})")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if line is None else f"line {line}"
        reason = exc.msg if exc.msg else str(exc)
        raise InvalidFileError(path, f"not valid JSON ({where}: {reason})") from exc


def validate_model(
    model: type[ModelT], data: Any, path: Path | str, context: dict[str, Any] | None = None
) -> ModelT:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        location, message = first_validation_problem(exc)
        raise InvalidFileError(path, message, json_path=location) from exc


def dump_pretty(model: BaseModel) -> bytes:
    """Deterministic, indented JSON with a final newline (field order = model order)."""
    return orjson.dumps(model.model_dump(mode="json"), option=orjson.OPT_INDENT_2) + b"\n"


def dump_line(model: BaseModel) -> bytes:
    """One compact JSON line (for JSON Lines output)."""
    return orjson.dumps(model.model_dump(mode="json")) + b"\n"


def read_json_objects(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line of a JSON Lines file.

    Errors are one line naming the file and line: unreadable file, invalid JSON, non-object line.
    """
    for number, raw_line in read_json_lines(path):
        yield number, json_object_line(raw_line, path, number)


def read_json_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw bytes) of every non-blank line of a JSON Lines file, not parsed
    (:func:`json_object_line` parses one); an unreadable or UTF-16 file is refused."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InvalidFileError(path, f"cannot read: {machine_reason(exc)}") from exc
    with handle:
        head = handle.read(4096)
        encoding = utf16_encoding(head)
        if encoding is not None:
            raise InvalidFileError(path, f"{UTF16_ADVICE} ({encoding})")
        handle.seek(0)
        for number, raw_line in enumerate(_lines(handle, path), start=1):
            if raw_line.strip():
                yield number, raw_line


def json_object_line(raw_line: bytes, path: Path | str, number: int) -> dict[str, Any]:
    """The object on line ``number`` of a JSON Lines file (invalid JSON or another value: an
    error naming the file and line)."""
    data = parse_json(raw_line, path, line=number)
    if not isinstance(data, dict):
        raise InvalidFileError(path, f"line {number}: expected a JSON object")
    return data


def _lines(handle: BinaryIO, path: Path) -> Iterator[bytes]:
    try:
        yield from handle
    except OSError as exc:
        raise InvalidFileError(path, f"cannot read: {machine_reason(exc)}") from exc


def write_json_lines_to(out: BinaryIO, items: Iterable[Any]) -> None:
    """Write each item (a JSON-serialisable value) as one compact JSON line."""
    for item in items:
        out.write(orjson.dumps(item, option=orjson.OPT_APPEND_NEWLINE))  # no copy to add it
