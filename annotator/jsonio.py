"""Reading and writing JSON with orjson, and turning validation errors into one-line messages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from annotator.errors import InvalidFileError

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


def read_json_bytes(path: Path) -> Any:
    """Parse a JSON file; any failure becomes an :class:`InvalidFileError` naming the file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    return parse_json(raw, path)


def parse_json(raw: bytes, path: Path | str, line: int | None = None) -> Any:
    if not raw.strip():
        raise InvalidFileError(path, "empty file" if line is None else f"line {line}: empty line")
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
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InvalidFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    with handle:
        for number, raw_line in enumerate(handle, start=1):
            if not raw_line.strip():
                continue
            data = parse_json(raw_line, path, line=number)
            if not isinstance(data, dict):
                raise InvalidFileError(path, f"line {number}: expected a JSON object")
            yield number, data


def write_json_lines_to(out: BinaryIO, items: Iterable[Any]) -> None:
    """Write each item (a JSON-serialisable value) as one compact JSON line."""
    for item in items:
        out.write(orjson.dumps(item) + b"\n")
