"""Entry point for ``python -m annotator``."""

from annotator.cli import run

if __name__ == "__main__":
    run()
