"""annotator: annotate news articles quote by quote (stance, sentiment, speaker, outlet)."""

__version__ = "0.1.0"
