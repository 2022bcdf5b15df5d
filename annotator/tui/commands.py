"""The command palette provider: every action of the current screen, found by name.

Commands are generated from the screen's active bindings (so the palette, the footer and the
help screen agree), plus the screen's extra commands (e.g. restoring a deleted quote).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from annotator.tui.keys import screen_commands


class AnnotatorCommands(Provider):
    """Every action the current screen offers."""

    def _commands(self) -> Iterator[tuple[str, str, str, DOMNode]]:
        yield from screen_commands(self.screen)

    def _runner(self, action: str, node: DOMNode) -> partial[object]:
        return partial(self.app.call_later, self.app.run_action, action, node)

    async def discover(self) -> Hits:
        for title, help_text, action, node in self._commands():
            yield DiscoveryHit(title, self._runner(action, node), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action, node in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), self._runner(action, node), help=help_text
                )
