"""How a simtrain process collects its garbage.

Python's default thresholds (700, 10, 10) start a collection every few hundred new objects. A
scenario of thousands of injects, a session of 100,000 events or a console full of cells are
millions of long-lived objects, and every full collection walks all of them: 200-700 ms at a
time, while loading (half the time a 5,000-inject console took to open) and at random key
presses. Collecting every 50,000 new objects keeps the pauses short and rare; cyclic garbage
(Textual makes some) is still collected, only in larger batches.
"""

from __future__ import annotations

import gc

GC_THRESHOLDS = (50_000, 20, 20)


def tune_gc() -> None:
    """Apply :data:`GC_THRESHOLDS`; every entry point calls it first."""
    gc.set_threshold(*GC_THRESHOLDS)


def freeze_survivors() -> None:
    """Collect once, then move everything alive out of the collector's sight.

    Called when a long-lived view is built (the console, once its tables are filled): the
    scenario, the state and thousands of cells live as long as the exercise, and a full collection
    walking them all landed at random key presses. Frozen, they are never walked again; new
    garbage is collected as before.
    """
    gc.collect()
    gc.freeze()
