"""Positions in a composed YAML document: where a data path's key or value is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_TAG = "tag:yaml.org,2002:"
_MERGE, _NULL = _TAG + "merge", _TAG + "null"


@dataclass(slots=True)
class SourceMap:
    """Positions in one file: the composed node tree, asked lazily for a data path's line:col."""

    root: Node

    def node(self, path: Sequence[str | int], key: bool = False) -> Node:
        """The node at ``path`` (with ``key``, the key node of its last part), else its parent."""
        node = self.root
        for i, part in enumerate(path):
            found = _child(node, part)
            if found is None:
                return node
            key_node, value_node = found
            node = key_node if key and i == len(path) - 1 and key_node is not None else value_node
        return node

    def position(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        """1-based ``(line, col)`` of the value at ``path`` (of its key when ``key``).

        A value left empty (``owner:`` and nothing after it) is placed at its key, since the
        parser places it wherever the next token happens to start, even past the end.
        """
        node = self.node(path, key)
        if not key and isinstance(node, ScalarNode) and node.value == "" and node.tag == _NULL:
            node = self.node(path, key=True)
        mark = node.start_mark
        return mark.line + 1, mark.column + 1


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, SequenceNode) and isinstance(part, int):
        return (None, node.value[part]) if 0 <= part < len(node.value) else None
    if isinstance(node, MappingNode) and isinstance(part, str):
        merged: tuple[Node | None, Node] | None = None
        for k, v in reversed(node.value):
            if k.tag == _MERGE:
                sources = v.value if isinstance(v, SequenceNode) else [v]
                for source in sources:
                    merged = merged or _child(source, part)
            elif isinstance(k, ScalarNode) and k.value == part:
                return k, v
        return merged
    return None
