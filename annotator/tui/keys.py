"""The keys of a screen, grouped by action: one list for the help screen and the palette."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from annotator.tui.screens.help import KeyHelp

HIDDEN_ACTIONS = {"command_palette"}  # the palette does not list itself


def _textual_bindings(node: DOMNode) -> set[tuple[str, str]]:
    """(key, action) of the bindings ``node`` inherits from Textual itself (focus next,
    copy selected text, ...): not the app's own actions, so help and palette leave them out."""
    found: set[tuple[str, str]] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("textual") and "BINDINGS" in cls.__dict__:
            for binding in Binding.make_bindings(cls.__dict__["BINDINGS"]):
                found.add((binding.key, binding.action))
    return found


def grouped_bindings(screen: Screen[object]) -> list[tuple[str, str, str, DOMNode]]:
    """(keys, description, action, node) per action of ``screen``, in declaration order."""
    groups: dict[tuple[str, int], tuple[list[str], str, str, DOMNode]] = {}
    app = screen.app
    inherited = {id(node): _textual_bindings(node) for node in (app, screen)}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or not isinstance(active.node, Screen | App):
            continue  # widget bindings (e.g. cursor keys of a focused text view) are not actions
        if (binding.key, binding.action) in inherited.get(id(active.node), set()):
            continue
        group = groups.setdefault(
            (binding.action, id(active.node)),
            ([], binding.description, binding.action, active.node),
        )
        display = app.get_key_display(binding)
        if display not in group[0]:
            group[0].append(display)
        del key
    return [
        (" ".join(keys), description, action, node)
        for keys, description, action, node in groups.values()
    ]


def key_help(screen: Screen[object]) -> list[KeyHelp]:
    return [KeyHelp(keys, description) for keys, description, _, _ in grouped_bindings(screen)]


def screen_commands(screen: Screen[object]) -> Iterator[tuple[str, str, str, DOMNode]]:
    """(title, help, action, node) for the palette: bound actions, then the screen's extras."""
    for keys, description, action, node in grouped_bindings(screen):
        if action in HIDDEN_ACTIONS:
            continue
        yield f"{description[:1].upper()}{description[1:]}", f"key: {keys}", action, node
    extra = getattr(screen, "palette_commands", None)
    if extra is not None:
        for title, help_text, action in extra():
            yield title, help_text, action, screen
