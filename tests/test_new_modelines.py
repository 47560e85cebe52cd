"""Every shipped rehearsal script starts with the rehearsal schema's modeline, which resolves."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELINE = "# yaml-language-server: $schema=../../../schema/rehearsal.schema.json\n"


def test_shipped_rehearsal_scripts_start_with_the_rehearsal_modeline() -> None:
    scripts = sorted((ROOT / "scenarios").glob("*/rehearsals/*.yaml"))
    assert len(scripts) >= 3
    for script in scripts:
        first = script.read_text(encoding="utf-8").splitlines(keepends=True)[0]
        assert first == MODELINE, script
        target = script.parent / first.split("$schema=", 1)[1].strip()
        assert target.resolve() == (ROOT / "schema" / "rehearsal.schema.json").resolve()
        assert target.is_file(), f"{target} is missing: simtrain schema --rehearsal -o {target}"
