"""The exercise clock: exercise time from clock events and a wall time the caller passes in.

The clock never reads the wall clock. Its whole state is a segment: the exercise time at the last
clock event (``base``), that event's wall time (``anchor``), whether it runs and at what speed.
Exercise time at wall time ``w`` is ``base + (w - anchor) * speed`` while running, ``base`` while
paused. Because the segment is rebuilt from the log's clock events, a console reopened after a crash
shows exactly the time it would have shown without the crash.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class ClockState:
    started: bool = False
    running: bool = False
    base: float = 0.0
    """Exercise seconds at the last clock event."""
    anchor: float = 0.0
    """Wall seconds of the last clock event."""
    speed: float = 1.0
    """Exercise seconds per wall second (time compression)."""

    def exercise_time(self, wall: float) -> float:
        """Exercise seconds at ``wall``; a wall time before the last clock event adds nothing.

        Clamping keeps exercise time from running backwards when two machines' wall clocks
        disagree a little.
        """
        if not self.running:
            return self.base
        return self.base + max(0.0, wall - self.anchor) * self.speed

    def now(self, wall: float) -> int:
        """Whole exercise seconds at ``wall``: the time events are stamped with."""
        return math.floor(self.exercise_time(wall) + 1e-9)

    def wall_time_of(self, exercise: float) -> float | None:
        """The wall time at which the running clock reaches ``exercise``, or None when paused."""
        if not self.running:
            return None
        return self.anchor + max(0.0, exercise - self.base) / self.speed

    # --- transitions, one per clock event ---------------------------------------------------

    def start(self, wall: float, speed: float = 1.0) -> ClockState:
        if self.started:
            return self.resume(wall)
        return ClockState(True, True, self.base, wall, speed)

    def pause(self, wall: float) -> ClockState:
        if not self.running:
            return self
        return replace(self, running=False, base=self.exercise_time(wall), anchor=wall)

    def resume(self, wall: float) -> ClockState:
        if self.running or not self.started:
            return self
        return replace(self, running=True, anchor=wall)

    def with_speed(self, wall: float, speed: float) -> ClockState:
        return replace(self, base=self.exercise_time(wall), anchor=wall, speed=speed)
