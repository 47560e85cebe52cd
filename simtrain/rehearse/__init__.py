"""Rehearsing a scenario without a room full of people: scripted runs and an exploration.

A rehearsal script (``scenarios/<id>/rehearsals/*.yaml``) names teams and the roles each covers,
then steps on a virtual clock: advance the clock, start a phase, deliver or skip an inject, rate an
expected action, record a decision, add a note or a team report, and check what each team was
delivered or skipped and how it scored. The run goes through a real
:class:`~simtrain.session.session.Session` (kept in memory, or written to a file with
``--session``), so a rehearsal exercises exactly the code a live exercise does: the runner is a
client of the session, as the console and the team terminals are, and appends what a control cell
would. The virtual clock runs at speed 1 from wall time 0 and jumps straight to each moment
something falls due, so a day of exercise time costs milliseconds.

:mod:`.explore` answers the author's other question, "is every branch of my scenario playable?": it
runs the scenario for one team covering every role, and at each decision tries every option and at
each expected action a condition tests tries both a P and a U rating, and lists what no path
reaches.

The modules, by job: :mod:`.script` (the file format, read only through :mod:`simtrain.yamlio`,
validated with pydantic, problems placed at ``FILE:LINE:COL`` like a scenario's), :mod:`.runner`
(driving a session step by step), :mod:`.explore`, and :mod:`.output` (the JSON result and the
timeline a facilitator reads back). No module here imports a user interface.
"""
