"""A run of an exercise: an append-only event log in SQLite, its state, and what is due.

The console and team terminals build on :class:`Session`::

    session = Session.create(path, load_scenario(folder), teams, "it", wall_time=time.time())
    session.append(ClockStarted(), wall_time=time.time(), who="control")
    session.append(PhaseStarted(phase="day-1"), wall_time=time.time(), who="control")
    session.tick(time.time())                    # delivers auto-channel injects that are due
    session.due(session.now(time.time()))        # what waits for the control cell
    session.append(InjectDelivered(team="a", inject="arrival-call"), wall_time=..., who="control")

The parts: ``events`` (what can happen), ``state`` (the fold of the log), ``clock``, ``engine``
(what is due), ``rules`` (what may be appended, what a tick appends), ``scoring`` and ``hseep``
(ratings and scores), ``store_protocol`` (what a store must do) with ``store`` (a SQLite file)
and ``memory_store`` (a rehearsal's log), and ``session``, which ties them together.

No module here imports Textual or stamps anything with the wall clock (every time comes in as a
``wall_time`` argument). Only ``store`` (the session file) and ``session`` (which also checks
whether the scenario file still holds the text the session was made from) touch the disk.
"""

from simtrain.session.engine import Due, Engine, compute_due
from simtrain.session.events import (
    AdhocInject,
    ClockPaused,
    ClockResumed,
    ClockStarted,
    Created,
    DecisionRecorded,
    Event,
    InjectDelayed,
    InjectDelivered,
    InjectSkipped,
    NoteAdded,
    PhaseStarted,
    RatingGiven,
    Recorded,
    SessionEnded,
    SpeedChanged,
    Team,
    TeamReport,
)
from simtrain.session.scoring import Score, TeamScore, score
from simtrain.session.session import Session
from simtrain.session.state import State, TeamState, fold
from simtrain.session.store import SUFFIX
from simtrain.session.store_protocol import SessionError

__all__ = [
    "SUFFIX",
    "AdhocInject",
    "ClockPaused",
    "ClockResumed",
    "ClockStarted",
    "Created",
    "DecisionRecorded",
    "Due",
    "Engine",
    "Event",
    "InjectDelayed",
    "InjectDelivered",
    "InjectSkipped",
    "NoteAdded",
    "PhaseStarted",
    "RatingGiven",
    "Recorded",
    "Score",
    "Session",
    "SessionEnded",
    "SessionError",
    "SpeedChanged",
    "State",
    "Team",
    "TeamReport",
    "TeamScore",
    "TeamState",
    "compute_due",
    "fold",
    "score",
]
