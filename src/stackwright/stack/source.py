"""Read YAML while remembering where every key and value stands in the file.

PyYAML's composer gives each node a start mark; we build the plain data and, beside it, a map
from key path to (line, column) so that any later error can point at the user's line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stackwright.stack.errors import Problem, StackError

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

KeyPath = tuple[str | int, ...]


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


def _mark(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: yaml.Node, path: KeyPath, source: SourceMap, loader: Any) -> Any:
    source.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                raise StackError([_problem(source, key_node, path, "a key must be a plain name")])
            key = str(key)
            if key in result:
                first = source.keys[(*path, key)]
                raise StackError(
                    [
                        _problem(
                            source,
                            key_node,
                            (*path, key),
                            f"duplicate key '{key}' (first set on line {first.line})",
                            hint="keep one of the two",
                        )
                    ]
                )
            source.keys[(*path, key)] = _mark(key_node)
            result[key] = _build(value_node, (*path, key), source, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), source, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _problem(
    source: SourceMap, node: yaml.Node, path: KeyPath, message: str, hint: str | None = None
) -> Problem:
    loc = _mark(node)
    return Problem(source.file, loc.line, loc.column, path, message, hint)


def parse_text(text: str, file: str) -> Document:
    source = SourceMap(file)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise StackError([Problem(file, 1, 1, (), "the file is empty", "start with `name:`")])
        data = _build(node, (), source, loader)
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
        raise StackError([Problem(file, 1, 1, (), f"not valid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    return Document(data, source)


def _yaml_hint(what: str, line_text: str) -> str | None:
    if "tab" in what or "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in what:
        return "a value with ': ' in it needs quotes, or a key is missing its indentation"
    if "could not find expected ':'" in what or "expected <block end>" in what:
        return "check the indentation of this line and the one above"
    return None


def read_file(path: Path) -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StackError([Problem(str(path), 0, 0, (), "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise StackError([Problem(str(path), 0, 0, (), f"not UTF-8 text: {exc.reason}")]) from None
    except OSError as exc:
        raise StackError([Problem(str(path), 0, 0, (), f"cannot read: {exc.strerror}")]) from None
    return parse_text(text, str(path))
