"""Screens every seat's app shares (the console and the team terminal): a document, a question."""
