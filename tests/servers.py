"""Helpers shared by tests that start a real server process."""

from __future__ import annotations

import subprocess


def stop(process: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    """Terminate a server process, killing it if it does not exit in ``grace`` s."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
