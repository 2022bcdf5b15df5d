"""The one safe-text renderer: untrusted text (from articles, file names, JSON keys and values)
made inert before it meets a terminal, Rich or Textual.

Stored text is never changed: these functions only build what is displayed.

What is shown instead of a character that could act on the terminal or spoof the text:

- C0 controls (U+0000–U+001F, ESC included) and DEL become their Unicode *control pictures*:
  ``\\x1b`` → ``␛``, ``\\x07`` → ``␇``, ``\\r`` → ``␍``, DEL → ``␡``. ``\\n`` and ``\\t`` are kept
  only where the caller allows several lines (``multiline=True``); otherwise ``␊`` and ``␉``.
- C1 controls (U+0080–U+009F, e.g. the one-byte CSI U+009B), bidi overrides, embeddings,
  isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), the other
  invisible format characters (Unicode category Cf: zero-width space, word joiner, BOM, soft
  hyphen, tag characters, …), line/paragraph separators (U+2028/U+2029), lone surrogates and
  the Unicode specials U+FFF9–U+FFFB become a visible ``<U+XXXX>``. Zero-width joiner and
  non-joiner (U+200D, U+200C) stay: scripts and emoji need them and they cannot reorder text.

:func:`safe_text_same_length` is the variant for the article view, whose offsets must stay
those of the stored text: each unsafe character becomes exactly one visible character (a
control picture, or ``�`` U+FFFD for the others).

:func:`safe_rich` gives a Rich :class:`~rich.text.Text`, which neither Rich nor Textual parses
as markup; the CLI prints it and Textual widgets (``Static``, ``Label``, ``DataTable`` cells,
toasts' bodies) render it as it is. :func:`escape_json_output` makes JSON output bytes inert the
same way while keeping the JSON value identical (``\\u009b`` escapes).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Rich is loaded by the first safe_rich call: JSON output never needs it
    from rich.text import Text

KEPT_FORMAT = frozenset({"\u200c", "\u200d"})  # ZWNJ, ZWJ: needed by scripts and emoji
REPLACEMENT = "\ufffd"

# Unicode category Cf (format characters) as of Unicode 14, without ZWNJ/ZWJ; a test checks
# that every Cf character of the running Python's Unicode database is covered.
FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200B), (0x200E, 0x200F),
    (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
OTHER_UNSAFE = ((0x2028, 0x2029), (0xFFF9, 0xFFFB))  # line/paragraph separators, specials


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )


NON_ASCII_UNSAFE = "\x7f-\x9f" + _char_class(FORMAT_RANGES + OTHER_UNSAFE)
UNSAFE = re.compile("[\x00-\x1f\ud800-\udfff" + NON_ASCII_UNSAFE + "]")
_JSON_UNSAFE = re.compile("[" + NON_ASCII_UNSAFE + "]")


def _picture(char: str) -> str | None:
    """The control picture of a C0 control or DEL, else ``None``."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return None


def _escape(match: re.Match[str], keep: str) -> str:
    char = match.group()
    if char in keep:
        return char
    picture = _picture(char)
    return picture if picture is not None else f"<U+{ord(char):04X}>"


def _escape_one(match: re.Match[str], keep: str) -> str:
    char = match.group()
    if char in keep:
        return char
    return _picture(char) or REPLACEMENT


def is_safe(value: str, *, multiline: bool = False) -> bool:
    """True if ``value`` would be shown unchanged."""
    return safe_text(value, multiline=multiline) == value


def safe_text(value: object, *, multiline: bool = False) -> str:
    """``value`` (any object, shown with ``str``) with every unsafe character made visible.

    ``multiline=True`` keeps ``\\n`` and ``\\t`` (for text shown on several lines).
    """
    text = value if isinstance(value, str) else str(value)
    pattern = UNSAFE
    if pattern.search(text) is None:
        return text
    keep = "\n\t" if multiline else ""
    return pattern.sub(lambda match: _escape(match, keep), text)


def safe_text_same_length(value: str) -> str:
    """``value`` made safe character for character (``\\n`` and ``\\t`` kept): same length, so
    offsets into the stored text stay valid for what is shown."""
    pattern = UNSAFE
    if pattern.search(value) is None:
        return value
    return pattern.sub(lambda match: _escape_one(match, "\n\t"), value)


def safe_rich(value: object, style: str = "", *, multiline: bool = False, **options: Any) -> Text:
    """A Rich ``Text`` of ``value`` made safe; never parsed as markup (``options`` go to ``Text``,
    e.g. ``justify``, ``no_wrap``)."""
    from rich.text import Text

    return Text(safe_text(value, multiline=multiline), style=style, **options)


def append_safe(text: Text, value: object, style: str = "", *, multiline: bool = False) -> Text:
    """Append ``value`` made safe to a Rich ``Text`` (returned for chaining)."""
    return text.append(safe_text(value, multiline=multiline), style=style)


def escape_json_output(data: bytes) -> bytes:
    """JSON bytes (as orjson writes them) with DEL, C1, bidi and other invisible format characters
    written as ``\\uXXXX`` escapes: the same JSON value, but nothing a terminal acts on.

    orjson already escapes C0 controls (ESC is written ``\\u001b``); these may only appear
    inside JSON strings, where an escape means the same character.
    """
    if data.isascii():
        return data
    text = data.decode("utf-8")
    if _JSON_UNSAFE.search(text) is None:
        return data
    return _JSON_UNSAFE.sub(lambda m: _json_escape(m.group()), text).encode("utf-8")


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
