"""The report screen's ``e`` key: the after-action report written beside the session file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from simtrain.report import aar
from simtrain.session import Session
from simtrain.tui.console.app import ConsoleApp
from simtrain.tui.console.report_screen import ReportScreen
from tests.tui.conftest import FakeClock

SIZE = (120, 40)


async def test_e_exports_html_and_markdown_next_to_the_session(
    console: Callable[..., ConsoleApp], tmp_path: Path, clock: FakeClock
) -> None:
    """Deliver and rate one inject, open the report screen, press e: both files appear and the
    screen's cells show the same numbers the exported report holds."""
    app = console(teams=["Alpha", "Bravo <b>[red]x[/red]</b>:ngo"])
    async with app.run_test(size=SIZE) as pilot:
        control = app.facilitator
        assert control is not None
        control.toggle_clock()
        clock.advance(600)
        control.tick()
        control.deliver("first-call", ["team-1", "team-2"])
        control.rate("team-1", {"call-ngo": ("P", "Called at once"), "safe-room": ("M", "slow")})
        control.rate("team-2", {"safe-room": ("S", "")})
        await pilot.press("t")
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # stamped with the phase and the exercise time, so a later export is another file
        html_file = tmp_path / "run-day-1-0h10.html"
        md_file = tmp_path / "run-day-1-0h10.md"
        assert html_file.is_file() and md_file.is_file()
        notes = [n.message for n in app._notifications]
        assert any(str(html_file) in m and str(md_file) in m for m in notes)

        page = html_file.read_text(encoding="utf-8")
        assert "Bravo &lt;b&gt;[red]x[/red]&lt;/b&gt;" in page
        assert "<script" not in page
        text = md_file.read_text(encoding="utf-8")
        assert "After-action report" in text

        table = app.screen.query_one("#report-objectives")
        with Session.open(tmp_path / "run.simtrain") as session:
            report = aar.build(session)
            for row in report.objectives:
                for team_id, score in row.teams.items():
                    cell = table.get_cell(row.id, team_id)  # type: ignore[attr-defined]
                    if score.percent is None:
                        assert cell.plain == "—"
                    else:
                        assert cell.plain.startswith(f"{score.percent:.0f}%")
                        # issue 13: quality, then the coverage in actions
                        whole = score.rated + score.unrated
                        assert cell.plain.endswith(f" · {score.rated}/{whole}")
            assert session.scores()["team-1"].total.percent == report.totals["team-1"].percent


async def test_a_second_export_never_overwrites_the_first(
    console: Callable[..., ConsoleApp], tmp_path: Path, clock: FakeClock
) -> None:
    """Trial M9: the phase-1 export was silently replaced by the next one (same file names).
    Exports at other times get other names; two at the same paused minute get ``-2``."""
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        control = app.facilitator
        assert control is not None
        control.toggle_clock()
        clock.advance(600)
        await pilot.press("t", "e")
        await app.workers.wait_for_complete()
        first = tmp_path / "run-day-1-0h10.md"
        before = first.read_text(encoding="utf-8")
        control.toggle_clock()  # paused: the same minute again
        await pilot.press("e")
        await app.workers.wait_for_complete()
        control.toggle_clock()
        clock.advance(3600)
        control.next_phase()
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    names = sorted(p.name for p in tmp_path.glob("run-*"))
    assert names == [
        "run-day-1-0h10-2.html",
        "run-day-1-0h10-2.md",
        "run-day-1-0h10.html",
        "run-day-1-0h10.md",
        "run-day-2-1h10.html",
        "run-day-2-1h10.md",
    ]
    assert first.read_text(encoding="utf-8") == before
