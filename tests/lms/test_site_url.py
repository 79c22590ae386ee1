"""SITE_URL, the base of every absolute link, follows the port the demo serves on unless set."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _site_url(**env_changes: str | None) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.dev"}
    env.pop("SITE_URL", None)
    env.pop("PORT", None)
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_site_url_follows_the_port_the_demo_serves_on():
    assert _site_url(PORT="8010") == "http://127.0.0.1:8010"


def test_site_url_defaults_to_port_8000():
    assert _site_url() == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins_over_the_port():
    assert _site_url(PORT="8010", SITE_URL="https://learn.lacity.example") == (
        "https://learn.lacity.example"
    )


def test_make_demo_passes_the_port_to_every_command():
    makefile = (ROOT / "Makefile").read_text()
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    commands = [line.strip() for line in demo.splitlines() if "$(MANAGE)" in line]
    assert commands
    assert all(command.startswith("PORT=$(PORT) ") for command in commands)
