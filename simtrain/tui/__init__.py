"""Textual interfaces: the facilitator's console and, later, the team terminals.

Nothing outside this package imports Textual, so the author's commands stay light.
"""
