"""The command palette provider: every action of the current screen, found by name.

Commands are generated from the screen's active bindings (so the palette, the footer and the
help screen agree), plus the screen's extra commands (e.g. restoring a deleted quote).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import Matcher
from textual.markup import escape

from annotator.safe_text import safe_text
from annotator.tui.keys import screen_commands


class AnnotatorCommands(Provider):
    """Every action the current screen offers."""

    def _commands(self) -> Iterator[tuple[str, str, str, DOMNode]]:
        yield from screen_commands(self.screen)

    def _runner(self, action: str, node: DOMNode) -> partial[object]:
        return partial(self.app.call_later, self.app.run_action, action, node)

    async def discover(self) -> Hits:
        for title, help_text, action, node in self._commands():
            yield DiscoveryHit(
                Text(safe_text(title)), self._runner(action, node), help=_help(help_text)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action, node in self._commands():
            shown = safe_text(title)
            score = matcher.match(shown)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, shown),
                    self._runner(action, node),
                    text=shown,
                    help=_help(help_text),
                )


# Titles hold quote text and scheme labels; the palette would read a str as markup
# (Matcher.highlight too), so titles become plain Content and help is escaped.


def _highlight(matcher: Matcher, shown: str) -> Content:
    content = Content(shown)
    _, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    for offset in offsets:
        if not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(help_text: str) -> str:
    return escape(safe_text(help_text))
