"""The actor brief of ``simtrain briefing`` and the actor's seat say a cue's time, condition and
guard in the same words (one wording, :mod:`simtrain.live.condition_words`), in every language."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.report.briefing import Packs, render_md
from simtrain.resources import scenarios_dir
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.loader import load_scenario
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.actor.seat import ActorSeat

SCENARIO = "online-recruitment"
"""Shipped, translated into ru and it, with cues after a choice and under guards."""


@pytest.mark.parametrize("lang", ["en", "ru", "it"])
def test_brief_and_seat_word_every_cue_alike(tmp_path: Path, lang: str) -> None:
    loaded = load_scenario(scenarios_dir() / SCENARIO)
    scenario = loaded.scenario
    teams = [ev.Team(id="team-1", name="Alpha", roles=tuple(r.id for r in scenario.roles))]
    path = tmp_path / "run.simtrain"
    Session.create(path, loaded, teams, lang, wall_time=time.time()).close()
    packs = Packs(scenario, Catalog(scenario, loaded.folder), lang)
    conditions = 0
    with Session.open(path, "append") as session:
        for character in scenario.characters:
            seat = ActorSeat(session, Translator(lang), character.id)
            brief = render_md(packs.character(character.id))
            for cue in seat.cues():
                assert cue.when in brief, (character.id, cue.inject)
                if cue.only_if is not None:
                    assert cue.only_if in brief, (character.id, cue.inject)
                inject = session.index.injects[session.index.position[cue.inject]]
                if inject.after is not None or inject.when is not None:
                    conditions += 1
                    ids = {o.id for j in scenario.injects if j.decision for o in j.decision.options}
                    ids |= {a.id for j in scenario.injects for a in j.expect}
                    words = f"{cue.when} {cue.only_if or ''}"
                    assert not [i for i in ids if f"“{i}”" in words or f"«{i}»" in words]
    assert conditions >= 5  # the comparison covered conditions, not only times
