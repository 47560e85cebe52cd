"""SVG snapshots of the team terminal at 120x40, in English and Russian: the inbox a trainee reads,
with one message open. Update deliberately with ``--snapshot-update`` and look before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from simtrain.session import events as ev
from simtrain.tui.team.app import TeamApp
from tests.team.conftest import FakeClock, control_append


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_team_terminal_inbox(
    snap_compare: Any,
    started: Path,
    clock: FakeClock,
    team_app: Callable[..., TeamApp],
    lang: str,
) -> None:
    """Newest first, the unread one marked, the opened one in full with its attachment."""
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    clock.advance(900)
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="ngo-mail"))
    app = team_app(started, ui=lang)
    assert snap_compare(app, terminal_size=(120, 40), press=["down", "down"])
