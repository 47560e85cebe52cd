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

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simtrain.i18n import Translator
from simtrain.report import html as h
from simtrain.report import md
from simtrain.report.aar import Txt
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.conditions import All, AnyOf, Chose, Condition, Delivered, Done, Missed, Not
from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import Inject, Scenario

Text = str | Txt
Cell = Text | list[Text]


@dataclass(frozen=True)
class Heading:
    level: int
    text: Text


@dataclass(frozen=True)
class Para:
    text: Text
    style: str = ""
    """"" | "audience" | "restricted" | "note": how prominent the paragraph is."""


@dataclass(frozen=True)
class Items:
    items: list[Text]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[Cell]]


Block = Heading | Para | Items | Table


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

    # --- texts ---------------------------------------------------------------------------------

    def text(self, key: str) -> Txt:
        resolved = self.catalog.text(key, self.lang)
        return Txt(resolved.text, resolved.lang, resolved.fallback)

    def plain(self, key: str) -> str:
        txt = self.text(key)
        return f"* {txt.text}" if txt.fallback else txt.text

    def role_name(self, role: str) -> str:
        return self.plain(f"roles.{role}.name")

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
        if inject.at is not None:
            return self.t("briefing.when.at", phase=phase, time=format_clock(inject.at))
        assert inject.after is not None
        condition = self.condition(inject.after)
        if inject.delay:
            return self.t(
                "briefing.when.after",
                phase=phase,
                delay=self.t.span(inject.delay),
                condition=condition,
            )
        return self.t("briefing.when.after_now", phase=phase, condition=condition)

    def condition(self, c: Condition) -> str:
        t = self.t
        if isinstance(c, Delivered):
            ref = self.plain(f"injects.{c.delivered}.title")
            return t("briefing.cond.delivered", ref=ref)
        if isinstance(c, Done):
            return t("briefing.cond.done", ref=c.done)
        if isinstance(c, Missed):
            return t("briefing.cond.missed", ref=c.missed)
        if isinstance(c, Chose):
            return t("briefing.cond.chose", ref=c.chose)
        if isinstance(c, All):
            return t("briefing.cond.and").join(self._nested(x) for x in c.all)
        if isinstance(c, AnyOf):
            return t("briefing.cond.or").join(self._nested(x) for x in c.any)
        assert isinstance(c, Not)
        return t("briefing.cond.not", condition=self.condition(c.not_))

    def _nested(self, c: Condition) -> str:
        text = self.condition(c)
        return f"({text})" if isinstance(c, All | AnyOf) else text

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

    def role(self, role_id: str) -> Pack:
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

    def character(self, character_id: str) -> Pack:
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
        ]
        if s.summary is not None:
            pack.blocks += [Heading(2, t("briefing.summary")), Para(self.text("summary"))]
        if s.setting is not None:
            pack.blocks += [Heading(2, t("briefing.setting")), Para(self.text("setting"))]
        pack.blocks.append(Heading(2, t("briefing.actor.cues")))
        cues = [j for j in s.injects if j.from_ == character_id]
        if not cues:
            pack.blocks.append(Para(t("briefing.actor.no_cues")))
        for inject in cues:
            pack.blocks.append(Heading(3, self.text(f"injects.{inject.id}.title")))
            rows: list[list[Cell]] = [
                [t("briefing.actor.when"), self.when(inject)],
                [t("briefing.actor.to"), self.to_text(inject)],
                [t("briefing.actor.channel"), t(f"channels.{inject.channel}")],
                [t("briefing.actor.what"), self.text(f"injects.{inject.id}.message")],
            ]
            if inject.control_note is not None:
                rows.append(
                    [t("briefing.actor.how"), self.text(f"injects.{inject.id}.control_note")]
                )
            pack.blocks.append(Table(["", ""], rows))
        pack.blocks += self.programme()
        return pack

    def handbook(self) -> Pack:
        """The control cell's and evaluators' book: the MSEL and the evaluation guide."""
        t = self.t
        s = self.scenario
        title = t("briefing.handbook.title", scenario=self.plain("title"))
        pack = Pack("control", "handbook", self.lang, title)
        pack.blocks += self.header(title, "briefing.for_control", True)
        if s.summary is not None:
            pack.blocks += [Heading(2, t("briefing.summary")), Para(self.text("summary"))]
        if s.setting is not None:
            pack.blocks += [Heading(2, t("briefing.setting")), Para(self.text("setting"))]
        pack.blocks += self.programme()

        pack.blocks += [
            Heading(2, t("briefing.handbook.msel")),
            Para(t("briefing.handbook.msel_intro"), "note"),
        ]
        rows: list[list[Cell]] = []
        for k, inject in enumerate(s.injects, start=1):
            expected: list[Text] = [
                f"{self.role_name(a.by)}: {self.plain(f'injects.{inject.id}.expect.{a.id}.text')}"
                f" ({a.objective}, {a.points}"
                + (f", {self.t.span(a.within)}" if a.within is not None else "")
                + ")"
                for a in inject.expect
            ]
            note: Cell = (
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
        headers = [
            t("briefing.handbook.number"),
            t("briefing.handbook.time"),
            t("briefing.handbook.id"),
            t("briefing.handbook.from"),
            t("briefing.handbook.to"),
            t("briefing.handbook.channel"),
            t("briefing.handbook.title_col"),
            t("briefing.handbook.expected"),
            t("briefing.handbook.notes"),
        ]
        pack.blocks.append(Table(headers, rows))

        pack.blocks.append(Heading(2, t("briefing.handbook.details")))
        for k, inject in enumerate(s.injects, start=1):
            base = f"injects.{inject.id}"
            pack.blocks.append(Heading(3, f"{k}. {self.plain(f'{base}.title')} ({inject.id})"))
            pack.blocks.append(
                Para(
                    f"{self.when(inject)} · {self.from_text(inject)} → {self.to_text(inject)}",
                    "note",
                )
            )
            if inject.when is not None:
                pack.blocks.append(
                    Para(
                        t("briefing.handbook.guard", condition=self.condition(inject.when)), "note"
                    )
                )
            pack.blocks += [
                Heading(4, t("briefing.handbook.message")),
                Para(self.text(f"{base}.message")),
            ]
            if inject.control_note is not None:
                pack.blocks += [
                    Heading(4, t("briefing.handbook.notes")),
                    Para(self.text(f"{base}.control_note")),
                ]
            if inject.decision is not None:
                pack.blocks += [
                    Heading(4, t("briefing.handbook.decision")),
                    Para(self.text(f"{base}.decision.prompt")),
                    Items(
                        [
                            f"{o.id}: {self.plain(f'{base}.decision.options.{o.id}.text')}"
                            for o in inject.decision.options
                        ]
                    ),
                ]
            if inject.attachments:
                pack.blocks += [
                    Heading(4, t("briefing.handbook.attachments")),
                    Items(list(inject.attachments)),
                ]

        pack.blocks += [
            Heading(2, t("briefing.handbook.guide")),
            Para(t("briefing.handbook.guide_intro"), "note"),
            Items([t(f"report.scale.{letter}") for letter in ("P", "S", "M", "U", "N/A")]),
            Para(t("report.scale.scoring"), "note"),
        ]
        for objective in s.objectives:
            pack.blocks.append(Heading(3, self.text(f"objectives.{objective.id}.text")))
            task_rows: list[list[Cell]] = [
                [
                    self.text(f"injects.{inject.id}.title"),
                    self.text(f"injects.{inject.id}.expect.{a.id}.text"),
                    self.role_name(a.by),
                    str(a.points),
                    self.t.span(a.within) if a.within is not None else "—",
                ]
                for inject in s.injects
                for a in inject.expect
                if a.objective == objective.id
            ]
            if task_rows:
                task_headers = [
                    t("briefing.handbook.inject"),
                    t("briefing.handbook.task"),
                    t("briefing.handbook.role"),
                    t("briefing.handbook.points"),
                    t("briefing.handbook.window"),
                ]
                pack.blocks.append(Table(task_headers, task_rows))
            else:
                pack.blocks.append(Para(t("briefing.handbook.no_tasks")))
        return pack

    def all(self) -> Iterator[Pack]:
        for role in self.scenario.roles:
            yield self.role(role.id)
        for character in self.scenario.characters:
            yield self.character(character.id)
        yield self.handbook()


# --- rendering -----------------------------------------------------------------------------------


def _md_text(text: Text) -> str:
    if isinstance(text, Txt):
        return ("\\* " if text.fallback else "") + md.inline(text.text)
    return md.inline(text)


def _md_cell(cell: Cell) -> str:
    if isinstance(cell, list):
        return "; ".join(md.cell(_plain(c)) for c in cell)
    return md.cell(_plain(cell))


def _plain(text: Text) -> str:
    if isinstance(text, Txt):
        return f"* {text.text}" if text.fallback else text.text
    return text


def render_md(pack: Pack) -> str:
    out: list[str] = []
    for block in pack.blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + _md_text(block.text), ""]
        elif isinstance(block, Para):
            body = md.block(_plain(block.text))
            if block.style == "restricted":
                body = f"> **{body}**"
            elif block.style in ("audience", "note"):
                body = f"*{body}*" if "\n" not in body else body
            out += [body, ""]
        elif isinstance(block, Items):
            out += [f"- {md.cell(_plain(item))}" for item in block.items]
            out.append("")
        else:
            out.append("| " + " | ".join(md.cell(x) for x in block.headers) + " |")
            out.append("|" + "|".join("---" for _ in block.headers) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _html_text(text: Text, t: Translator, *, block: bool = False) -> str:
    if isinstance(text, Txt):
        return h.content(text, t, block=block)
    return f'<div class="txt">{h.esc(text)}</div>' if block else h.esc(text)


def _html_cell(cell: Cell, t: Translator) -> str:
    if isinstance(cell, list):
        if not cell:
            return "<td></td>"
        return "<td><ul>" + "".join(f"<li>{_html_text(c, t)}</li>" for c in cell) + "</ul></td>"
    return f'<td class="txt">{_html_text(cell, t)}</td>'


def render_html(pack: Pack) -> str:
    t = Translator(pack.lang)
    body: list[str] = ['<section class="pack-first">']
    for block in pack.blocks:
        if isinstance(block, Heading):
            level = min(block.level, 4)
            body.append(f"<h{level}>{_html_text(block.text, t)}</h{level}>")
        elif isinstance(block, Para):
            if block.style in ("audience", "restricted"):
                cls = "audience restricted" if block.style == "restricted" else "audience"
                body.append(f'<p class="{cls}">{_html_text(block.text, t)}</p>')
            elif block.style == "note":
                body.append(f'<p class="note">{_html_text(block.text, t)}</p>')
            else:
                body.append(_html_text(block.text, t, block=True))
        elif isinstance(block, Items):
            body.append(
                "<ul>" + "".join(f"<li>{_html_text(i, t)}</li>" for i in block.items) + "</ul>"
            )
        else:
            body.append(
                h.table(block.headers, ([_html_cell(c, t) for c in row] for row in block.rows))
            )
    body.append("</section>")
    return h.page(pack.title, pack.lang, body)


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
            path.write_text(render(pack, fmt), encoding="utf-8")
            written.append(path)
    return written
