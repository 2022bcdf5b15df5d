"""Entry point for ``python -m annotator``."""

from annotator.cli import main

if __name__ == "__main__":
    main()
