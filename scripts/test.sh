#!/usr/bin/env bash
# Install everything the test suite needs on a fresh machine, then run it:
# lint (ruff), types (mypy) and pytest (unit, integration with the real models, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
python3 -m pip install -q torch==2.13.0            # CPU build; must come before anything needing torch
python3 -m pip install -q -e ".[dev]"
python3 -m ruff check .
python3 -m mypy .
python3 -m pytest "$@"
