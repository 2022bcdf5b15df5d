"""CLI commands that live in their own module, one per area; registered in ``annotator.cli``."""
