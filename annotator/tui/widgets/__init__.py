"""Widgets of the annotate screen: article view, quote list, quote detail, label bar."""
