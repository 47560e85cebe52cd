"""The headless view of a live run that every seat shares: the console, a team terminal, the
rehearsal runner and the report all name things, tell the time and show scores through here.

Nothing in this package imports Textual: a seat's screen is a thin layer over it, and its rules
are tested without a terminal.
"""
