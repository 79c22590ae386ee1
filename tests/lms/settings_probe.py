"""Settings as a fresh process reads them from its environment: settings are read once, at start,
so a test of what an environment variable does runs the settings in a process of their own."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_probe(
    script: str,
    *,
    settings_module: str = "lms.settings.dev",
    variables: dict | None = None,
    unset: tuple[str, ...] = (),
):
    """What `script` (Python that prints JSON on its last line) prints in a new interpreter with
    `settings_module`, the test's environment, `variables` on top, and `unset` removed unless
    `variables` sets them."""
    variables = variables or {}
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **variables}
    for name in unset:
        if name not in variables:
            env.pop(name, None)
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
