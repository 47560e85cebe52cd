"""Briefing packs handed out before play: role packs, actor briefs, the control/evaluator handbook.

Who reads what is the point of this module. A **role pack** goes to trainees: the setting, their
role's briefing, the objectives and the programme, and by construction nothing else: it is built
from a short list of fields that never includes an expected action, a control note, a decision's
consequence or the case summary (which tells the story's secret). An **actor brief** goes to the
person playing a character: who they are, what they know, how to play them, and their cues. The
**handbook** goes to the control cell and evaluators: the master scenario events list (MSEL) and an
evaluation guide per objective with the HSEEP definitions.

A pack is first built as a few neutral blocks (heading, paragraph, list, table) holding plain text
or catalog texts; Markdown and HTML then render those blocks, escaping every text in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simtrain.atomic import SHARED, atomic_write
from simtrain.i18n import Translator
from simtrain.live.condition_words import CueWords, IdNames, condition_words, when_words
from simtrain.report import html, md
from simtrain.report.blocks import Block, Cell, Heading, Inline, Items, Para, Section, Table
from simtrain.scenario.catalog import Catalog, Resolved
from simtrain.scenario.conditions import Condition
from simtrain.scenario.model import Inject, Scenario
from simtrain.session.hseep import RATINGS

Text = Inline
"""A pack holds interface words (str) and scenario texts (:class:`Resolved`)."""


def table(headers: list[str], rows: Sequence[Sequence[Text | list[Text]]]) -> Table:
    """A pack's table: each text keeps its lines (``txt``), a list of texts is a list."""
    cells = [[Cell(tuple(c)) if isinstance(c, list) else c for c in row] for row in rows]
    return Table(headers, cells, ("txt",) * len(headers))


@dataclass
class Pack:
    """One document: its kind (role, character, control), its subject id, language and blocks."""

    kind: str
    ident: str
    lang: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def file_name(self, fmt: str) -> str:
        stem = "handbook" if self.kind == "control" else f"{self.kind}-{self.ident}"
        return f"{stem}.{fmt}"


class Packs:
    """Builds the packs of one scenario in one language."""

    def __init__(self, scenario: Scenario, catalog: Catalog, lang: str) -> None:
        self.scenario = scenario
        self.catalog = catalog
        self.lang = lang
        self.t = Translator(lang)
        self.texts = 0
        """Scenario texts the packs built so far hold, and how many of them fell back to the
        scenario's language (marked ``*``): what ``briefing --all`` warns about."""
        self.fallbacks = 0

    # --- texts ---------------------------------------------------------------------------------

    def text(self, key: str) -> Resolved:
        txt = self.catalog.text(key, self.lang)
        self.texts += 1
        self.fallbacks += txt.fallback
        return txt

    def plain(self, key: str) -> str:
        txt = self.text(key)
        return f"* {txt.text}" if txt.fallback else txt.text

    def role_name(self, role: str) -> str:
        return self.plain(f"roles.{role}.name")

    def objective_label(self, objective: str) -> str:
        return self.plain(self.catalog.objective_label_key(objective))

    def to_text(self, inject: Inject) -> str:
        if inject.to == "all":
            return self.t("briefing.handbook.all_roles")
        return ", ".join(self.role_name(r) for r in inject.to)

    def from_text(self, inject: Inject) -> str:
        if inject.from_ is None:
            return self.t("briefing.handbook.control_cell")
        return self.plain(f"characters.{inject.from_}.name")

    def when(self, inject: Inject) -> str:
        """When an inject falls due, in words: a phase and a time, or a phase and a condition."""
        phase = self.plain(f"phases.{inject.phase}.title")
        return when_words(self.t, inject, phase, self.condition)

    def condition(self, c: Condition) -> str:
        """A condition as the handbook and the MSEL word it: injects by title, the rest by id."""
        names = IdNames(lambda inject: self.plain(f"injects.{inject}.title"))
        return condition_words(c, self.t, names, self.condition)

    def cue_words(self) -> CueWords:
        """A cue's time or condition as the actor reads it, in words: the same wording as the
        actor's seat (``simtrain cues``), with this pack's fallback mark."""
        return CueWords(self.scenario, self.t, self.plain)

    def header(self, title: str, audience: str, restricted: bool) -> list[Block]:
        return [
            Heading(1, title),
            Para(self.text("title")),
            Para(self.t(audience), "restricted" if restricted else "audience"),
        ]

    def programme(self) -> list[Block]:
        items: list[Text] = [
            self.t(
                "briefing.phase_line",
                title=self.plain(f"phases.{p.id}.title"),
                duration=self.t.span(p.duration),
            )
            for p in self.scenario.phases
        ]
        return [Heading(2, self.t("briefing.programme")), Items(items)]

    # --- the packs -----------------------------------------------------------------------------

    def _explained(self, build: Callable[[], Pack]) -> Pack:
        """``build``'s pack, with a line at its top explaining the ``*`` mark when it has one."""
        before = self.fallbacks
        pack = build()
        if self.fallbacks > before:
            pack.blocks.insert(1, Para(self.t("report.fallback"), "note"))
        return pack

    def role(self, role_id: str) -> Pack:
        return self._explained(lambda: self._role(role_id))

    def character(self, character_id: str) -> Pack:
        return self._explained(lambda: self._character(character_id))

    def handbook(self) -> Pack:
        return self._explained(self._handbook)

    def _role(self, role_id: str) -> Pack:
        """A trainee's pack. Only these fields go in: setting, role briefing, objectives, phase
        titles and role names. Nothing that tells how the case unfolds or how it is judged."""
        t = self.t
        s = self.scenario
        pack = Pack(
            "role", role_id, self.lang, t("briefing.role.title", role=self.role_name(role_id))
        )
        pack.blocks += self.header(pack.title, "briefing.for_trainees", False)
        if s.setting is not None:
            pack.blocks += [Heading(2, t("briefing.setting")), Para(self.text("setting"))]
        pack.blocks += [
            Heading(2, t("briefing.role.briefing")),
            Para(self.text(f"roles.{role_id}.briefing")),
        ]
        if s.objectives:
            pack.blocks += [
                Heading(2, t("briefing.objectives")),
                Items([self.text(f"objectives.{o.id}.text") for o in s.objectives]),
            ]
        pack.blocks += self.programme()
        others: list[Text] = [self.text(f"roles.{r.id}.name") for r in s.roles if r.id != role_id]
        if others:
            pack.blocks += [Heading(2, t("briefing.role.others")), Items(others)]
        return pack

    def background(self, *, summary: bool) -> list[Block]:
        """The case summary (it tells the story's secret: never for trainees) and the setting."""
        t = self.t
        out: list[Block] = []
        if summary and self.scenario.summary is not None:
            out += [Heading(2, t("briefing.summary")), Para(self.text("summary"))]
        if self.scenario.setting is not None:
            out += [Heading(2, t("briefing.setting")), Para(self.text("setting"))]
        return out

    def _character(self, character_id: str) -> Pack:
        """An actor's brief: the character, how to play them, and every inject they appear in."""
        t = self.t
        s = self.scenario
        character = next(c for c in s.characters if c.id == character_id)
        name = self.plain(f"characters.{character_id}.name")
        pack = Pack("character", character_id, self.lang, t("briefing.actor.title", character=name))
        pack.blocks += self.header(pack.title, "briefing.for_actors", True)
        who = t(f"briefing.actor.by_{character.played_by}")
        pack.blocks += [
            Para(t("briefing.actor.played_by", who=who), "note"),
            Heading(2, t("briefing.actor.brief")),
            Para(self.text(f"characters.{character_id}.brief")),
            *self.background(summary=True),
            Heading(2, t("briefing.actor.cues")),
        ]
        cues = [j for j in s.injects if j.from_ == character_id]
        if not cues:
            pack.blocks.append(Para(t("briefing.actor.no_cues")))
        words = self.cue_words()
        for inject in cues:
            rows: list[list[Text]] = [[t("briefing.actor.when"), words.when(inject)]]
            guard = words.guard(inject)
            if guard is not None:  # a cue that may not come: the actor should know when
                rows.append([t("actor.only_if"), guard])
            rows += [
                [t("briefing.actor.to"), self.to_text(inject)],
                [t("briefing.actor.channel"), t(f"channels.{inject.channel}")],
                [t("briefing.actor.what"), self.text(f"injects.{inject.id}.message")],
            ]
            if inject.control_note is not None:
                rows.append(
                    [t("briefing.actor.how"), self.text(f"injects.{inject.id}.control_note")]
                )
            pack.blocks += [
                Heading(3, self.text(f"injects.{inject.id}.title")),
                table(["", ""], rows),
            ]
        pack.blocks += self.programme()
        return pack

    def _handbook(self) -> Pack:
        """The control cell's and evaluators' book: the MSEL and the evaluation guide."""
        title = self.t("briefing.handbook.title", scenario=self.plain("title"))
        pack = Pack("control", "handbook", self.lang, title)
        pack.blocks += self.header(title, "briefing.for_control", True)
        pack.blocks += self.background(summary=True)
        pack.blocks += self.programme()
        pack.blocks += self.msel()
        pack.blocks.append(Heading(2, self.t("briefing.handbook.details")))
        for k, inject in enumerate(self.scenario.injects, start=1):
            pack.blocks += self.inject_details(k, inject)
        pack.blocks += self.evaluation_guide()
        return pack

    def msel(self) -> list[Block]:
        """The master scenario events list: every inject, when, from whom, to whom, and what the
        evaluators expect of the teams."""
        t = self.t
        rows: list[list[Text | list[Text]]] = []
        for k, inject in enumerate(self.scenario.injects, start=1):
            expected: list[Text] = [
                f"{self.role_name(a.by)}: {self.plain(f'injects.{inject.id}.expect.{a.id}.text')}"
                f" ({self.objective_label(a.objective)}, {a.points}"
                + (f", {t.span(a.within)}" if a.within is not None else "")
                + ")"
                for a in inject.expect
            ]
            note: Text = (
                self.text(f"injects.{inject.id}.control_note")
                if inject.control_note is not None
                else ""
            )
            rows.append(
                [
                    str(k),
                    self.when(inject),
                    inject.id,
                    self.from_text(inject),
                    self.to_text(inject),
                    t(f"channels.{inject.channel}"),
                    self.text(f"injects.{inject.id}.title"),
                    expected,
                    note,
                ]
            )
        columns = (
            "number",
            "time",
            "id",
            "from",
            "to",
            "channel",
            "title_col",
            "expected",
            "notes",
        )
        return [
            Heading(2, t("briefing.handbook.msel")),
            Para(t("briefing.handbook.msel_intro"), "note"),
            table([t(f"briefing.handbook.{c}") for c in columns], rows),
        ]

    def inject_details(self, k: int, inject: Inject) -> list[Block]:
        """One inject in full for the control cell: its message, notes, decision, attachments."""
        t = self.t
        base = f"injects.{inject.id}"
        out: list[Block] = [
            Heading(3, f"{k}. {self.plain(f'{base}.title')} ({inject.id})"),
            Para(
                f"{self.when(inject)} · {self.from_text(inject)} → {self.to_text(inject)}", "note"
            ),
        ]
        if inject.when is not None:
            guard = t("briefing.handbook.guard", condition=self.condition(inject.when))
            out.append(Para(guard, "note"))
        out += [Heading(4, t("briefing.handbook.message")), Para(self.text(f"{base}.message"))]
        if inject.control_note is not None:
            out += [
                Heading(4, t("briefing.handbook.notes")),
                Para(self.text(f"{base}.control_note")),
            ]
        if inject.decision is not None:
            options: list[Text] = [
                f"{o.id}: {self.plain(f'{base}.decision.options.{o.id}.text')}"
                for o in inject.decision.options
            ]
            out += [
                Heading(4, t("briefing.handbook.decision")),
                Para(self.text(f"{base}.decision.prompt")),
                Items(options),
            ]
        if inject.attachments:
            out += [Heading(4, t("briefing.handbook.attachments")), Items(list(inject.attachments))]
        return out

    def evaluation_guide(self) -> list[Block]:
        """The HSEEP scale, then per objective the tasks that evaluate it."""
        t = self.t
        s = self.scenario
        out: list[Block] = [
            Heading(2, t("briefing.handbook.guide")),
            Para(t("briefing.handbook.guide_intro"), "note"),
            Items([t(f"report.scale.{letter}") for letter in RATINGS]),
            Para(t("report.scale.scoring"), "note"),
        ]
        columns = ("inject", "task", "role", "points", "window")
        for objective in s.objectives:
            out.append(Heading(3, self.text(f"objectives.{objective.id}.text")))
            rows: list[list[Text]] = [
                [
                    self.text(f"injects.{inject.id}.title"),
                    self.text(f"injects.{inject.id}.expect.{a.id}.text"),
                    self.role_name(a.by),
                    str(a.points),
                    t.span(a.within) if a.within is not None else "—",
                ]
                for inject in s.injects
                for a in inject.expect
                if a.objective == objective.id
            ]
            if rows:
                out.append(table([t(f"briefing.handbook.{c}") for c in columns], rows))
            else:
                out.append(Para(t("briefing.handbook.no_tasks")))
        return out

    def all(self) -> Iterator[Pack]:
        for role in self.scenario.roles:
            yield self.role(role.id)
        for character in self.scenario.characters:
            yield self.character(character.id)
        yield self.handbook()


# --- rendering -----------------------------------------------------------------------------------


def render_md(pack: Pack) -> str:
    return md.render_blocks(pack.blocks)


def render_html(pack: Pack) -> str:
    body = html.render_blocks(
        [Section(pack.blocks, (("class", "pack-first"),))], Translator(pack.lang)
    )
    return html.page(pack.title, pack.lang, [body])


def render(pack: Pack, fmt: str) -> str:
    return render_html(pack) if fmt == "html" else render_md(pack)


def write_all(packs: Packs, folder: Path, formats: tuple[str, ...]) -> list[Path]:
    """Every pack of one language into ``folder/<lang>/``; returns the files written."""
    target = folder / packs.lang
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for pack in packs.all():
        for fmt in formats:
            path = target / pack.file_name(fmt)
            atomic_write(path, render(pack, fmt), mode=SHARED)
            written.append(path)
    return written
