"""One catalog of a scenario's texts in every language, fed by inline texts and ``l10n/`` files.

Keys are object ids plus the field name (``injects.arrival-call.message``), so a translation
survives reordering and typo fixes elsewhere. Each translated entry records a short hash of the
source text it was made from: when the source changes, the translation is *stale*, shown as such,
never silently wrong.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simtrain import yamlio
from simtrain.i18n import normalise
from simtrain.sanitize import visible
from simtrain.scenario.ids import LANG_PATTERN
from simtrain.scenario.model import Scenario
from simtrain.scenario.paths import attachment_problem
from simtrain.scenario.problems import Problem

L10N_DIR = "l10n"
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_LANG_CODE = re.compile(LANG_PATTERN.strip("^$"))
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def is_language_code(value: str) -> bool:
    """Whether ``value`` is a language code as a scenario writes one (``it``), nothing more.

    Language codes become file names (``l10n/it.yaml``, ``docs/a.it.md``, ``DIR/it/``): only a
    code matched whole may ever be joined to a path.
    """
    return _LANG_CODE.fullmatch(value) is not None


def language_code(value: str) -> str | None:
    """The code of a language a user typed (``it``, ``IT``, ``it-IT``, ``it_IT``), or None."""
    if not _LANG_TAG.fullmatch(value):
        return None
    code = normalise(value)
    return code if is_language_code(code) else None


def source_hash(text: str) -> str:
    """Eight hex digits that change whenever the source text changes."""
    return hashlib.blake2s(text.encode("utf-8"), digest_size=4).hexdigest()


def placeholders(text: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(text))


@dataclass(frozen=True)
class TextField:
    """One translatable text of the scenario: its key, its place in the YAML, its value."""

    key: str
    path: tuple[str | int, ...]
    value: str | dict[str, str]


def text_fields(scenario: Scenario) -> Iterator[TextField]:
    """Every text in source order, the order a translator works in."""

    def one(key: str, path: tuple[str | int, ...], value: Any) -> Iterator[TextField]:
        if value is not None:
            yield TextField(key, path, value)

    yield from one("title", ("title",), scenario.title)
    yield from one("summary", ("summary",), scenario.summary)
    yield from one("setting", ("setting",), scenario.setting)
    for i, o in enumerate(scenario.objectives):
        yield from one(f"objectives.{o.id}.text", ("objectives", i, "text"), o.text)
        yield from one(f"objectives.{o.id}.short", ("objectives", i, "short"), o.short)
    for i, r in enumerate(scenario.roles):
        yield from one(f"roles.{r.id}.name", ("roles", i, "name"), r.name)
        yield from one(f"roles.{r.id}.briefing", ("roles", i, "briefing"), r.briefing)
    for i, c in enumerate(scenario.characters):
        yield from one(f"characters.{c.id}.name", ("characters", i, "name"), c.name)
        yield from one(f"characters.{c.id}.brief", ("characters", i, "brief"), c.brief)
    for i, p in enumerate(scenario.phases):
        yield from one(f"phases.{p.id}.title", ("phases", i, "title"), p.title)
        yield from one(f"phases.{p.id}.summary", ("phases", i, "summary"), p.summary)
    for i, j in enumerate(scenario.injects):
        base = f"injects.{j.id}"
        yield from one(f"{base}.title", ("injects", i, "title"), j.title)
        yield from one(f"{base}.message", ("injects", i, "message"), j.message)
        yield from one(f"{base}.control_note", ("injects", i, "control_note"), j.control_note)
        for k, a in enumerate(j.expect):
            yield from one(
                f"{base}.expect.{a.id}.text", ("injects", i, "expect", k, "text"), a.text
            )
        if j.decision is not None:
            yield from one(
                f"{base}.decision.prompt", ("injects", i, "decision", "prompt"), j.decision.prompt
            )
            for k, opt in enumerate(j.decision.options):
                yield from one(
                    f"{base}.decision.options.{opt.id}.text",
                    ("injects", i, "decision", "options", k, "text"),
                    opt.text,
                )


@dataclass(frozen=True)
class Entry:
    """One translation from an ``l10n`` file, with the line it stands on."""

    key: str
    text: str
    src: str
    stale_flag: bool
    line: int


@dataclass
class Translation:
    """One ``l10n/<lang>.yaml`` file, read."""

    lang: str
    file: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_translation(file: Path, lang: str) -> Translation:
    """Read a translation file, collecting its problems instead of stopping at the first."""
    if not file.exists() and not file.is_symlink():
        return Translation(lang, file)
    try:
        text = yamlio.decode(yamlio.read_bytes(file))
    except yamlio.YamlProblem as problem:
        return Translation(lang, file, problems=[Problem.from_yaml(problem, file)])
    return parse_translation(text, file, lang)


def parse_translation(text: str, file: Path, lang: str) -> Translation:
    """A translation file's text, read as :func:`read_translation` reads the file (the writer
    reads back what it is about to write through this very function)."""
    translation = Translation(lang, file)
    try:
        data = yamlio.loads(text)
    except yamlio.YamlProblem as problem:
        translation.problems.append(Problem.from_yaml(problem, file))
        return translation
    root = yamlio.compose(text)

    def at(path: tuple[str | int, ...], message: str, /, **params: Any) -> None:
        place = yamlio.locate(root, path, on_key=message == "unknown_key")
        translation.problems.append(
            Problem("error", message, params, file, place.line, place.column)
        )

    if not isinstance(data, dict):
        at((), "l10n_shape")
        return translation
    for name in data:
        if name not in ("language", "entries"):
            at((name,), "unknown_key", key=str(name), suggestion="")
    if data.get("language") != lang:
        at(("language",), "l10n_language", lang=lang, found=str(data.get("language")))
    entries = data.get("entries") or {}
    if not isinstance(entries, dict):
        at(("entries",), "l10n_shape")
        return translation
    lines = {path[1]: node.start_mark.line + 1 for path, node in _entry_nodes(root)}
    for key, value in entries.items():
        line = lines.get(key, 1)
        if not isinstance(value, dict) or not isinstance(value.get("text", ""), str):
            at(("entries", key), "l10n_entry", key=str(key))
            continue
        unknown = set(value) - {"src", "text", "stale"}
        if unknown:
            at(
                ("entries", key, sorted(unknown)[0]),
                "unknown_key",
                key=sorted(unknown)[0],
                suggestion="",
            )
        translation.entries[str(key)] = Entry(
            str(key),
            str(value.get("text") or ""),
            str(value.get("src") or ""),
            bool(value.get("stale")),
            line,
        )
    return translation


def _entry_nodes(root: Any) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """The key node of each entry, for its line number."""
    from yaml.nodes import MappingNode

    if not isinstance(root, MappingNode):
        return
    for key_node, value_node in root.value:
        if key_node.value == "entries" and isinstance(value_node, MappingNode):
            for entry_key, _ in value_node.value:
                yield ("entries", entry_key.value), entry_key


def is_binary(path: Path, chunk: int = 1 << 20) -> bool:
    """Whether a document is not UTF-8 text (or holds a NUL byte): no attachment, never rewritten.

    Read in chunks, so a large file costs time, not memory.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while block := handle.read(chunk):
                if b"\x00" in block:
                    return True
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return True
    except OSError:
        return False  # unreadable is another problem, reported where the file is read
    return False


_DOC_MARK = re.compile(r"^<!--\s*src:\s*([0-9a-f]{8})(\s+stale)?\s*-->\s*$")


def translated_doc(name: str, lang: str) -> str:
    """Where an attachment's ``lang`` version lives: ``docs/a.md`` -> ``docs/a.it.md``."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{lang}.{suffix}" if dot else f"{name}.{lang}"


def doc_mark(text: str) -> tuple[str, bool] | None:
    """The source hash a translated document declares on its first line, and its stale flag."""
    first = text.split("\n", 1)[0]
    match = _DOC_MARK.match(first.strip())
    if not match:
        return None
    return match[1], bool(match[2])


def strip_mark(text: str) -> str:
    """A translated document without its bookkeeping first line, as a reader should see it."""
    if doc_mark(text) is not None:
        return text.split("\n", 1)[1] if "\n" in text else ""
    return text


class DocumentUnavailable(OSError):
    """An attachment that is not read: its scenario folder is gone (``folder_gone``) or its path
    leads outside that folder (``refused``). Render it with :meth:`render` (``documents.*``)."""

    def __init__(self, key: str, name: str) -> None:
        super().__init__(f"{key}: {name}")
        self.key = key
        self.name = name

    def render(self, t: Callable[..., str]) -> str:
        return str(t(f"documents.{self.key}", name=self.name))


@dataclass(frozen=True)
class Resolved:
    """A text as shown: its words, its language, and whether it fell back to another language."""

    text: str
    lang: str
    fallback: bool


class Catalog:
    """Every text of a scenario in every language it has, with fallback to the source."""

    def __init__(self, scenario: Scenario, folder: Path | None) -> None:
        self.scenario = scenario
        self.source_lang = scenario.language
        self.folder = folder
        self.fields = {f.key: f for f in text_fields(scenario)}
        self._translations: dict[str, Translation] = {}

    def source(self, key: str) -> str:
        value = self.fields[key].value
        if isinstance(value, str):
            return value
        return value.get(self.source_lang) or next(iter(value.values()))

    def translation(self, lang: str) -> Translation:
        """The ``l10n`` file of one language, read on first use."""
        if lang not in self._translations:
            if not is_language_code(lang):  # never a path from what is not a code
                self._translations[lang] = Translation(lang, Path(L10N_DIR))
                return self._translations[lang]
            file = (self.folder or Path(".")) / L10N_DIR / f"{lang}.yaml"
            self._translations[lang] = (
                read_translation(file, lang) if self.folder else Translation(lang, file)
            )
        return self._translations[lang]

    def languages(self) -> list[str]:
        """The source language, then every language the scenario promises or has a file for
        (a file whose name is no language code is not a language: ``l10n/...yaml`` is not ``..``).
        """
        langs = [self.source_lang, *self.scenario.translations]
        if self.folder and (self.folder / L10N_DIR).is_dir():
            stems = (p.stem for p in (self.folder / L10N_DIR).glob("*.yaml"))
            langs += sorted(stem for stem in stems if is_language_code(stem))
        return list(dict.fromkeys(langs))

    def lookup(self, key: str, lang: str) -> str | None:
        """The text in exactly this language, or None (stale translations still count)."""
        if lang == self.source_lang:
            return self.source(key)
        value = self.fields[key].value
        if isinstance(value, dict) and value.get(lang):
            return value[lang]
        entry = self.translation(lang).entries.get(key)
        if entry is not None and entry.text:
            return entry.text
        return None

    def attachments(self) -> list[str]:
        """Every attached document once, in the order injects first attach them."""
        names = (name for inject in self.scenario.injects for name in inject.attachments)
        return list(dict.fromkeys(names))

    def attachment(self, name: str, lang: str) -> tuple[Path, Resolved]:
        """The file to show for an attachment in ``lang`` and its text, falling back to the source.

        Every path, the source document's as well as a translated one, is held to the scenario
        folder's rule (:func:`attachment_problem`, as ``validate`` holds it) before it is read: a
        session carries its scenario's text, and a crafted one could name any file (S2). Without a
        folder (it is gone) nothing is read, never a file of the working directory (S28). Both
        raise :class:`DocumentUnavailable`, an ``OSError`` like any unreadable file.
        """
        if self.folder is None:
            raise DocumentUnavailable("folder_gone", name)
        folder = self.folder
        root = folder.resolve()
        for candidate in dict.fromkeys([lang, normalise(lang)]):
            if candidate == self.source_lang:
                break
            translated = translated_doc(name, candidate)
            if attachment_problem(root, translated) is None:
                path = folder / translated
                text = strip_mark(path.read_text(encoding="utf-8", errors="replace"))
                return path, Resolved(visible(text), candidate, candidate != normalise(lang))
        if attachment_problem(root, name) in ("attachment_absolute", "attachment_outside"):
            raise DocumentUnavailable("refused", name)
        path = folder / name
        text = path.read_text(encoding="utf-8", errors="replace")
        return path, Resolved(visible(text), self.source_lang, normalise(lang) != self.source_lang)

    def objective_label_key(self, objective: str) -> str:
        """The key of an objective where space is tight: its ``short:`` label when it has one,
        else its text (which the caller cuts to its width and keeps whole in a tooltip or a
        detail line), never its id, which is the author's, not the reader's."""
        short = f"objectives.{objective}.short"
        return short if short in self.fields else f"objectives.{objective}.text"

    def objective_label(self, objective: str, lang: str) -> Resolved:
        return self.text(self.objective_label_key(objective), lang)

    def text(self, key: str, lang: str) -> Resolved:
        """The text to show in ``lang``: ``it-IT`` -> ``it`` -> the scenario's own language.

        Shown texts pass :func:`~simtrain.sanitize.visible` here, once, so no seat or report
        format gets a terminal control from a scenario; :meth:`source` and :meth:`lookup` keep
        the text as written, for the translation files.
        """
        for candidate in dict.fromkeys([lang, normalise(lang)]):
            found = self.lookup(key, candidate)
            if found is not None:
                return Resolved(visible(found), candidate, candidate != normalise(lang))
        return Resolved(visible(self.source(key)), self.source_lang, True)
