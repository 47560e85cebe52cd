"""Formats other tools speak: the master scenario events list (MSEL) as a spreadsheet, and the
scenario's texts for a translator's own tools.

Headless: no UI here, only data in and out.
"""
