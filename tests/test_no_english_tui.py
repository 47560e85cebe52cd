"""No English in a Russian or Italian interface: every screen and dialog of the four Textual apps.

The console (setup, main screen, every dialog, help, command palette, theme list, report, a
team's reports, languages, quit), the team terminal (each tab, a document, the report sent), the
evaluator's seat (each tab, rating and note dialogs) and the actor's seat (each tab, the "played"
confirmation) are walked under Pilot on a shipped scenario in ru and in it. What the screen
shows is read back from the SVG screenshot, and every word is checked:

- Russian: any Latin word is suspect, outside the allow-list (key labels printed in Latin on a
  Russian keyboard, product names, the scenario's ids, theme names);
- Italian: a word of the English interface (a word of ``locales/en.yaml`` that neither the
  Russian nor the Italian locale uses) or of Textual's own English is suspect.

The detector is written here: the shared ``tests/english_words.py`` of the CLI walk did not
exist when this test was written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import ModalScreen

from simtrain import yamlio
from simtrain.i18n import Translator, messages
from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.actor.app import make_actor_app
from simtrain.tui.actor.seat import ActorSeat
from simtrain.tui.console.app import Launch, make_console_app
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.evaluator.app import make_evaluator_app
from simtrain.tui.evaluator.seat import EvaluatorSeat
from simtrain.tui.localized import TEXTUAL_WORDS, key_display, words
from simtrain.tui.team.app import make_team_app
from simtrain.tui.team.seat import TeamSeat
from simtrain.tui.team.widgets import AttachmentButton, Inbox

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "field-to-fork"
SIZE = (140, 45)
LANGS = ("ru", "it")


def names(text: str) -> list[str]:
    """The words of ``text`` (long lists of names, written on a line)."""
    return text.split()


KEY_LABELS = {
    # keys printed in Latin on a Russian keyboard (and named so in Italian too)
    "esc",
    "tab",
    "enter",
    "del",
    "ctrl",
    "shift",
    "alt",
    "pgup",
    "pgdn",
    "home",
    "end",
    "ins",
    *(f"f{n}" for n in range(1, 13)),
}
PRODUCT = {"simtrain", "textual", "hseep", "msel", "svg", "html", "csv", "json", "md", "pdf"}
THEMES = {
    # Textual's theme names, listed by the theme palette: names, not words
    "atom",
    "catppuccin",
    "dracula",
    "flexoki",
    "gruvbox",
    "latte",
    "mocha",
    "frappe",
    "macchiato",
    "monokai",
    "nord",
    "one",
    "dark",
    "light",
    "rose",
    "pine",
    "moon",
    "dawn",
    "solarized",
    "tokyo",
    "night",
    "ansi",
}
TEXTUAL_ENGLISH = {
    # Textual's own words: bindings, palette, help panel, system commands
    *names("focus next previous copy selected text quit application change theme show keys help"),
    *names("panel save screenshot search commands matches found space enter palette exit page"),
    *names("command top bottom cursor select toggle submit paste cut undo redo delete scroll"),
    *names("maximize minimize widget current"),
    "control",  # the control cell's seat id, never a sender's name on screen
}
WORD = re.compile(r"[^\W\d_]+")


@cache
def locale_words(lang: str) -> frozenset[str]:
    """Every word of a locale's messages (placeholders left out)."""
    data = messages(lang)
    words: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, str):
            text = re.sub(r"\{[^}]*\}", " ", value)
            words.update(w.lower() for w in WORD.findall(text))

    walk(data)
    return frozenset(words)


@cache
def english_words() -> frozenset[str]:
    """Words only the English interface uses, and Textual's English vocabulary."""
    only = locale_words("en") - locale_words("ru") - locale_words("it")
    return frozenset(w for w in only | TEXTUAL_ENGLISH if len(w) > 1)


def scenario_names(loaded: LoadedScenario) -> set[str]:
    """The scenario's ids and attachment file names, split into words: typed, not read."""
    s = loaded.scenario
    ids: list[str] = [s.id]
    ids += [o.id for o in s.objectives] + [r.id for r in s.roles] + [c.id for c in s.characters]
    ids += [p.id for p in s.phases]
    for inject in s.injects:
        ids.append(inject.id)
        ids += [e.id for e in inject.expect] + list(inject.attachments)
        if inject.decision is not None:
            ids += [o.id for o in inject.decision.options]
    return {w.lower() for name in ids for w in WORD.findall(name)}


def scenario_words(folder: Path, lang: str) -> set[str]:
    """Words of the scenario's own texts in ``lang`` (its translation and documents).

    Names the translator kept in Latin letters (a company, a newspaper) are the scenario's
    content, not the interface's: ``simtrain i18n`` is where they are reviewed.
    """
    entries = yamlio.load_file(folder / "l10n" / f"{lang}.yaml")["entries"]
    texts = [str(entry.get("text") or "") for entry in entries.values()]
    texts += [p.read_text(encoding="utf-8") for p in (folder / "docs").glob(f"*.{lang}.md")]
    return {w.lower() for text in texts for w in WORD.findall(text)}


TYPED = re.compile(r"\S*/\S*|\bsimtrain [a-z]+")
"""Paths (the session file) and commands (``simtrain resume``): typed, not read."""


def foreign(text: str, lang: str, allowed: set[str], *, covered: bool = False) -> set[str]:
    """Words in ``text`` that should not be in a ``lang`` interface.

    A word cut by an ellipsis (``d1-hospital…``) or at the end of a row (a column's edge)
    passes when an allowed word starts with it;
    ``covered`` (a dialog hides part of the screen below) lets a cut piece of an allowed word
    pass wherever it is cut.
    """
    found: set[str] = set()
    for line in text.splitlines():
        found |= foreign_in_line(line, lang, allowed, covered=covered)
    return found


def foreign_in_line(line: str, lang: str, allowed: set[str], *, covered: bool) -> set[str]:
    """:func:`foreign` for one row of the screen (a word at its right edge may be cut)."""
    text = TYPED.sub(" ", line)
    found: set[str] = set()
    for match in WORD.finditer(text):
        word = match[0]
        low = word.lower()
        if len(word) == 1 or low in allowed:
            continue
        after = text[match.end() :]
        cut = after.startswith("…") or not after.strip()
        if cut and any(a.startswith(low) for a in allowed):
            continue
        if covered and any(low in a for a in allowed):
            continue
        if lang == "ru":
            if re.search(r"[A-Za-z]", word):
                found.add(word)
        elif low in english_words():
            found.add(word)
    return found


def visible(app: App[Any]) -> str:
    """The text on screen, row by row, read back from Textual's SVG screenshot."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for match in re.finditer(r'<text[^>]*?x="([\d.]+)"[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        x, y, inner = float(match[1]), float(match[2]), match[3]
        rows.setdefault(y, []).append((x, html.unescape(re.sub(r"<[^>]+>", "", inner))))
    return "\n".join(
        "".join(part for _x, part in sorted(row)).replace("\xa0", " ")
        for _y, row in sorted(rows.items())
    )


@dataclass
class Walk:
    """What each step of a walk showed, and the words that should not be there."""

    lang: str
    allowed: set[str]
    seen: dict[str, tuple[str, bool]] = field(default_factory=dict)
    screens: dict[str, str] = field(default_factory=dict)
    """The screen on top at each step: the walk opened what it meant to."""

    async def look(self, name: str, app: App[Any], pilot: Pilot[Any]) -> None:
        await pilot.pause()
        covered = isinstance(app.screen, ModalScreen)
        self.seen[f"{type(app).__name__}/{name}"] = (visible(app), covered)
        self.screens[f"{type(app).__name__}/{name}"] = type(app.screen).__name__

    def findings(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for step, (text, covered) in self.seen.items():
            words = foreign(text, self.lang, self.allowed, covered=covered)
            if words:
                out[step] = words
        return out


@dataclass
class FakeClock:
    now: float = 1_000_000.0

    def __call__(self) -> float:
        return self.now


SAMPLE = {
    # what people type, in the interface language: team names, a report, a note, a name
    "ru": {"team-1": "Альфа", "team-2": "Браво", "text": "Выезжаем", "name": "Мария"},
    "it": {"team-1": "Alfa", "team-2": "Bravo", "text": "Partiamo", "name": "Maria"},
}


def played_session(path: Path, loaded: LoadedScenario, clock: FakeClock, lang: str) -> Path:
    """A session 40 minutes into day 1, with what every seat has to show: the control cell's
    deliveries, an ad-hoc inject, a rating, a note and a team's report."""
    roles = tuple(r.id for r in loaded.scenario.roles)
    said = SAMPLE[lang]
    teams = [ev.Team(id=id, name=said[id], roles=roles) for id in ("team-1", "team-2")]
    Session.create(path, loaded, teams, lang, wall_time=clock(), actors_confirm=True).close()
    with Session.open(path) as session:
        session.append_many(
            [ev.ClockStarted(), ev.PhaseStarted(phase="day-1")], wall_time=clock(), who="control"
        )
        clock.now += 40 * 60
        control: list[Any] = []
        for team in ("team-1", "team-2"):
            control += [
                ev.InjectDelivered(team=team, inject="d1-hospital-call"),
                ev.InjectDelivered(team=team, inject="d1-outreach-notes"),
                ev.InjectDelivered(team=team, inject="d1-tarik-discharge"),
            ]
        control += [
            ev.AdhocInject(adhoc="extra-1", teams=("team-1",), title=said["text"]),
            ev.RatingGiven(
                team="team-1", expect="ss-see-tarik-alone", rating="S", evaluator="control"
            ),
            ev.RatingGiven(team="team-2", expect="ss-see-tarik-alone", rating="P"),
            ev.NoteAdded(text=said["text"], team="team-1", author="control"),
            ev.NoteAdded(text=said["text"]),
        ]
        session.append_many(control, wall_time=clock(), who="control")
        session.append(
            ev.TeamReport(team="team-1", text=said["text"]), wall_time=clock(), who="team-1"
        )
        session.store.mark_seen(clock())
    return path


Step = Callable[[Pilot[Any]], Awaitable[None]]
WALKED = {
    *names("SetupScreen ConfirmScreen ConsoleScreen HelpScreen WordedCommandPalette RateDialog"),
    *names("NoteDialog AdhocDialog ReportScreen LanguageDialog DocumentScreen TeamsDialog"),
    *names("TeamReportsScreen TeamScreen EvaluatorScreen RateScreen NoteScreen CuesScreen"),
}
"""Every screen and dialog the walk must have seen."""
ROW_KEYS = (("document", "o"), ("rate", "r"), ("deliver", "d"), ("skip", "s"), ("delay", "x"))


def keys(*pressed: str) -> Step:
    async def press(pilot: Pilot[Any]) -> None:
        await pilot.press(*pressed)
        await pilot.pause()

    return press


async def dialogs(
    walk: Walk, app: App[Any], pilot: Pilot[Any], steps: Iterable[tuple[str, Step]]
) -> None:
    """Each step opens something, is looked at, and is closed with Esc."""
    for name, step in steps:
        depth = len(app.screen_stack)
        await step(pilot)
        await walk.look(name, app, pilot)
        while len(app.screen_stack) > depth:
            await pilot.press("escape")
            await pilot.pause()


@pytest.fixture
def loaded() -> LoadedScenario:
    return load_scenario(SCENARIO)


async def walk_console(
    walk: Walk, tmp_path: Path, loaded: LoadedScenario, clock: FakeClock
) -> None:
    lang = walk.lang
    fresh = Launch(
        ui_lang=lang, content_lang=lang, scenario=SCENARIO, session_path=tmp_path / "new.simtrain"
    )
    app = make_console_app(fresh, clock, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await walk.look("setup", app, pilot)
        steps = [("setup-cancel", keys("escape")), ("setup-palette", keys("ctrl+p"))]
        await dialogs(walk, app, pilot, steps)
    path = played_session(tmp_path / "played.simtrain", loaded, clock, lang)
    app = make_console_app(
        Launch(ui_lang=lang, content_lang=lang, session_path=path), clock, steady_cursor=True
    )
    async with app.run_test(size=SIZE) as pilot:
        await walk.look("console", app, pilot)
        screen = app.screen
        assert isinstance(screen, ConsoleScreen)

        async def theme(pilot: Pilot[Any]) -> None:
            app.action_change_theme()
            await pilot.pause()

        async def no_match(pilot: Pilot[Any]) -> None:
            await pilot.press("ctrl+p", *"zzqqzz")
            await pilot.pause(0.8)

        await dialogs(
            walk,
            app,
            pilot,
            [
                ("help", keys("question_mark")),
                ("palette", keys("ctrl+p")),
                ("palette-no-match", no_match),
                ("themes", theme),
                ("waiting", keys("w")),
                ("rate", keys("r")),
                ("note", keys("n")),
                ("adhoc", keys("a")),
                ("report", keys("t")),
                ("languages", keys("l")),
                ("quit", keys("q")),
            ],
        )
        for k in range(6):  # each row's attachment, rating, delivery, skip and delay dialogs
            await pilot.press("down")
            await pilot.pause()
            row = [(f"{name}-{k}", keys(key)) for name, key in ROW_KEYS]
            await dialogs(walk, app, pilot, row)
        screen.query_one("TeamsPanel").focus()
        await dialogs(walk, app, pilot, [("team-reports", keys("enter"))])


async def walk_team(walk: Walk, path: Path, clock: FakeClock) -> None:
    t = Translator(walk.lang)
    seat = TeamSeat(Session.open(path), t, "team-1", None, walk.lang, clock=clock)
    app = make_team_app(seat, poll=0.05, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await walk.look("inbox", app, pilot)
        await pilot.press("enter")
        for k in range(4):  # each message, and each one's first attachment
            await walk.look(f"message-{k}", app, pilot)
            for button in list(app.screen.query(AttachmentButton))[:1]:
                button.press()
                await walk.look(f"document-{k}", app, pilot)
                await pilot.press("escape")
            app.screen.query_one(Inbox).focus()
            await pilot.press("down", "enter")
        for tab in ("f2", "f3", "f4"):
            await pilot.press(tab)
            await walk.look(tab, app, pilot)
        await pilot.press("f3", *SAMPLE[walk.lang]["text"], "ctrl+s")
        await walk.look("report-sent", app, pilot)


async def walk_evaluator(walk: Walk, path: Path, clock: FakeClock) -> None:
    seat = EvaluatorSeat(
        Session.open(path, "append"),
        Translator(walk.lang),
        ["team-1"],
        SAMPLE[walk.lang]["name"],
        walk.lang,
        clock=clock,
    )
    app = make_evaluator_app(seat, poll=0.05, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await walk.look("arrivals", app, pilot)
        await dialogs(walk, app, pilot, [("rate", keys("p")), ("note", keys("o"))])
        for tab in ("f2", "f3"):
            await pilot.press(tab)
            await walk.look(tab, app, pilot)


async def walk_actor(walk: Walk, path: Path, clock: FakeClock) -> None:
    with Session.open(path) as session:  # the console paused on leaving; Tarik's cue falls due
        session.append(ev.ClockResumed(), wall_time=clock(), who="control")
        clock.now += 40 * 60
        session.store.mark_seen(clock())
    seat = ActorSeat(
        Session.open(path, "append"), Translator(walk.lang), "tarik-omsen", walk.lang, clock=clock
    )
    app = make_actor_app(seat, poll=0.05, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await walk.look("cues", app, pilot)
        await dialogs(walk, app, pilot, [("played", keys("tab", "p"))])
        await pilot.press("f2")
        await walk.look("brief", app, pilot)


@pytest.mark.parametrize("lang", LANGS)
async def test_every_screen_of_the_four_apps_speaks_the_interface_language(
    lang: str, tmp_path: Path, loaded: LoadedScenario
) -> None:
    allowed = KEY_LABELS | PRODUCT | THEMES | scenario_names(loaded) | {"zzqqzz"}
    walk = Walk(lang, allowed | scenario_words(SCENARIO, lang))
    clock = FakeClock()
    await walk_console(walk, tmp_path, loaded, clock)
    path = tmp_path / "played.simtrain"
    await walk_team(walk, path, clock)
    await walk_evaluator(walk, path, clock)
    await walk_actor(walk, path, clock)
    t = Translator(lang)
    space, palette = t("tui_words.key.space"), t("tui_words.key.ctrl", key="P")
    assert f" {space} " in walk.seen["ConsoleApp/console"][0]
    assert f"{palette} {t('palette.open')}" in walk.seen["ConsoleApp/console"][0]
    assert t("tui_words.palette.no_matches") in walk.seen["ConsoleApp/palette-no-match"][0]
    reached = set(walk.screens.values())
    assert reached >= WALKED, f"the walk missed {sorted(WALKED - reached)}"
    found = walk.findings()
    assert not found, "English on screen:\n" + "\n".join(
        f"  {step}: {sorted(words)}" for step, words in found.items()
    )


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("en", ["space", "del", "esc", "⏎", "tab", "shift+tab", "^s", "F2", "?", "d"]),
        ("it", ["spazio", "Canc", "Esc", "Invio", "Tab", "Maiusc+Tab", "Ctrl+S", "F2", "?", "d"]),
        ("ru", ["Пробел", "Del", "Esc", "Enter", "Tab", "Shift+Tab", "Ctrl+S", "F2", "?", "d"]),
    ],
)
def test_key_names_come_from_the_locale(lang: str, shown: list[str]) -> None:
    keys = names("space delete escape enter tab shift+tab ctrl+s f2 question_mark d")
    t = Translator(lang)
    assert [key_display(t, Binding(key, "x")) for key in keys] == shown
    assert key_display(t, Binding("f1", "x", key_display="F1")) == "F1"  # written: kept


def test_textual_own_words_are_translated_in_every_language() -> None:
    for lang in ("en", "ru", "it"):
        t = Translator(lang)
        for english, key in TEXTUAL_WORDS.items():
            said = words(t, english)
            assert said != key, f"{lang}: {key} missing"
            assert lang == "en" or said != english, (lang, said)
