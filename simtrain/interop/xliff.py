"""A scenario's texts as XLIFF 1.2 for a translator's CAT tool (memoQ, Trados, OmegaT), and back.

Export writes one ``<trans-unit>`` per text, keyed (``id`` and ``resname``) by the catalog key,
with the source, the current translation as the target and its state (``new``, ``translated``,
``needs-review-translation`` for a stale entry), the hash of the source it was exported from (the
``simtrain:src`` attribute, which CAT tools carry through untouched) and notes for the translator:
the field, ``scenario.yaml:LINE``, the glossary terms in the text, the placeholders to keep. Texts
translated inline in ``scenario.yaml``, or holding characters XML cannot carry, are locked
(``translate="no"``). Attached documents are listed in a locked group, one unit a document with its
state: they stay translated as files.

Import reads such a file back and writes ``l10n/<lang>.yaml`` through the ``--update`` writer
(atomic, the previous file kept as ``.bak``). A unit whose source changed since the export is
refused as stale, an empty target keeps what the file has, and a file with no change writes
nothing at all, so an untouched round trip leaves the translation file byte for byte as it was.

Writing uses the standard library's ``xml.etree.ElementTree`` (it escapes every text); reading
untrusted files uses ``defusedxml`` with DTDs, entities and external references forbidden
(XLIFF needs none of them), after a size check: no XXE, no entity expansion, no network.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml import ElementTree as SafeET

from simtrain import __version__
from simtrain.errors import KeyedError
from simtrain.interop.glossary import Term, read_terms, terms_in
from simtrain.scenario.catalog import (
    Catalog,
    Translation,
    placeholders,
    source_hash,
    translated_doc,
)
from simtrain.scenario.l10n_notes import previous_sources
from simtrain.scenario.l10n_status import coverage, is_stale, source_lines
from simtrain.scenario.loader import LoadedScenario

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
SIMTRAIN_NS = "urn:x-simtrain:xliff"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SRC = f"{{{SIMTRAIN_NS}}}src"
SCENARIO = f"{{{SIMTRAIN_NS}}}scenario"
MAX_BYTES = 32 << 20
"""An XLIFF file of one scenario is well under a megabyte; 32 MB is no XLIFF of ours."""
DOC_PREFIX = "doc:"
CONFIRMED = frozenset({"translated", "signed-off", "final"})
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")
"""What XML 1.0 cannot hold, or gives back otherwise (a CR is read as a line feed)."""
_CODE = frozenset({"ph", "bpt", "ept", "it", "x", "bx", "ex", "sub"})
"""Inline elements holding native code, not words (their tails are words)."""

ET.register_namespace("", XLIFF_NS)  # XLIFF elements unprefixed, as every CAT tool writes them
ET.register_namespace("simtrain", SIMTRAIN_NS)
Tr = Callable[..., str]


class XliffError(KeyedError):
    """A file that is not taken at all (``xliff.*``): hostile, not XLIFF, another language."""

    PREFIX = "xliff"


def _q(tag: str) -> str:
    return f"{{{XLIFF_NS}}}{tag}"


@dataclass(frozen=True)
class Current:
    """A text's translation as the export writes it: the target, its state, and whether the
    translator may change it here (``lock`` names why not: ``inline`` or ``unsafe``)."""

    target: str
    state: str
    lock: str = ""


def current(catalog: Catalog, translation: Translation, key: str, lang: str) -> Current:
    value = catalog.fields[key].value
    inline = value.get(lang) if isinstance(value, dict) else None
    entry = translation.entries.get(key)
    if inline:
        return Current(_carried(inline), "translated", "inline")
    text = entry.text if entry is not None else ""
    if not text:
        state = "new"
    elif entry is not None and is_stale(entry, catalog.source(key)):
        state = "needs-review-translation"
    else:
        state = "translated"
    unsafe = _NOT_IN_XML.search(text) or _NOT_IN_XML.search(catalog.source(key))
    return Current(_carried(text), state, "unsafe" if unsafe else "")


def _carried(text: str) -> str:
    """``text`` as XML carries it: what it cannot hold shown as U+FFFD (such a unit is locked)."""
    return _NOT_IN_XML.sub("\ufffd", text)


@dataclass(frozen=True)
class Exported:
    data: bytes
    units: int
    new: int
    review: int
    documents: int


def export_xliff(
    loaded: LoadedScenario, lang: str, t: Tr, known: frozenset[str] = frozenset()
) -> Exported:
    """The XLIFF 1.2 file of ``lang``: every text of the scenario, then its documents. A unit to
    review carries, as a note, the source its translation was made from when the translation
    file still tells it (``known``: the words its source comments may be labelled with)."""
    scenario = loaded.scenario
    catalog = Catalog(scenario, loaded.folder)
    translation = catalog.translation(lang)
    before = previous_sources(_file_text(translation.file), translation, known) if known else {}
    lines = source_lines(loaded)
    terms = read_terms(loaded.folder, scenario.language, lang)
    where = loaded.file.name
    root = ET.Element(_q("xliff"), {"version": "1.2"})
    file = ET.SubElement(
        root,
        _q("file"),
        {
            "original": loaded.file.name,
            "source-language": scenario.language,
            "target-language": lang,
            "datatype": "plaintext",
            "product-name": "simtrain",
            "product-version": __version__,
            SCENARIO: scenario.id,
        },
    )
    header = ET.SubElement(file, _q("header"))
    ET.SubElement(
        header,
        _q("tool"),
        {"tool-id": "simtrain", "tool-name": "simtrain", "tool-version": __version__},
    )
    _note(header, t("xliff.note_header", scenario=scenario.id, lang=lang))
    body = ET.SubElement(file, _q("body"))
    new = review = 0
    for key in catalog.fields:
        now = current(catalog, translation, key, lang)
        source = catalog.source(key)
        unit = ET.SubElement(body, _q("trans-unit"), _unit_attributes(key, source, now))
        ET.SubElement(unit, _q("source"), {XML_LANG: scenario.language}).text = _carried(source)
        target = ET.SubElement(unit, _q("target"), {XML_LANG: lang, "state": now.state})
        target.text = now.target
        new += now.state == "new"
        review += now.state == "needs-review-translation"
        for text in _unit_notes(catalog, translation, key, now, t, where, lines, terms):
            _note(unit, text)
        if now.state == "needs-review-translation" and before.get(key, source) != source:
            _note(unit, t("translators.note_before", text=_carried(before[key])))
    documents = _documents(body, loaded, lang, t, lines)
    ET.indent(root, space="  ")
    data = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return Exported(data + b"\n", len(catalog.fields), new, review, documents)


def _file_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _unit_attributes(key: str, source: str, now: Current) -> dict[str, str]:
    attributes = {"id": key, "resname": key, XML_SPACE: "preserve", SRC: source_hash(source)}
    if now.lock:
        attributes["translate"] = "no"
    return attributes


def _note(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, _q("note"), {"from": "simtrain", "annotates": "general"}).text = text


def _unit_notes(
    catalog: Catalog,
    translation: Translation,
    key: str,
    now: Current,
    t: Tr,
    where: str,
    lines: dict[str, int],
    terms: list[Term],
) -> Iterator[str]:
    """What a translator reads beside a unit, in the interface language."""
    parts = key.split(".")
    if len(parts) == 1:
        kind, ident, name = "scenario", catalog.scenario.id, key
    else:
        kind, ident, name = parts[0], parts[1], ".".join(parts[2:])
    yield t("xliff.note_field", field=name, kind=t(f"xliff.kind.{kind}"), id=ident)
    yield f"{where}:{lines.get(key, 1)}"
    source = catalog.source(key)
    found = terms_in(terms, source)
    if found:
        pairs = "; ".join(f"{term.source} → {term.target}" for term in found)
        yield t("xliff.note_glossary", terms=pairs)
    names = placeholders(source)
    if names:
        yield t("xliff.note_placeholders", names=", ".join("{" + n + "}" for n in sorted(names)))
    yield t("xliff.note_hash", src=source_hash(source))
    entry = translation.entries.get(key)
    if now.state == "needs-review-translation" and entry is not None:
        yield t("xliff.note_stale", src=entry.src or "-")
    if now.lock:
        yield t(f"xliff.note_{now.lock}", lang=translation.lang)


def _documents(
    body: ET.Element, loaded: LoadedScenario, lang: str, t: Tr, lines: dict[str, int]
) -> int:
    """The attached documents, each listed with its state, locked: they are translated as files."""
    catalog = Catalog(loaded.scenario, loaded.folder)
    names = catalog.attachments()
    if not names:
        return 0
    kinds = {
        f.key: f.kind for f in coverage(loaded, lang, lines).findings if f.kind.endswith("_doc")
    }
    states = {"missing_doc": "new", "binary_doc": "needs-translation"}
    group = ET.SubElement(
        body, _q("group"), {"id": "documents", "resname": "documents", "translate": "no"}
    )
    _note(group, t("xliff.note_documents"))
    for name in names:
        kind = kinds.get(name, "")
        state = states.get(kind, "needs-review-translation" if kind else "translated")
        path = translated_doc(name, lang)
        unit = ET.SubElement(
            group,
            _q("trans-unit"),
            {"id": DOC_PREFIX + name, "resname": name, "translate": "no"},
        )
        ET.SubElement(unit, _q("source"), {XML_LANG: loaded.scenario.language}).text = name
        target = ET.SubElement(unit, _q("target"), {XML_LANG: lang, "state": state})
        target.text = path
        _note(unit, t(f"xliff.doc_{state.replace('-', '_')}", path=path))
    return len(names)


@dataclass(frozen=True)
class Unit:
    """One ``<trans-unit>`` as read: its id, texts, state and the source hash it carried."""

    id: str
    source: str | None
    target: str | None
    state: str | None
    src: str | None
    translate: bool


@dataclass(frozen=True)
class XliffFile:
    source_lang: str | None
    target_lang: str | None
    scenario: str | None
    units: list[Unit] = field(default_factory=list)


def read_xliff(path: Path) -> XliffFile:
    """An XLIFF 1.2 file, read safely, or :class:`XliffError` naming in one line why not."""
    root = _parse(path)
    if root.tag not in (_q("xliff"), "xliff") or (
        root.tag == "xliff" and root.get("version") != "1.2"
    ):
        raise XliffError("not_xliff", path=str(path), root=_local(root.tag))
    ns = XLIFF_NS if root.tag == _q("xliff") else ""
    files = root.findall(f"{{{ns}}}file" if ns else "file")
    if not files:
        raise XliffError("no_file", path=str(path))
    langs = {(f.get("source-language"), f.get("target-language"), f.get(SCENARIO)) for f in files}
    if len(langs) > 1:
        raise XliffError("mixed", path=str(path))
    source_lang, target_lang, scenario = langs.pop()
    units = [
        _unit(element, ns) for element in root.iter(f"{{{ns}}}trans-unit" if ns else "trans-unit")
    ]
    return XliffFile(source_lang, target_lang, scenario, units)


def _parse(path: Path) -> ET.Element:
    try:
        if not path.is_file():
            raise XliffError("not_file", path=str(path))
        if path.stat().st_size > MAX_BYTES:
            raise XliffError("too_large", path=str(path), limit=MAX_BYTES >> 20)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise XliffError(
            "cannot_read", path=str(path), reason=error.strerror or str(error)
        ) from None
    if len(data) > MAX_BYTES:
        raise XliffError("too_large", path=str(path), limit=MAX_BYTES >> 20)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise XliffError("hostile", path=str(path)) from None
    except ET.ParseError as error:
        raise XliffError("not_xml", path=str(path), reason=str(error)) from None
    except RecursionError:
        raise XliffError("not_xml", path=str(path), reason="nesting") from None
    assert isinstance(root, ET.Element)
    return root


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _unit(element: ET.Element, ns: str) -> Unit:
    def child(name: str) -> ET.Element | None:
        return element.find(f"{{{ns}}}{name}" if ns else name)

    source, target = child("source"), child("target")
    return Unit(
        id=element.get("id") or element.get("resname") or "",
        source=None if source is None else _words(source),
        target=None if target is None else _words(target),
        state=None if target is None else target.get("state"),
        src=element.get(SRC),
        translate=element.get("translate", "yes") != "no",
    )


def _words(element: ET.Element) -> str:
    """The text of a source or target: words inside ``<g>`` and ``<mrk>`` kept, native code
    (``<ph>``, ``<bpt>``...) left out, in document order, without recursion."""
    out: list[str] = []
    stack: list[ET.Element | str] = [element]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        if item is not element and _local(item.tag) in _CODE:
            continue
        out.append(item.text or "")
        for kid in reversed(list(item)):
            stack.append(kid.tail or "")
            stack.append(kid)
    return "".join(out)
