"""The after-action report: :func:`build` it from a session, get a :class:`Report`.

The schema (which is also the JSON format) is :mod:`simtrain.report.aar_model`, the builder
:mod:`simtrain.report.aar_build`, the lowering to document blocks :mod:`simtrain.report.aar_blocks`;
this module is the name callers import, so they need not know how the work is split.
"""

from __future__ import annotations

from simtrain.report.aar_build import build
from simtrain.report.aar_model import Report

__all__ = ["Report", "build"]
