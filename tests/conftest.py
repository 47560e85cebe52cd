"""Shared fixtures: real files in a temporary folder and the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

MINIMAL = """\
simtrain: 1
id: mini
language: en
translations: [ru, it]
title: A small exercise
objectives:
  - id: identify
    text: Identify presumed victims.
  - id: support
    text: Refer presumed victims to assistance.
roles:
  - id: investigator
    name: Criminal investigator
    briefing: You lead the investigation.
  - id: ngo
    name: NGO victim support
    briefing: You support presumed victims.
characters:
  - id: duty-officer
    name: Duty officer
    played_by: control
    brief: Calm, procedural.
phases:
  - id: day-1
    title: Day 1
    duration: 8h
injects:
  - id: first-call
    phase: day-1
    at: "0:15"
    from: duty-officer
    to: [investigator, ngo]
    channel: phone
    title: A call
    message: A woman at the reception centre asks for help.
    expect:
      - id: call-ngo
        by: investigator
        text: Calls the NGO.
        objective: identify
        points: 10
        within: 30m
      - id: plan-support
        by: ngo
        text: Agrees a support plan with the investigator.
        objective: support
        points: 10
    decision:
      prompt: Interview now?
      options:
        - id: interview-now
          text: Now.
        - id: wait
          text: Wait for support.
  - id: follow-up
    phase: day-1
    after: {chose: wait}
    delay: 20m
    to: [ngo]
    channel: email
    title: Support is coming
    message: The shelter confirms a support worker.
"""


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    """Write a scenario folder from YAML text (dedented) and return the folder."""

    def write(text: str = MINIMAL, name: str = "mini", docs: dict[str, str] | None = None) -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "scenario.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        for doc, body in (docs or {}).items():
            path = folder / doc
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        return folder

    return write


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., Result]:
    """Run ``python -m simtrain`` for real, in a subprocess, in a clean English environment."""

    def run(
        *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
    ) -> Result:
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
        environ.pop("SIMTRAIN_LANG", None)
        environ.update(env or {})
        proc = subprocess.run(
            [sys.executable, "-m", "simtrain", *args],
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env=environ,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run
