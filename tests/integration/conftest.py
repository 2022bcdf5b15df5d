"""Where the real tools are: environment variables, else the state file that
``scripts/integration-tools.sh`` writes; tests skip (saying why) when a tool is not reachable."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the unit tests' helpers


def tool_settings() -> dict[str, str]:
    folder = Path(os.environ.get("ANNOTATOR_TOOLS_DIR", Path.home() / ".cache/annotator-tools"))
    settings: dict[str, str] = {}
    state = folder / "state.env"
    if state.is_file():
        for line in state.read_text().splitlines():
            key, _, value = line.partition("=")
            if key.startswith("ANNOTATOR_"):
                settings[key.strip()] = value.strip()
    settings.update({k: v for k, v in os.environ.items() if k.startswith("ANNOTATOR_")})
    return settings


def reachable(url: str) -> str | None:
    """None if ``url`` answers, else why not."""
    try:
        with urllib.request.urlopen(url, timeout=5):
            return None
    except urllib.error.HTTPError:
        return None  # it answered
    except (urllib.error.URLError, OSError) as exc:
        return f"{url} is not reachable ({exc})"


def need(settings: dict[str, str], *keys: str) -> None:
    missing = [key for key in keys if not settings.get(key)]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not set and no state file: run scripts/integration-tools.sh "
            "to install and start the tools"
        )


@pytest.fixture
def label_studio() -> tuple[str, str]:
    settings = tool_settings()
    need(settings, "ANNOTATOR_LABEL_STUDIO_URL", "ANNOTATOR_LABEL_STUDIO_TOKEN")
    url = settings["ANNOTATOR_LABEL_STUDIO_URL"].rstrip("/")
    problem = reachable(url + "/health")
    if problem:
        pytest.skip(f"Label Studio: {problem}; start it with scripts/integration-tools.sh")
    return url, settings["ANNOTATOR_LABEL_STUDIO_TOKEN"]


@pytest.fixture
def doccano() -> tuple[str, str, str]:
    settings = tool_settings()
    need(settings, "ANNOTATOR_DOCCANO_URL", "ANNOTATOR_DOCCANO_USER", "ANNOTATOR_DOCCANO_PASSWORD")
    url = settings["ANNOTATOR_DOCCANO_URL"].rstrip("/")
    problem = reachable(url + "/v1/health/")
    if problem:
        pytest.skip(f"doccano: {problem}; start it with scripts/integration-tools.sh")
    return url, settings["ANNOTATOR_DOCCANO_USER"], settings["ANNOTATOR_DOCCANO_PASSWORD"]
