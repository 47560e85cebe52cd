"""Textual interfaces: the facilitator's console and the team terminals (also served to a browser).

Nothing outside this package imports Textual, and the commands that open an interface import it
only when they run, so the author's commands stay light. The seats' headless controllers live
here beside their screens but import no Textual either; ``tests/test_boundaries.py`` checks both
claims in a fresh interpreter.
"""
