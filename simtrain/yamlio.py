"""The only module that touches YAML.

Scenario files, translation files, rehearsal scripts and locale files are untrusted text written by
people, so they are read with libyaml's C parser (the pure-Python parser only where libyaml is
missing) and turned into plain Python values by our own small builder instead of a PyYAML
constructor: nothing in a file can name a Python type, implicit typing follows a strict schema (YAML
1.1 would read ``at: 10:30`` as 630, ``no`` as False and ``2025-03-01`` as a date), a key written
twice is an error, and aliases are refused, so an alias bomb costs nothing.

Values are built from the composed node tree in one pass; the tree's marks are only consulted to
place an error, which keeps a valid file at libyaml speed.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_CParser: Any
try:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - libyaml ships in PyYAML's wheels
    _CParser = None
    HAVE_LIBYAML = False

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Far above any real scenario (the 5,000-inject benchmark in three languages is ~12 MB)."""

MAX_DEPTH = 64
"""A scenario nests about a dozen levels deep; anything far deeper is an attack or an accident."""

MAX_NODES = 1_000_000
"""Values (scalars, lists, mappings) in one file. The 5,000-inject benchmark in three languages
has about 310,000; a node costs a few hundred bytes while composing, so the bound keeps any file
under :data:`MAX_FILE_BYTES` under about half a gigabyte, where ``[a,a,a,...]`` in 32 MB would
otherwise compose 16 million nodes (6 GB)."""

MAX_NUMBER_CHARS = 32
"""Digits of a number: more is no count or time anyone writes (and Python refuses 4,300)."""

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"


class YamlProblem(Exception):
    """A file that cannot be read as simtrain YAML, with the place where it went wrong.

    ``key`` names a message in the interface locale (``yaml.<key>``); ``params`` fill it in.
    ``unreadable`` separates files that could not be read at all (exit 2) from those that were read
    but are not valid YAML for us (exit 1).
    """

    def __init__(
        self,
        key: str,
        line: int | None = None,
        column: int | None = None,
        *,
        unreadable: bool = False,
        **params: Any,
    ) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.column = column
        self.unreadable = unreadable
        self.params = params


class StrictResolver(yaml.resolver.BaseResolver):
    """Implicit types of the YAML 1.2 core schema, minus its traps.

    Only ``true``/``false``, ``null``/``~``/empty, decimal integers and plain decimal floats are
    typed implicitly; ``yes``, ``on``, ``0x1F``, ``012``, ``10:30``, ``.inf`` and dates stay
    strings.
    """

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level registry


StrictResolver.add_implicit_resolver(BOOL, re.compile(r"^(?:true|false)$"), list("tf"))
StrictResolver.add_implicit_resolver(NULL, re.compile(r"^(?:~|null|)$"), ["~", "n", ""])
StrictResolver.add_implicit_resolver(
    INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
StrictResolver.add_implicit_resolver(
    FLOAT,
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


class _BoundedComposer(yaml.composer.Composer):
    """PyYAML's composer, counting nodes and nesting as it goes: a file past either bound stops
    at the node that crosses it, before the tree costs memory (libyaml's own composer cannot be
    stopped; building the tree from libyaml's events here is as fast)."""

    def bound(self, max_nodes: int) -> None:
        self.max_nodes = max_nodes
        self.nodes = 0
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self.nodes += 1
        if self.nodes > self.max_nodes or self.depth > MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[attr-defined]
            key, limit = (
                ("too_many_nodes", self.max_nodes)
                if self.nodes > self.max_nodes
                else ("too_deep", MAX_DEPTH)
            )
            raise YamlProblem(key, mark.line + 1, mark.column + 1, limit=limit)
        self.depth += 1
        try:
            node: Node | None = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        assert node is not None
        return node


class _PureComposer(
    _BoundedComposer,
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    StrictResolver,
):
    """The pure-Python path, for the rare PyYAML built without libyaml (about 5x slower)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        StrictResolver.__init__(self)


if HAVE_LIBYAML:

    class _CComposer(_BoundedComposer, _CParser, StrictResolver):  # type: ignore[misc]
        """libyaml parses in C; the bounded composer builds the tree from its events and the
        resolver above types the scalars."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            StrictResolver.__init__(self)


def _composer(text: str, max_nodes: int) -> Any:
    composer = _CComposer(text) if HAVE_LIBYAML else _PureComposer(text)
    composer.bound(max_nodes)
    return composer


def _bool(text: str) -> bool:
    return text == "true"


def _number(convert: Any) -> Any:
    def number(text: str) -> Any:
        if len(text) > MAX_NUMBER_CHARS:
            raise OverflowError(text)
        return convert(text)

    return number


_SCALARS: dict[str, Any] = {
    STR: str,
    INT: _number(int),
    FLOAT: _number(float),
    BOOL: _bool,
    NULL: lambda _text: None,
}


def _place(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, refusing what we do not accept."""

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def build(self, node: Node, depth: int = 0) -> Any:
        ident = id(node)
        if ident in self.seen:
            raise YamlProblem("alias", *_place(node))
        self.seen.add(ident)
        if depth > MAX_DEPTH:
            raise YamlProblem("too_deep", *_place(node), limit=MAX_DEPTH)
        tag = node.tag
        if isinstance(node, ScalarNode):
            convert = _SCALARS.get(tag)
            if convert is None:
                raise YamlProblem("tag", *_place(node), tag=tag)
            try:
                return convert(node.value)
            except OverflowError:
                raise YamlProblem(
                    "number_too_long", *_place(node), limit=MAX_NUMBER_CHARS
                ) from None
        if isinstance(node, MappingNode):
            if tag != MAP:
                raise YamlProblem("tag", *_place(node), tag=tag)
            data: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise YamlProblem("complex_key", *_place(key_node))
                key = self.build(key_node, depth + 1)
                if key in data:
                    written = key_node.value  # as the file spells it: true, not True
                    raise YamlProblem("duplicate_key", *_place(key_node), name=written)
                data[key] = self.build(value_node, depth + 1)
            return data
        if isinstance(node, SequenceNode):
            if tag != SEQ:
                raise YamlProblem("tag", *_place(node), tag=tag)
            return [self.build(item, depth + 1) for item in node.value]
        raise YamlProblem("tag", *_place(node), tag=tag)  # pragma: no cover


def _mark(error: yaml.MarkedYAMLError) -> tuple[int | None, int | None]:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def decode(data: bytes) -> str:
    """UTF-8 text of a file's bytes, or a problem placed at the first bad byte."""
    if not data.strip():
        raise YamlProblem("empty")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        raise YamlProblem("binary", line, offset - data.rfind(b"\n", 0, offset))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        raise YamlProblem("not_utf8", line, column) from None


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refusing what is missing, not a file, or too large to be a scenario.

    A FIFO, a socket or a device is refused before it is opened: reading one would wait forever
    (or never end)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise YamlProblem("missing", unreadable=True) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = getattr(error, "strerror", None) or str(error)
        raise YamlProblem("os_error", unreadable=True, reason=reason) from None
    if stat.S_ISDIR(info.st_mode):
        raise YamlProblem("is_dir", unreadable=True)
    if not stat.S_ISREG(info.st_mode):
        raise YamlProblem("not_file", unreadable=True)
    size = info.st_size
    if size > limit:
        raise YamlProblem(
            "too_large", unreadable=True, size=_megabytes(size), limit=_megabytes(limit)
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise YamlProblem(
            "os_error", unreadable=True, reason=error.strerror or str(error)
        ) from None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def compose(text: str, max_nodes: int = MAX_NODES) -> Node | None:
    """The node tree of one YAML document, with marks: for placing errors and for comments.

    More than ``max_nodes`` values, or nesting deeper than :data:`MAX_DEPTH`, is a problem placed
    where the bound was crossed."""
    composer = _composer(text, max_nodes)
    try:
        node: Node | None = composer.get_single_node()
        return node
    except yaml.MarkedYAMLError as error:
        from simtrain.yaml_mistakes import diagnose  # only a broken file pays for the diagnosis

        problem = (error.problem or error.context or "").strip()
        raise diagnose(text, *_mark(error), problem) from None
    except yaml.YAMLError as error:
        raise YamlProblem("syntax", detail=str(error).strip()) from None
    finally:
        composer.dispose()


def loads(text: str, max_nodes: int = MAX_NODES) -> Any:
    """Plain Python data from YAML text under the strict rules above."""
    node = compose(text, max_nodes)
    if node is None:
        raise YamlProblem("empty")
    return _Builder().build(node)


def load_file(path: Path, limit: int = MAX_FILE_BYTES) -> Any:
    """Plain Python data from a YAML file, every failure a :class:`YamlProblem`."""
    return loads(decode(read_bytes(path, limit)))


# --- placing a path inside the node tree -------------------------------------------------------


@dataclass(frozen=True)
class Place:
    line: int
    column: int


def locate(root: Node | None, path: tuple[str | int, ...], *, on_key: bool = False) -> Place:
    """Where ``path`` (keys and indexes, as pydantic reports them) sits in the document.

    A path element that names no key (a union branch's tag, a missing field) is skipped, so a
    missing field is placed on the mapping that lacks it. With ``on_key``, a mapping entry is placed
    at its key rather than its value (an unknown key is the key's fault).
    """
    if root is None:
        return Place(1, 1)
    node: Node = root
    found_key: Node | None = None
    for element in path:
        found_key = None
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(element):
                    found_key, node = key_node, value_node
                    break
        elif (
            isinstance(node, SequenceNode)
            and isinstance(element, int)
            and 0 <= element < len(node.value)
        ):
            node = node.value[element]
    target = found_key if (on_key and found_key is not None) else node
    return Place(*_place(target))


def scalar_text(root: Node | None, path: tuple[str | int, ...]) -> str | None:
    """The scalar at ``path`` exactly as written (``1.30``, where the data holds 1.3), or None
    when the path leads to no scalar; elements naming no key are skipped, as in :func:`locate`."""
    node = root
    for element in path:
        if isinstance(node, MappingNode):
            node = next(
                (v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(element)),
                node,
            )
        elif isinstance(node, SequenceNode) and isinstance(element, int):
            node = node.value[element] if 0 <= element < len(node.value) else node
    return node.value if isinstance(node, ScalarNode) else None


def walk_scalars(root: Node | None) -> Iterator[tuple[tuple[str | int, ...], ScalarNode]]:
    """Every scalar with its path: how the catalog finds the line of each text."""
    if root is None:
        return
    stack: list[tuple[tuple[str | int, ...], Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, ScalarNode):
            yield path, node
        elif isinstance(node, MappingNode):
            for key_node, value_node in reversed(node.value):
                stack.append(((*path, str(key_node.value)), value_node))
        elif isinstance(node, SequenceNode):
            for index in range(len(node.value) - 1, -1, -1):
                stack.append(((*path, index), node.value[index]))


# --- writing -------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style, multi-line strings as literal blocks, so a translator reads text as written."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar(STR, text, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(data: Any) -> str:
    """Plain data as block YAML, keys in the order given, Unicode kept readable."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
