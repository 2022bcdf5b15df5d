"""Untrusted text never acts on the terminal: the safe-text renderer, and every CLI surface
run as a real process on a hostile article, hostile annotation files and a hostile scheme,
with the raw bytes of stdout and stderr checked."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import orjson
import pytest
from rich.console import Console

from annotator.models import DEFAULT_SCHEME
from annotator.safe_text import (
    FORMAT_RANGES,
    KEPT_FORMAT,
    append_safe,
    escape_json_output,
    is_safe,
    safe_rich,
    safe_text,
    safe_text_same_length,
)

ESC_CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
C1_CSI = "\x9b2J"
RLO = "\u202e"
HOSTILE = f"a{ESC_CLEAR}b{OSC_TITLE}c{OSC_CLIPBOARD}d{C1_CSI}e{RLO}f[@click=app.quit]g[bold]h"

# bytes that must never reach a terminal from file content
FORBIDDEN = {
    "ESC": b"\x1b",
    "BEL": b"\x07",
    "C1 CSI": "\x9b".encode(),
    "RLO": RLO.encode(),
    "PDF": "\u202c".encode(),
    "LRI": "\u2066".encode(),
    "RLM": "\u200f".encode(),
    "ALM": "\u061c".encode(),
}


def assert_inert(data: bytes, what: str) -> None:
    for name, raw in FORBIDDEN.items():
        assert raw not in data, f"{what}: raw {name} reached the terminal"


# --------------------------------------------------------------------------- the functions


def test_controls_become_control_pictures_and_c1_bidi_become_code_points() -> None:
    shown = safe_text(HOSTILE)
    assert shown == (
        "a␛[2Jb␛]0;pwned␇c␛]52;c;cHduZWQ=␇d<U+009B>2Je<U+202E>f[@click=app.quit]g[bold]h"
    )
    assert safe_text("x\x00\x7f\r") == "x␀␡␍"
    assert safe_text("tab\tnew\nline") == "tab␉new␊line"
    assert safe_text("tab\tnew\nline", multiline=True) == "tab\tnew\nline"
    for char in ("\u202a", "\u202d", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c"):
        assert safe_text(f"x{char}y") == f"x<U+{ord(char):04X}>y"
    # other invisible characters that can spoof text
    assert safe_text("pay\u200bpal\ufeff\u2060\u00ad") == "pay<U+200B>pal<U+FEFF><U+2060><U+00AD>"
    assert safe_text("tag\U000e0041") == "tag<U+E0041>"
    assert safe_text("lone \ud800 surrogate") == "lone <U+D800> surrogate"
    assert safe_text(12) == "12"


def test_ordinary_text_is_left_alone() -> None:
    for text in ("김정은 and 習近平 met 👍🏽", "‘quotes’ — “dashes”", "👨‍👩‍👧 ZWJ", "می‌خواهم ZWNJ"):
        assert safe_text(text) is text or safe_text(text) == text
        assert is_safe(text)
    assert not is_safe(HOSTILE)


def test_every_format_character_of_this_python_is_covered() -> None:
    covered = {code for low, high in FORMAT_RANGES for code in range(low, high + 1)}
    missing = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF
        and unicodedata.category(chr(code)) == "Cf"
        and chr(code) not in KEPT_FORMAT
        and code not in covered
    ]
    assert missing == []


def test_same_length_variant_keeps_offsets() -> None:
    text = f"line one {HOSTILE}\nline two\ttab \u200b\ud800"
    shown = safe_text_same_length(text)
    assert len(shown) == len(text)
    assert shown.count("\n") == 1 and "\t" in shown
    assert is_safe(shown, multiline=True)
    assert shown.index("line two") == text.index("line two")
    assert "␛[2J" in shown and "\ufffd2J" in shown  # C1 CSI -> U+FFFD, one for one


def test_rich_text_is_never_markup_and_prints_inert() -> None:
    text = safe_rich(HOSTILE, style="bold")
    assert text.plain == safe_text(HOSTILE) and str(text.style) == "bold"
    extended = append_safe(safe_rich("x: "), HOSTILE, style="red")
    assert extended.plain == "x: " + safe_text(HOSTILE)
    console = Console(file=None, force_terminal=True, width=200, record=True)
    with console.capture() as capture:
        console.print(text)
    printed = capture.get()
    assert "[@click=app.quit]" in printed and "[bold]" in printed
    assert "\x9b" not in printed and RLO not in printed and "\x07" not in printed


def test_json_output_escapes_keep_the_value() -> None:
    value = {"k\u202e": HOSTILE + "\u2028\U000e0041", "n": 1}
    raw = orjson.dumps(value)
    escaped = escape_json_output(raw)
    assert orjson.loads(escaped) == value
    assert_inert(escaped, "JSON")
    assert escape_json_output(b'{"a":1}') == b'{"a":1}'
    plain = '{"t":"김정은 👍🏽"}'.encode()
    assert escape_json_output(plain) is plain


# --------------------------------------------------------------------------- CLI surfaces

HOSTILE_SCHEME_STANCE = f"pro-{ESC_CLEAR}US"
HOSTILE_SCHEME_CLICK = "[@click=app.quit]bal"


def hostile_article() -> str:
    return (
        f"Title {OSC_TITLE} [bold]x[/]\n\n"
        f"By Evil {ESC_CLEAR} Author\n\n"
        f"The minister said “we will {OSC_CLIPBOARD} never {C1_CSI} give up on {RLO}evil\u202c "
        "[@click=app.quit]click[/] the partnership with Seoul,” according to officials.\n\n"
        "Another paragraph here, with more words for the body.\n"
    )


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(hostile_article(), encoding="utf-8")
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    scheme = DEFAULT_SCHEME.model_dump(mode="json")
    scheme["name"] = "evil-scheme"  # names are restricted to [A-Za-z0-9_.-]
    scheme["stance"][0]["value"] = HOSTILE_SCHEME_STANCE
    scheme["stance"][0]["definition"] = f"definition {OSC_TITLE} {C1_CSI}"
    scheme["stance"][2]["value"] = HOSTILE_SCHEME_CLICK
    (annotations / "scheme.json").write_bytes(orjson.dumps(scheme))
    return {"corpus": corpus, "annotations": annotations, "root": tmp_path}


def run(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "200", "ANNOTATOR": "alice"}
    env.pop("ANNOTATOR_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def both(result: subprocess.CompletedProcess[bytes]) -> bytes:
    return result.stdout + result.stderr


def test_corpus_and_extract_tables_and_json_lines(hostile: dict[str, Path]) -> None:
    cwd, corpus = hostile["root"], str(hostile["corpus"])
    for args in (("corpus", corpus), ("extract", corpus), ("extract", corpus, "--entities")):
        result = run(*args, cwd=cwd)
        assert result.returncode == 0, result.stderr
        assert_inert(both(result), " ".join(args[:1]))
        out = result.stdout.decode()
        assert "␛" in out  # shown, as a visible escape
    for args in (("corpus", corpus, "--json"), ("extract", corpus, "--json")):
        result = run(*args, cwd=cwd)
        assert result.returncode == 0, result.stderr
        assert_inert(both(result), " ".join(args))
        first = orjson.loads(result.stdout.splitlines()[0])
        # the JSON still carries the exact text
        assert OSC_TITLE in str(first["title"])
        if "text" in first:
            assert RLO in first["text"] and "\x9b" in first["text"]


def test_label_list_set_and_stored_text_unchanged(hostile: dict[str, Path]) -> None:
    cwd = hostile["root"]
    common = ("--corpus", str(hostile["corpus"]), "--annotations", str(hostile["annotations"]))
    note = f"my note {OSC_CLIPBOARD} {RLO}"
    result = run(
        "label", "evil", "1", *common, "--stance", HOSTILE_SCHEME_STANCE, "--note", note, cwd=cwd
    )
    assert result.returncode == 0, result.stderr
    assert_inert(both(result), "label set")
    assert "pro-␛[2JUS" in result.stdout.decode()
    saved = orjson.loads((hostile["annotations"] / "alice" / "evil.json").read_bytes())
    assert saved["labels"][0]["stance"] == HOSTILE_SCHEME_STANCE  # stored exactly
    assert saved["labels"][0]["note"] == note
    for extra in ((), ("--json",)):
        listed = run("label", "evil", *common, *extra, cwd=cwd)
        assert listed.returncode == 0, listed.stderr
        assert_inert(both(listed), f"label list {extra}")
    rows = [orjson.loads(line) for line in listed.stdout.splitlines()]
    assert rows[0]["stance"] == HOSTILE_SCHEME_STANCE and rows[0]["note"] == note


def test_validate_and_error_lines_show_file_content_inert(hostile: dict[str, Path]) -> None:
    cwd, annotations = hostile["root"], hostile["annotations"]
    folder = annotations / "alice"
    folder.mkdir()
    bad = {
        "schema_version": 1,
        "annotator": "alice",
        "document_id": "evil",
        "document_sha256": "0" * 64,
        "scheme": {"name": f"evil{RLO}scheme", "version": 1},  # not this one
        "labels": [{"quote_id": "q1-5", "stance": f"unknown {ESC_CLEAR}{C1_CSI} [@click=x]"}],
        f"key{OSC_TITLE}": 1,
    }
    (folder / "evil.json").write_bytes(orjson.dumps(bad))
    (folder / f"name{RLO}.json").write_bytes(b"{ not json \x1b[2J")
    for extra in ((), ("--json",)):
        result = run(
            "validate", str(annotations), "--corpus", str(hostile["corpus"]), *extra, cwd=cwd
        )
        assert result.returncode == 1
        assert_inert(both(result), f"validate {extra}")
        assert b"evil.json" in both(result)
        # the file name with a bidi override: shown as <U+202E>, or a \u202e escape in JSON
        assert (b"\\u202e" if extra else b"name<U+202E>.json") in both(result)
    # the one error renderer (fail): agreement/export on the bad folder
    for args in (
        ("agreement", str(annotations)),
        ("export", "--annotations", str(annotations), "--corpus", str(hostile["corpus"])),
    ):
        result = run(*args, cwd=cwd)
        assert result.returncode != 0
        assert_inert(both(result), args[0])
        assert result.stderr.startswith(b"annotator: error: ")
        assert len(result.stderr.strip().splitlines()) == 1


def test_agreement_tables_with_hostile_labels(hostile: dict[str, Path]) -> None:
    cwd = hostile["root"]
    common = ("--corpus", str(hostile["corpus"]), "--annotations", str(hostile["annotations"]))
    for name, stance in (("alice", HOSTILE_SCHEME_STANCE), ("bob", HOSTILE_SCHEME_CLICK)):
        result = run(
            "label", "evil", "1", *common, "--annotator", name, "--stance", stance, cwd=cwd
        )
        assert result.returncode == 0, result.stderr
    for extra in ((), ("--json",)):
        result = run("agreement", str(hostile["annotations"]), *extra, cwd=cwd)
        assert result.returncode == 0, result.stderr
        assert_inert(both(result), f"agreement {extra}")
    table = run("agreement", str(hostile["annotations"]), cwd=cwd).stdout.decode()
    assert "pro-␛[2JUS" in table and "[@click=app.quit]bal" in table


def test_import_messages_show_file_content_inert(hostile: dict[str, Path]) -> None:
    cwd = hostile["root"]
    task = [{"data": {"text": f"text {ESC_CLEAR}"}, "annotations": [{"result": []}]}]
    bad_file = hostile["root"] / f"tasks{RLO}.json"
    bad_file.write_bytes(orjson.dumps(task))
    result = run(
        "import", "label-studio", str(bad_file), "--annotations", str(hostile["annotations"]),
        cwd=cwd,
    )  # fmt: skip
    assert result.returncode == 1
    assert_inert(both(result), "import")
    assert b"tasks<U+202E>.json" in result.stderr


def test_a_scheme_colour_that_is_not_a_colour_is_refused(tmp_path: Path) -> None:
    # the UI builds Rich styles from it; a bad one would stop the UI with a traceback
    scheme = DEFAULT_SCHEME.model_dump(mode="json")
    scheme["stance"][0]["color"] = f"{ESC_CLEAR}[@click=app.quit]"
    path = tmp_path / "scheme.json"
    path.write_bytes(orjson.dumps(scheme))
    result = run("validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert_inert(both(result), "validate scheme")
    assert b"$.stance[0].color" in result.stderr and b"is not a colour" in result.stderr
