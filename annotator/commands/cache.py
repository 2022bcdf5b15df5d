"""``annotator cache info|clear``: the extraction cache's location and size, and emptying it."""

from __future__ import annotations

import click
from rich.text import Text

from annotator.cache import ExtractionCache, cache_enabled
from annotator.cli_support import stdout_console, user_errors, write_json_lines


def _size(count: int) -> str:
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


@click.group("cache")
def cache() -> None:
    """The extraction cache: where it is, what it holds, clearing it.

    Each document's extracted quotes are kept under a key made of the SHA-256 of its cleaned
    text, the extractor's version and the options, so extraction runs once per text. Location:
    --cache-dir, $ANNOTATOR_CACHE_DIR, $XDG_CACHE_HOME/annotator or ~/.cache/annotator; size
    limit: $ANNOTATOR_CACHE_LIMIT (default 500M), least recently used entries go first.
    """


@cache.command("info")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@user_errors
def info(as_json: bool) -> None:
    """Where the cache is, how many entries and bytes it holds, and its limit."""
    details = ExtractionCache().info()
    if as_json:
        write_json_lines(
            [
                {
                    "path": str(details.root),
                    "enabled": cache_enabled(),
                    "entries": details.entries,
                    "bytes": details.bytes,
                    "limit": details.limit,
                    "temporary_files": details.temporary,
                }
            ]
        )
        return
    lines = [
        f"path     {details.root}" + ("" if cache_enabled() else "  (turned off)"),
        f"entries  {details.entries}",
        f"size     {_size(details.bytes)} of {_size(details.limit)}",
    ]
    if details.temporary:
        lines.append(f"partial  {details.temporary} unfinished writes (removed after an hour)")
    for line in lines:
        stdout_console.print(Text(line))


@cache.command("clear")
@user_errors
def clear() -> None:
    """Remove every cached extraction and the listing index (rebuilt when next needed)."""
    from annotator.listing import LISTING_FOLDER, ListingIndex

    store = ExtractionCache()
    removed = store.clear()
    listing = ListingIndex(store.root / LISTING_FOLDER)
    rows = listing.clear()
    stdout_console.print(
        Text(
            f"removed {removed} entr{'y' if removed == 1 else 'ies'} from {store.root}"
            f" and {rows} from the listing index ({listing.root})"
        )
    )
