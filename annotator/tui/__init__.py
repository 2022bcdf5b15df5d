"""The terminal UI (Textual): the only part of the project that imports Textual."""
