"""Keys and pastes that arrive while the screen changes are delivered, never dropped.

A terminal sends a burst of keys at once (a paste, tmux send-keys, a fast typist): ``e`` opens
the speaker dialog while the keys typed after it are already queued for the annotate screen;
``enter`` closes the dialog while the next label keys are already queued for its input. Textual
would give those keys to a screen that is no longer on top, where they are lost or land in the
wrong field. Every screen and input of the app passes such a key on to the screen now on top
(its focused widget), in the order typed; a dialog not yet focused puts early text into its
input.

A screen that asked to be replaced by a message the app handles later (a name given, a
document chosen) is still on top while the keys typed after it arrive: it holds them
(:func:`hold_keys`) and hands them, in order, to the screen on top once the app has answered
(:func:`release_keys`: the next screen, or itself again if it stayed), at the latest after
:data:`HOLD_SECONDS`.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


def _copy(event: events.Key | events.Paste) -> events.Key | events.Paste:
    copy: events.Key | events.Paste
    if isinstance(event, events.Key):
        copy = events.Key(event.key, event.character)
    else:
        copy = events.Paste(event.text)
    copy._set_forwarded()  # the app must not forward it a second time
    return copy


ORIGIN = "_annotator_typed_on"  # the screen a key was typed on (set as it passes it)
HELD = "_annotator_held"  # the keys a screen holds while it is being replaced
HOLD_SECONDS = 2.0  # held keys are released by then whatever happened


STARTS_HOLD = "_annotator_starts_hold"  # the key that asks for the change: not held itself


def hold_keys(screen: Screen[object], key: events.Key | None = None) -> None:
    """Keys and pastes that reach ``screen`` from now on (not ``key``, the one asking for the
    change, still on its way to its binding) are held until :func:`release_keys` (the screen
    asked the app to replace it; see the module docstring)."""
    if key is not None:
        setattr(key, STARTS_HOLD, True)
    if getattr(screen, HELD, None) is not None:
        return
    held: list[events.Key | events.Paste] = []
    setattr(screen, HELD, held)
    app = screen.app

    def too_long() -> None:
        if getattr(screen, HELD, None) is held:  # not a later hold of the same screen
            release_keys(app, screen)

    app.set_timer(HOLD_SECONDS, too_long)


def release_keys(app: App[object], screen: Screen[object]) -> None:
    """Stop holding keys on ``screen``; once the screen now on top has been drawn (mounted,
    its focus set), give the held keys to the app again in the order typed."""
    held: list[events.Key | events.Paste] | None = getattr(screen, HELD, None)
    if held is None:
        return
    setattr(screen, HELD, None)
    if not held:
        return

    def deliver() -> None:
        # through the app, as the terminal driver gives a key: bindings then act in the order
        # typed (a key posted straight to an input would run its bindings after the text)
        for event in held:
            fresh: events.Key | events.Paste
            if isinstance(event, events.Key):
                fresh = events.Key(event.key, event.character)
            else:
                fresh = events.Paste(event.text)
            fresh.set_sender(app)
            app.post_message(fresh)

    app.call_after_refresh(deliver)


def _hold(screen: Screen[object] | None, event: events.Key | events.Paste) -> bool:
    held: list[events.Key | events.Paste] | None = getattr(screen, HELD, None)
    if held is None or getattr(event, STARTS_HOLD, False):
        return False
    event.stop()
    event.prevent_default()
    held.append(_copy(event))
    return True


def _screen_of(widget: Widget) -> Screen[object] | None:
    try:
        return widget.screen
    except Exception:  # removed from the DOM meanwhile
        return None


def _pass_on(widget: Widget, event: events.Key | events.Paste) -> None:
    event.stop()
    event.prevent_default()
    top = widget.app.screen
    target: Widget = top.focused or top
    target.post_message(_copy(event))


def reroute_if_covered(widget: Widget, event: events.Key | events.Paste) -> bool:
    """Pass ``event`` on to the screen on top if ``widget``'s screen is no longer it.

    Also notes the screen on the event, so that the app (where key bindings run, after the
    event bubbled up) can do the same: see :func:`reroute_at_app`. True when the event was
    passed on (the caller must then ignore it).
    """
    own = _screen_of(widget)
    if own is not None and not hasattr(event, ORIGIN):
        setattr(event, ORIGIN, own)
    if _hold(own, event):
        return True
    if own is widget.app.screen:
        return False
    _pass_on(widget, event)
    return True


def reroute_at_app(app: App[object], event: events.Key | events.Paste) -> bool:
    """At the app: a key typed on a screen that another covered meanwhile goes to the new one.

    (``e`` opens a dialog when its binding runs here, after the keys typed next were already
    given to the annotate screen.)
    """
    origin = getattr(event, ORIGIN, None)
    # (not held here: a key that reaches the app passed its screen before any hold began)
    if origin is None or origin is app.screen:
        return False
    _pass_on(app.screen, event)
    return True


def take_stray_text(screen: Screen[object], event: events.Key | events.Paste) -> bool:
    """Put text that reached ``screen`` itself (not its input) into the focused input.

    A printable key reaches the screen only when no input had the focus when it was
    forwarded (it arrived while the screen was being built): an input stops every printable
    key it receives.
    """
    focused = screen.focused
    if not isinstance(focused, Input):
        inputs = [widget for widget in screen.query(Input) if widget.focusable]
        if not inputs:
            return False
        focused = inputs[0]
        focused.focus()
    if isinstance(event, events.Key):
        if event.key == "enter":
            return submit_now(focused, event)
        if not event.is_printable or event.character is None:
            return False
        text = event.character
    else:
        text = event.text.splitlines()[0] if event.text else ""
    event.stop()
    event.prevent_default()
    focused.insert_text_at_cursor(text)
    return True


class RoutedInput(Input):
    """An input that passes keys typed after its dialog closed on to the screen below.

    Enter submits at once (``screen.submit_input(input)`` when the screen has it), not through
    a message queued behind the keys typed after it, which would otherwise land in this input.
    """

    # Textual calls the handler of every class in the MRO (Input's after these) unless the
    # event's default is prevented, which passing it on does.

    async def _on_key(self, event: events.Key) -> None:
        if not reroute_if_covered(self, event) and event.key == "enter":
            submit_now(self, event)

    def _on_paste(self, event: events.Paste) -> None:
        reroute_if_covered(self, event)


def submit_now(widget: Input, event: events.Key) -> bool:
    submit = getattr(_screen_of(widget), "submit_input", None)
    if submit is None:
        return False
    event.stop()
    event.prevent_default()
    submit(widget)
    return True
