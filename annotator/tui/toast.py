"""Toasts that never parse their text: every ``notify`` of the UI goes through :func:`notify`.

Messages often carry file names, label values or error text from files; Textual would read
``[@click=app.quit]`` in them as markup (and run the action on a click), so markup is off and
the text is made inert with :func:`annotator.safe_text.safe_text`.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel
from textual.widget import Widget

from annotator.safe_text import safe_text


def notify(
    target: App[Any] | Widget,
    message: str,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """``target.notify`` with the message and title shown exactly as written (markup off)."""
    target.notify(
        safe_text(message, multiline=True),
        title=safe_text(title),
        severity=severity,
        timeout=timeout,
        markup=False,
    )
