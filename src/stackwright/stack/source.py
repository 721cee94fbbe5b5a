"""Read YAML while remembering where every key and value stands in the file.

A stack file is untrusted text (it arrives in pull requests), so reading it is bounded before
anything is built: the file's size, its nesting depth and the number of values its aliases
expand to are checked on the event stream, which libyaml produces without recursion. Only then
are the nodes composed and the plain data built, beside a map from key path to (line, column)
so that any later error can point at the user's line.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from stackwright.stack.errors import Problem, StackError

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

MAX_BYTES = 1_000_000  # a large stack file is a few tens of kilobytes
MAX_DEPTH = 32  # the model nests six deep; overrides add three
MAX_VALUES = 100_000  # after aliases are expanded
MAX_NUMBER_CHARACTERS = 32
MAX_NUMBER = 10**15

KeyPath = tuple[str | int, ...]

_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_KEY_TAGS = {f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null")}
# What YAML 1.1 allows in a stream (its "printable" set); anything else is refused by position.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


@dataclass(frozen=True, slots=True)
class Location:
    line: int
    column: int


@dataclass(slots=True)
class SourceMap:
    """Where each path's key and value start (1-based)."""

    file: str
    keys: dict[KeyPath, Location] = field(default_factory=dict)
    values: dict[KeyPath, Location] = field(default_factory=dict)

    def locate(self, path: KeyPath, *, at_key: bool = False) -> Location:
        """The nearest known location for a path, walking up until one is known."""
        table = self.keys if at_key else self.values
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Location(1, 1))


@dataclass(slots=True)
class Document:
    data: Any
    source: SourceMap


def _at(file: str, mark: Any, message: str, hint: str | None = None) -> StackError:
    """One problem at a YAML mark, or at 1:1 for the file as a whole (mark None)."""
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return StackError([Problem(file, line, column, (), message, hint)])


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


@dataclass(slots=True)
class _Frame:
    """An open mapping or list while events are read: its anchor, how many values it holds
    (aliases expanded) and how deep it goes."""

    anchor: str | None
    values: int = 1
    height: int = 1


def _events(text: str, file: str) -> list[yaml.Event]:
    """The document's events, refused past the depth and expansion bounds (aliases counted as
    what they expand to) and with any explicit tag."""
    events: list[yaml.Event] = []
    frames: list[_Frame] = []
    finished: dict[str, tuple[int, int]] = {}  # anchor → (values, height) it stands for
    parser = _Parser(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            events.append(event)
            if getattr(event, "tag", None) not in (None, "!"):
                written = str(event.tag).replace("tag:yaml.org,2002:", "!!")
                raise _at(
                    file,
                    event.start_mark,
                    f"the tag {written} is not allowed: a stack file holds plain values",
                    "remove the tag",
                )
            child: tuple[int, int] | None = None  # (values, height) added to the open frame
            if isinstance(event, yaml.CollectionStartEvent):
                frames.append(_Frame(event.anchor))
            elif isinstance(event, yaml.CollectionEndEvent):
                frame = frames.pop()
                child = (frame.values, frame.height)
                if frame.anchor is not None:
                    finished[frame.anchor] = child
            elif isinstance(event, yaml.ScalarEvent):
                child = (1, 0)
                if event.anchor is not None:
                    finished[event.anchor] = child
            elif isinstance(event, yaml.AliasEvent):
                if any(frame.anchor == event.anchor for frame in frames):
                    raise _at(
                        file,
                        event.start_mark,
                        f"the alias *{event.anchor} refers to a value that contains it",
                        "an alias may only repeat a finished value",
                    )
                child = finished.get(event.anchor or "")  # undefined: the composer says so
            if isinstance(event, yaml.CollectionStartEvent) or child is not None:
                _check_bounds(file, event, frames, child)
            if child is not None and frames:
                frames[-1].values += child[0]
                frames[-1].height = max(frames[-1].height, child[1] + 1)
    finally:
        parser.dispose()
    return events


def _check_bounds(
    file: str, event: yaml.Event, frames: list[_Frame], child: tuple[int, int] | None
) -> None:
    values, height = child or (0, 0)
    if len(frames) + height > MAX_DEPTH:
        raise _at(
            file,
            event.start_mark,
            f"nested more than {MAX_DEPTH} levels deep (aliases counted as what they repeat)",
            "a stack file needs far fewer levels; look for stray brackets",
        )
    if frames and frames[-1].values + values > MAX_VALUES:
        raise _at(
            file,
            event.start_mark,
            f"aliases expand this file to more than {MAX_VALUES:,} values",
            "a stack file needs far fewer; repeat less through anchors",
        )


class _Replay(Composer, SafeConstructor, Resolver):
    """PyYAML's composer and constructor, fed from events already read and checked."""

    def __init__(self, events: list[yaml.Event]) -> None:
        self._pending = deque(events)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def check_event(self, *choices: type[yaml.Event]) -> bool:
        if not self._pending:
            return False
        return not choices or isinstance(self._pending[0], choices)

    def peek_event(self) -> yaml.Event:
        return self._pending[0]

    def get_event(self) -> yaml.Event:
        return self._pending.popleft()


def _mark(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, source: SourceMap, loader: _Replay) -> None:
        self.source = source
        self.loader = loader

    def problem(
        self, node: yaml.Node, path: KeyPath, message: str, hint: str | None = None
    ) -> StackError:
        loc = _mark(node)
        return StackError([Problem(self.source.file, loc.line, loc.column, path, message, hint)])

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.source.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _KEY_TAGS:
                raise self.problem(key_node, path, "a key must be a plain name")
            key = key_node.value  # as written: `yes:` and `80:` are names here, not true and 80
            here = (*path, key)
            if key in result:
                first = self.source.keys[here]
                raise self.problem(
                    key_node,
                    here,
                    f"duplicate key '{key}' (first set on line {first.line})",
                    hint="keep one of the two",
                )
            self.source.keys[here] = _mark(key_node)
            result[key] = self.build(value_node, here)
        return result

    def _scalar(self, node: yaml.Node, path: KeyPath) -> Any:
        if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARACTERS:
            raise self.problem(node, path, "this number is far too long to mean anything here")
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, float) and not math.isfinite(value):
            raise self.problem(node, path, f"{node.value} is not a finite number")
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if is_number and abs(value) > MAX_NUMBER:
            raise self.problem(node, path, f"{node.value} is too large (at most 10^15 here)")
        return value


def parse_text(text: str, file: str) -> Document:
    if len(text) > MAX_BYTES:
        raise StackError(
            [
                Problem(
                    file, 1, 1, (), f"larger than {MAX_BYTES:,} characters; is this a stack file?"
                )
            ]
        )
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line, column = _position(text, bad.start())
        raise StackError(
            [
                Problem(
                    file,
                    line,
                    column,
                    (),
                    f"the character U+{ord(bad.group()):04X} is not allowed in YAML",
                    "write it as an escape inside double quotes, or remove it",
                )
            ]
        )
    source = SourceMap(file)
    try:
        loader = _Replay(_events(text, file))
        node = loader.get_single_node()
        if node is None:
            raise _at(file, None, "the file is empty", "start with `name:`")
        data = _Builder(source, loader).build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "malformed YAML"
        lines = text.splitlines()
        line_text = lines[line - 1] if 0 < line <= len(lines) else ""
        raise StackError(
            [
                Problem(
                    file, line, column, (), f"not valid YAML: {what}", _yaml_hint(what, line_text)
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise _at(file, None, f"not valid YAML: {exc}") from None
    return Document(data, source)


def _yaml_hint(what: str, line_text: str) -> str | None:
    if "tab" in what or "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in what:
        return "a value with ': ' in it needs quotes, or a key is missing its indentation"
    if "could not find expected ':'" in what or "expected <block end>" in what:
        return "check the indentation of this line and the one above"
    return None


_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, at most MAX_BYTES of them; never blocks on a pipe or device."""
    try:
        # O_NONBLOCK: opening a FIFO nobody writes to returns at once instead of waiting.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise _at(str(path), None, "no such file") from None
    except OSError as exc:
        raise _at(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
        raise _at(str(path), None, f"cannot read: this is {kind}, not a stack file")
    with os.fdopen(descriptor, "rb") as stream:
        try:
            data = stream.read(MAX_BYTES + 1)
        except OSError as exc:
            raise _at(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _at(str(path), None, f"larger than {MAX_BYTES:,} bytes; is this a stack file?")
    return data


def read_file(path: Path) -> Document:
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8-sig", "replace")
        line, column = _position(good, len(good))
        raise StackError(
            [
                Problem(
                    str(path),
                    line,
                    column,
                    (),
                    f"not UTF-8 text: {exc.reason} (byte 0x{data[exc.start]:02x})",
                    "save the file as UTF-8",
                )
            ]
        ) from None
    return parse_text(text, str(path))
