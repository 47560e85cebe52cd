"""The HTML report in a real headless Chromium: it renders to a PNG without errors.

Debian's ``chromium`` package (``.ci/run`` installs it); skipped only when /usr/bin/chromium is
absent. The browser is isolated from the network and from any profile, so a report that tried to
fetch anything would show nothing extra, and the test reads Chromium's own log for errors.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.report import aar, html
from simtrain.report.briefing import Packs, render_html
from simtrain.resources import scenarios_dir
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.loader import load_scenario
from simtrain.session import Session

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def screenshot(page: Path, tmp_path: Path) -> Path:
    png = tmp_path / (page.stem + ".png")
    profile = tmp_path / f"profile-{page.stem}"
    proc = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--window-size=1000,3000",
            f"--screenshot={png}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Uncaught" not in proc.stderr and "net::ERR" not in proc.stderr, proc.stderr
    return png


@pytest.mark.parametrize("lang", ["en", "ru", "it"])
def test_report_renders_to_png(two_teams: Path, tmp_path: Path, lang: str) -> None:
    with Session.open(two_teams) as session:
        page = html.render(aar.build(session, lang), Translator(lang))
    file = tmp_path / f"report-{lang}.html"
    file.write_text(page, encoding="utf-8")
    png = screenshot(file, tmp_path)
    data = png.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 20_000


def test_handbook_renders_to_png(tmp_path: Path) -> None:
    loaded = load_scenario(scenarios_dir() / "field-to-fork")
    packs = Packs(loaded.scenario, Catalog(loaded.scenario, loaded.folder), "ru")
    file = tmp_path / "handbook.html"
    file.write_text(render_html(packs.handbook()), encoding="utf-8")
    assert screenshot(file, tmp_path).read_bytes().startswith(PNG_MAGIC)
