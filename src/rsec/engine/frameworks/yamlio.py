"""Reading framework YAML: safe construction only, with the node tree kept for line numbers.

The loader is PyYAML's ``SafeLoader`` narrowed further, so that what an editor writes is what the
schema sees:

- only plain YAML types are constructed; any other tag (``!!python/object`` …) is an error;
- ``yes``/``no``/``on``/``off`` stay strings (YAML 1.2 core booleans are only true/false), so a
  checklist's answer "yes" does not silently turn into ``True``;
- dates stay strings (``2025-06-11``), as JSON Schema expects;
- duplicate mapping keys are an error (plain ``safe_load`` keeps the last one silently);
- aliases (``*name``) are refused: a reviewer should read each item as it is, and aliases are the
  vehicle of "billion laughs" blow-ups.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rsec.engine.frameworks.errors import FrameworkError, Issue

PathElem = str | int

_DROP = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}


# libyaml's parser when PyYAML was built with it (about 6x faster on these files); the constructor and
# resolver stay PyYAML's Python SafeConstructor/Resolver either way, so the narrowing below applies.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrameworkLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:  # type: ignore[override]
        seen: dict[Any, Node] = {}
        for key_node, _value in node.value:
            if isinstance(key_node, ScalarNode):
                key = self.construct_scalar(key_node)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"duplicate key {key!r} (first on line {seen[key].start_mark.line + 1})",
                        key_node.start_mark,
                    )
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


_FrameworkLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FrameworkLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def format_path(path: Sequence[PathElem]) -> str:
    """``["items", 3, "title", "en"]`` → ``items[3].title.en``."""
    out = ""
    for elem in path:
        if isinstance(elem, int):
            out += f"[{elem}]"
        else:
            out += f".{elem}" if out else str(elem)
    return out


def load_yaml(text: str, file: str | Path) -> tuple[Any, Node | None]:
    """Parse ``text`` into plain data and its node tree; errors name the file, path and line."""
    loader = _FrameworkLoader(text)
    node: Node | None = None
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_aliases(node, file)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        path = path_at_mark(node, mark) if (node is not None and mark is not None) else None
        problem = exc.problem or "invalid YAML"
        if "could not determine a constructor" in problem:
            problem = f"unsafe or unknown YAML tag: {problem.split('tag', 1)[-1].strip()}"
        context = f"{exc.context}: " if exc.context and "constructor" not in problem else ""
        raise FrameworkError(
            [Issue(str(file), format_path(path or []), f"{context}{problem}", line)]
        ) from None
    except yaml.YAMLError as exc:  # not marked: report without a line
        raise FrameworkError.single(file, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, node


def _refuse_aliases(root: Node, file: str | Path) -> None:
    """An alias makes one node appear twice in the tree; refuse it at the second place it is used."""
    seen: set[int] = set()
    stack: list[tuple[Node, list[PathElem]]] = [(root, [])]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            raise FrameworkError(
                [
                    Issue(
                        str(file),
                        format_path(path),
                        "anchors and aliases are not allowed in framework libraries "
                        f"(anchor on line {node.start_mark.line + 1})",
                    )
                ]
            )
        seen.add(id(node))
        children = [(child, [*path, key]) for key, child, _key_node in _children(node)]
        stack.extend(reversed(children))  # pre-order: the first use in the document is kept


def _children(node: Node) -> Iterator[tuple[PathElem, Node, Node | None]]:
    """(path element, value node, key node) for the direct children of ``node``."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else "?"
            yield key, value_node, key_node
    elif isinstance(node, SequenceNode):
        for index, value_node in enumerate(node.value):
            yield index, value_node, None


def node_at(root: Node | None, path: Sequence[PathElem]) -> Node | None:
    """The node at ``path``, or the deepest existing ancestor of it."""
    node = root
    for elem in path:
        if node is None:
            return None
        for key, child, _key_node in _children(node):
            if key == elem:
                node = child
                break
        else:
            return node
    return node


def line_at(root: Node | None, path: Sequence[PathElem]) -> int | None:
    """1-based line of the node at ``path`` (or of its deepest existing ancestor)."""
    node = node_at(root, path)
    return node.start_mark.line + 1 if node is not None else None


def path_at_mark(root: Node | None, mark: yaml.Mark) -> list[PathElem] | None:
    """The path of the innermost node (or key) that starts at ``mark``'s position, if any."""
    if root is None:
        return None

    def walk(node: Node, path: list[PathElem]) -> list[PathElem] | None:
        if node.start_mark.index == mark.index:
            best: list[PathElem] | None = path
        else:
            best = None
        for key, child, key_node in _children(node):
            if key_node is not None and key_node.start_mark.index == mark.index:
                return [*path, key]
            if child.start_mark.index <= mark.index <= child.end_mark.index:
                found = walk(child, [*path, key])
                if found is not None:
                    return found
        return best

    return walk(root, [])
