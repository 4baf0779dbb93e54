"""Test session set-up: one data dir for the whole run, so the real index of the
bundled reports is built once and shared by every test that uses it (tests that
need an empty or damaged index set REPORTQA_DATA_DIR to their own tmp_path).
The model cache (converted embedder, assembled GGUF) stays in the user's cache.
"""

from __future__ import annotations

import os
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Point REPORTQA_DATA_DIR at a fresh folder unless the caller chose one."""
    if not os.environ.get("REPORTQA_DATA_DIR"):
        os.environ["REPORTQA_DATA_DIR"] = tempfile.mkdtemp(prefix="reportqa-test-data-")
