"""What ``i18n --update`` writes reads back as the same entries, whatever the texts hold.

A property over arbitrary text (``: ``, quotes, ``#``, spaces at either end, U+2028/U+2029, NEL,
CR, CRLF, NUL, tabs, emoji; surrogates excluded, as no UTF-8 file can hold them): a real scenario
folder whose source texts and whose translator's file hold such text goes through the real writer
(:func:`write_translation`) and the real reader (:func:`read_translation`), twice.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from simtrain import yamlio
from simtrain.scenario.catalog import L10N_DIR, read_translation, text_fields
from simtrain.scenario.l10n_status import (
    Item,
    backup_path,
    render_translation,
    source_lines,
    write_translation,
)
from simtrain.scenario.loader import load_scenario
from tests.conftest import MINIMAL

LABELS = {"source": "source", "stale": "STALE"}

TRICKY = [
    ": ",
    "'",
    '"',
    "#",
    " # ",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\u2029",
    "\x00",
    "\x1b[2J",
    "\ufeff",
    "\ufffe",
    "😀",
    "- ",
    "? ",
    "|",
    ">",
    "&a",
    "*a",
    "!x",
    "%",
    "@",
    "`",
    "{",
    "}",
    "[",
    "]",
    ",",
    "...",
    "---",
    "true",
    "null",
    "~",
    "1.5e5",
    "012",
    "language: ru",
    "entries: {}",
]

chars = st.characters(exclude_categories=["Cs"])
texts = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(chars, max_size=6)), max_size=8).map(
    "".join
)
sources = texts.filter(lambda text: bool(text.strip()))


def quoted(data: Any) -> str:
    """How a person might have written the file: every string double-quoted, by PyYAML."""
    return yaml.dump(data, default_style='"', allow_unicode=True, sort_keys=False, width=1 << 20)


def scenario_with(folder: Path, title: str, message: str) -> None:
    data = yamlio.loads(MINIMAL)
    data["title"] = title
    data["injects"][0]["message"] = message
    (folder / "scenario.yaml").write_text(quoted(data), encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=sources,
    message=sources,
    translated=st.dictionaries(
        st.sampled_from(["title", "summary", "roles.ngo.name", "injects.first-call.message"]),
        texts,
    ),
    orphans=st.dictionaries(texts, st.tuples(texts, texts, st.booleans()), max_size=3),
)
@example(
    title="Line one\u2028entries: {}\rtitle: x",
    message="ab: cd",
    translated={"title": 'l\'uomo: "sì" # no'},
    orphans={"weird: key\nlanguage: ru": ("ghost", "ab: cd", False)},
)
def test_update_reads_back_the_same_entries(
    title: str,
    message: str,
    translated: dict[str, str],
    orphans: dict[str, tuple[str, str, bool]],
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        scenario_with(folder, title, message)
        loaded = load_scenario(folder)
        assume(loaded.scenario.title == title)  # the fixture's own writer, not ours, is tried here
        keys = {field.key for field in text_fields(loaded.scenario)}
        orphans = {k: v for k, v in orphans.items() if k not in keys}
        entries: dict[str, Any] = {k: {"src": "0" * 8, "text": v} for k, v in translated.items()}
        for key, (text, src, stale) in orphans.items():
            entries[key] = {"src": src, "text": text, "stale": stale}
        file = folder / L10N_DIR / "it.yaml"
        file.parent.mkdir()
        file.write_text(quoted({"language": "it", "entries": entries}), encoding="utf-8")
        before = read_translation(file, "it")
        assume(not before.problems)
        seeded = {k: (e.text, e.src, e.stale_flag) for k, e in before.entries.items()}

        lines = source_lines(loaded)
        write_translation(loaded, "it", lines, LABELS)
        first = file.read_bytes()
        after = read_translation(file, "it")
        assert after.problems == []
        for key, entry in after.entries.items():
            if key in seeded and seeded[key][0]:
                assert entry.text == seeded[key][0], key
        for key, (text, src, stale) in orphans.items():
            entry = after.entries[key]
            assert (entry.text, entry.src, entry.stale_flag) == (text, src, stale)
        assert set(after.entries) >= keys - {"summary", "setting"}
        assert backup_path(file).read_bytes() != first

        write_translation(loaded, "it", lines, LABELS)  # again: nothing to change
        assert file.read_bytes() == first
        assert sorted(p.name for p in file.parent.iterdir()) == ["it.yaml", "it.yaml.bak"]


@settings(max_examples=300, deadline=None)
@given(
    items=st.lists(
        st.builds(
            Item,
            key=texts,
            text=texts,
            src=texts,
            stale=st.booleans(),
            where=texts,
            notes=st.lists(texts.map(lambda note: f"# {note}"), max_size=2).map(tuple),
        ),
        max_size=4,
        unique_by=lambda item: item.key,
    ),
    quote_all=st.booleans(),
)
def test_rendered_file_reads_back(items: list[Item], quote_all: bool) -> None:
    """The layout alone: any key, text, src and comment, in either writing mode."""
    from simtrain.scenario.catalog import parse_translation
    from simtrain.yamlwrite import comment_safe

    safe = [
        Item(
            i.key,
            i.text,
            i.src,
            i.stale,
            comment_safe(i.where).replace("\n", " "),
            tuple(comment_safe(n).replace("\n", " ") for n in i.notes),
        )
        for i in items
    ]
    body = render_translation("it", safe, quoted=quote_all)
    back = parse_translation(body, Path("it.yaml"), "it")
    assert back.problems == []
    found = {e.key: (e.text, e.src, e.stale_flag) for e in back.entries.values()}
    assert found == {i.key: (i.text, i.src, i.stale) for i in safe}
