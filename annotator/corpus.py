"""Reading and cleaning articles: ``.txt`` / ``.md`` files, folders of them, and ``.jsonl`` corpora.

The cleaned text is what every offset in the project refers to. Cleaning:

* decodes UTF-8 (a BOM is dropped; other encodings and binary files are refused with a clear error),
* normalises line ends, non-breaking and other odd spaces, zero-width characters, and applies NFC,
* turns Markdown link residue ``[text](url)`` into ``text`` and drops ``**bold**`` / ``*em*`` markers,
* reads header lines (title, ``By`` author, outlet and date lines, ``Region:``, ``Theme:``) into
  metadata and cuts them from the text,
* cuts site boilerplate after the body ("Note to readers", "Copyright ©", "Disclaimer:", ...) and a
  closing author bio, keeping them as metadata,
* joins a paragraph break that cuts a sentence in two,
* records short unpunctuated lines between paragraphs as section headings.

Quotation marks and apostrophes are kept exactly as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from annotator.errors import InvalidFileError
from annotator.jsonio import (
    UTF16_ADVICE,
    first_validation_problem,
    read_file_bytes,
    read_json_objects,
    utf16_encoding,
)
from annotator.locations import (  # noqa: F401  (re-exported)
    CORPUS_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    check_unique_id,
    corpus_files,
    default_corpus_path,
)
from annotator.models import (
    Document,
    MetadataValue,
    Span,
    check_safe_name,
    is_windows_reserved,
    sha256_text,
)

PARAGRAPH_SEPARATOR = "\n\n"

# --------------------------------------------------------------------------- decoding


def decode_article_bytes(raw: bytes, path: Path | str) -> str:
    """UTF-8 text of a file, or an :class:`InvalidFileError` saying why it is not text."""
    encoding = utf16_encoding(raw)
    if encoding is not None:
        raise InvalidFileError(
            path, f"{UTF16_ADVICE} ({encoding}), e.g. with iconv -f {encoding} -t UTF-8"
        )
    if b"\x00" in raw[:8192]:
        raise InvalidFileError(
            path, "looks like a binary file (contains NUL bytes), not an article"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidFileError(
            path,
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} on line {line}); "
            "convert it to UTF-8, e.g. with iconv -f cp1252 -t utf-8",
        ) from exc


# --------------------------------------------------------------------------- normalising

_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u000b\u000c]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_MANY_SPACES = re.compile(r" {2,}")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^)\n]*\)")
# the content may not contain the marker itself: without that, a line with many unclosed
# markers makes the lazy match scan to the end of the line from each one (quadratic time)
_BOLD = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")


def normalise_whitespace(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _MANY_SPACES.sub(" ", text)
    return text


def strip_inline_markdown(line: str) -> str:
    """``[text](url)`` -> ``text``; ``**b**``, ``__b__`` and ``*e*`` lose their markers."""
    if "](" in line:
        line = _IMAGE.sub(r"\1", line)
        line = _LINK.sub(r"\1", line)
    if "*" in line or "__" in line:
        line = _BOLD.sub(r"\2", line)
        line = _EMPHASIS.sub(r"\1", line)
    return line


# --------------------------------------------------------------------------- header metadata

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_PATTERNS = [
    re.compile(rf"{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})"),
    re.compile(rf"(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>\d{{4}})"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
]
_BYLINE = re.compile(r"^By\s+(?P<author>[^\n]{2,120})$")
_LABELLED = re.compile(
    r"^(?P<key>Region|Regions|Theme|Themes|Topic|Topics|Tags)\s*:\s*(?P<value>.+)$", re.I
)
_PROMO = re.compile(
    r"(can be read in \d+ languages|Translate Website|subscribe to our newsletter|"
    r"sign up for our|click here to subscribe)",
    re.I,
)


def parse_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD`` and its span, or ``None``."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
            if month is None:
                continue
            try:
                value = date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:
                continue
            return value.isoformat(), match.span()
    return None


def _outlet_from_date_line(line: str, date_span: tuple[int, int]) -> str | None:
    before = line[: date_span[0]].strip(" ,;|-–—")
    after = line[date_span[1] :].strip(" ,;|-–—")
    candidate = before or after
    if candidate and len(candidate) <= 80 and not candidate.endswith("."):
        return candidate
    return None


@dataclass
class ArticleHeader:
    title: str | None = None
    author: str | None = None
    outlets: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)
    promos: list[str] = field(default_factory=list)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", "!", "?", "…", ":", ";", '"', "”", "’", "'", ")", "»"))


def _looks_like_title(line: str) -> bool:
    return 0 < len(line) <= 200 and not line.endswith((".", ",", ";")) and len(line.split()) <= 30


def read_header(paragraphs: list[str]) -> tuple[ArticleHeader, int]:
    """Metadata from the header lines at the top; returns it and the index of the first body line."""
    header = ArticleHeader()
    index = 0
    seen_header_line = False
    while index < len(paragraphs):
        line = paragraphs[index]
        if match := _BYLINE.match(line):
            header.author = match.group("author").strip()
        elif match := _LABELLED.match(line):
            values = [value.strip() for value in match.group("value").split(",") if value.strip()]
            if match.group("key").lower().startswith("region"):
                header.region.extend(values)
            else:
                header.theme.extend(values)
        elif (found := parse_date(line)) and len(line) <= 120 and not _ends_sentence(line):
            iso, span = found
            header.dates.append(iso)
            if outlet := _outlet_from_date_line(line, span):
                header.outlets.append(outlet)
        elif _PROMO.search(line) and len(line) <= 400:
            header.promos.append(line)
        elif index == 0 and _looks_like_title(line) and len(paragraphs) > 1:
            # a title is only a title if header lines follow it
            follower = paragraphs[1]
            if _BYLINE.match(follower) or _LABELLED.match(follower) or parse_date(follower):
                header.title = line
            else:
                break
        else:
            break
        seen_header_line = True
        index += 1
    return header, index if seen_header_line else 0


# --------------------------------------------------------------------------- boilerplate

_BOILERPLATE_START = re.compile(
    r"^(Note to readers|The original source of this article is|Copyright\s*(©|\(c\)|\d{4})|"
    r"©|Disclaimer\s*:|Featured image|Comment on .{0,60}(Facebook|Twitter)|Become a Member|"
    r"Articles by\s*:|For media inquiries|Please (click the )?share|Share this article|"
    r"Support (our|independent) journalism|Related articles?\s*:|Read more\s*:|"
    r"This article (was )?(originally )?(first )?(published|appeared))",
    re.I,
)
# site boilerplate after the body is short: a cut leaves at most this many words (or a quarter)
_TAIL_WORDS = 600
_SEPARATOR = re.compile(r"^([*_\-=~•·]\s*){1,5}$")
_AUTHOR_BIO = re.compile(
    r"^(?P<name>(?:Dr\.? |Prof\.? )?[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}),\s+"
    r"(?:(?:a |an |the )?(?:PhD|Ph\.D\.|Dr\b|Professor|Prof\b|[\w ,-]{0,60}?"
    r"(?:fellow|professor|researcher|editor|journalist|analyst|correspondent|writer|director|"
    r"lecturer|scholar)))",
)


_SPEECH_IN_BIO = re.compile(r"\b(?:said|says|told|added|noted|warned|stressed|argued)\b|[“”\"]")


def split_boilerplate(paragraphs: list[str]) -> tuple[list[str], list[str], str | None]:
    """Cut trailing site boilerplate and a closing author bio.

    Returns the body paragraphs, the boilerplate paragraphs and the bio's author name (if any).
    Only the last part of an article is searched, so a body paragraph that happens to start with
    "Copyright" is kept; and a boilerplate-like line ("Read more: ...") with a long stretch of
    text after it is not a cut either, so the body after it is never lost to boilerplate.
    """
    cut = len(paragraphs)
    earliest = max(1, len(paragraphs) // 3)
    words_after = [0] * (len(paragraphs) + 1)
    for index in range(len(paragraphs) - 1, -1, -1):
        words_after[index] = words_after[index + 1] + paragraphs[index].count(" ") + 1
    longest_tail = max(_TAIL_WORDS, words_after[0] // 4)
    for index in range(earliest, len(paragraphs)):
        if _BOILERPLATE_START.match(paragraphs[index]) and words_after[index] <= longest_tail:
            cut = index
            break
    # closing author bio(s) and separators just before the cut
    bio_author: str | None = None
    while cut > 1:
        previous = paragraphs[cut - 1]
        if _SEPARATOR.match(previous):
            cut -= 1
            continue
        if (
            (match := _AUTHOR_BIO.match(previous))
            and len(previous) <= 600
            # "Lyu Chao, director of the Border Study Institute …, said if …": news, not a bio
            and not _SPEECH_IN_BIO.search(previous)
        ):
            bio_author = match.group("name").removeprefix("Dr. ").removeprefix("Prof. ")
            cut -= 1
            continue
        break
    return paragraphs[:cut], paragraphs[cut:], bio_author


# --------------------------------------------------------------------------- paragraphs


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a normalised text.

    A line is a paragraph, except in hard-wrapped files (blank-line separated blocks whose lines
    are all short), where the lines of a block are joined.
    """
    blocks = [block for block in re.split(r"\n\s*\n", text)]
    lines_per_block = [
        [line.strip() for line in block.split("\n") if line.strip()] for block in blocks
    ]
    multi_line = [lines for lines in lines_per_block if len(lines) > 1]
    hard_wrapped = (
        bool(multi_line)
        and len(multi_line) * 2 >= len([lines for lines in lines_per_block if lines])
        and all(len(line) <= 100 for lines in multi_line for line in lines[:-1])
    )
    paragraphs: list[str] = []
    for lines in lines_per_block:
        if not lines:
            continue
        if hard_wrapped:
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def join_broken_sentences(paragraphs: list[str]) -> list[str]:
    """Join a paragraph that ends mid-sentence to the next one when that one starts in lower case."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if (
            joined
            and not _ends_sentence(joined[-1])
            and not _SEPARATOR.match(joined[-1])
            and paragraph[:1].islower()
            and len(joined[-1].split()) > 3
        ):
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def is_heading(paragraph: str, index: int, count: int) -> bool:
    """A short line without closing punctuation between paragraphs."""
    if index == 0 or index == count - 1:
        return False
    words = paragraph.split()
    question_heading = paragraph.endswith("?") and len(words) <= 6
    return (
        0 < len(words) <= 12
        and len(paragraph) <= 90
        and (question_heading or not _ends_sentence(paragraph))
        and not paragraph.endswith(",")
        and paragraph[:1].isupper()
    )


# --------------------------------------------------------------------------- documents


@dataclass
class CleanedArticle:
    text: str
    headings: list[Span]
    header: ArticleHeader
    boilerplate: list[str]
    bio_author: str | None


def clean_article(raw_text: str) -> CleanedArticle:
    """Clean an article's text and read its header; see the module docstring for the rules."""
    text = normalise_whitespace(raw_text)
    lines = []
    heading_lines: set[int] = set()
    for line in text.split("\n"):
        stripped = line.strip()
        if match := _MD_HEADING.match(stripped):
            stripped = match.group(1)
            heading_lines.add(len(lines))
        lines.append(strip_inline_markdown(stripped).strip())
    paragraphs = split_paragraphs("\n".join(lines))
    markdown_headings = {strip_inline_markdown(lines[i]) for i in heading_lines if i < len(lines)}
    header, body_start = read_header(paragraphs)
    body, boilerplate, bio_author = split_boilerplate(paragraphs[body_start:])
    body = join_broken_sentences(body)
    boilerplate = header.promos + boilerplate
    body = [paragraph for paragraph in body if paragraph]
    headings: list[Span] = []
    offset = 0
    for index, paragraph in enumerate(body):
        if paragraph in markdown_headings or is_heading(paragraph, index, len(body)):
            headings.append(Span(start=offset, end=offset + len(paragraph), text=paragraph))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return CleanedArticle(
        text=PARAGRAPH_SEPARATOR.join(body),
        headings=headings,
        header=header,
        boilerplate=boilerplate,
        bio_author=bio_author,
    )


def document_id_from_name(name: str, path: Path | str) -> str:
    """A safe document id from a file name: other characters become ``_``."""
    candidate = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    candidate = re.sub(r"\.{2,}", ".", candidate).strip("._-")
    if is_windows_reserved(candidate):  # con.txt, NUL, aux.final: usable with a '_' added
        stem, dot, rest = candidate.partition(".")
        candidate = f"{stem}_{dot}{rest}"
    try:
        return check_safe_name(candidate)
    except ValueError:
        raise InvalidFileError(path, f"cannot make a document id from the name {name!r}") from None


def build_document(
    raw_text: str,
    document_id: str,
    source: str,
    fields: dict[str, Any] | None = None,
) -> Document:
    """Clean ``raw_text`` and build a :class:`Document`; ``fields`` (from JSONL) override the header."""
    cleaned = clean_article(raw_text)
    fields = dict(fields or {})
    header = cleaned.header
    metadata: dict[str, MetadataValue] = {}
    if len(header.outlets) > 1:
        metadata["outlets"] = "; ".join(header.outlets)
    if len(header.dates) > 1:
        metadata["dates"] = "; ".join(header.dates)
    if cleaned.bio_author and not header.author:
        metadata["author_from"] = "closing bio"

    def pop_text(key: str) -> str | None:
        value = fields.pop(key, None)
        return None if value is None else str(value)

    published = (
        pop_text("published") or pop_text("date") or (header.dates[0] if header.dates else None)
    )
    if published is not None:
        found = parse_date(published)
        published = found[0] if found else published
    region = fields.pop("region", None)
    theme = fields.pop("theme", None)
    for key, value in fields.items():
        metadata[key] = (
            value
            if isinstance(value, str | int | float | bool) or value is None
            else (orjson.dumps(value).decode())
        )
    try:
        return Document(
            id=document_id,
            source=source,
            sha256=sha256_text(cleaned.text),
            title=pop_text_or(fields, "title", header.title),
            author=pop_text_or(fields, "author", header.author or cleaned.bio_author),
            outlet=pop_text_or(fields, "outlet", header.outlets[0] if header.outlets else None),
            published=published,
            region=_as_list(region) if region is not None else header.region,
            theme=_as_list(theme) if theme is not None else header.theme,
            text=cleaned.text,
            headings=cleaned.headings,
            boilerplate=cleaned.boilerplate,
            metadata={k: v for k, v in metadata.items() if k not in {"title", "author", "outlet"}},
        )
    except ValidationError as exc:
        location, message = first_validation_problem(exc)
        field_name = location.removeprefix("$.")
        raise InvalidFileError(source, f"{field_name}: {message}") from exc


def pop_text_or(fields: dict[str, Any], key: str, default: str | None) -> str | None:
    value = fields.get(key)
    return default if value is None else str(value)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def load_text_file(path: Path) -> Document:
    raw = read_file_bytes(path)
    text = decode_article_bytes(raw, path)
    if not text.strip():
        raise InvalidFileError(path, "empty file: no article text")
    return build_document(text, document_id_from_name(path.stem, path), str(path))


def iter_jsonl(path: Path) -> Iterator[Document]:
    """Documents of a JSON Lines corpus, one ``{"id", "text", ...metadata}`` object per line."""
    for number, data in read_json_objects(path):
        yield jsonl_document(path, number, data)


def jsonl_document(path: Path | str, number: int, data: dict[str, Any]) -> Document:
    """The document of line ``number`` of a JSON Lines corpus (``data``: its object, which
    this takes apart)."""
    where = f"{path}:{number}"
    document_id = data.pop("id", None)
    text = data.pop("text", None)
    if not isinstance(document_id, str):
        raise InvalidFileError(path, f'line {number}: missing or non-string "id"')
    if not isinstance(text, str) or not text.strip():
        raise InvalidFileError(path, f'line {number}: missing or empty "text"')
    try:
        check_safe_name(document_id)
    except ValueError as exc:
        raise InvalidFileError(path, f"line {number}: id: {exc}") from None
    return build_document(text, document_id, where, data)


def iter_file_documents(path: Path) -> Iterable[Document]:
    """The documents of one corpus file (one for a text file, one per line of a JSONL file)."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return iter_jsonl(path)
    if suffix in TEXT_SUFFIXES:
        return [load_text_file(path)]
    raise InvalidFileError(
        path, f"unsupported file type {suffix or '(none)'}; use .txt, .md or .jsonl"
    )


def iter_documents(paths: Iterable[Path]) -> Iterator[Document]:
    """Stream the documents of a corpus (files in name order); ids must be unique."""
    seen: dict[str, str] = {}
    for path in corpus_files(paths):
        for document in iter_file_documents(path):
            check_unique_id(seen, document.id, document.source)
            yield document


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'-]\w+)*", text))
