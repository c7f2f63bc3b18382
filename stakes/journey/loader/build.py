"""Plain data from composed nodes, with duplicate keys, tags, aliases and depth checked."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from stakes.findings import Finding, Rule, finding, format_path
from stakes.journey import format_rules as R
from stakes.journey.loader.limits import MAX_ALIAS_NODES, MAX_DEPTH, MAX_INT

Path = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = _TAG + "str", _TAG + "map", _TAG + "seq", _TAG + "merge"
_SCALARS = yaml.constructor.SafeConstructor()
_CONSTRUCT = {
    _TAG + "null": lambda node: None,
    _TAG + "bool": _SCALARS.construct_yaml_bool,
    _TAG + "int": _SCALARS.construct_yaml_int,
    _TAG + "float": _SCALARS.construct_yaml_float,
    _TAG + "timestamp": _SCALARS.construct_yaml_timestamp,
}


class Stop(Exception):
    """Construction cannot go on (a limit was hit); the finding is already recorded."""


class _AliasLimit(Exception):
    """Aliases expanded past the limit; reported at the collection that holds the alias."""


class Builder:
    """Builds plain data from nodes: dicts, tuples, str, int, float, bool, date, None."""

    __slots__ = ("active", "aliased", "file", "findings", "memo", "paths", "sizes", "total")

    def __init__(self, file: str, findings: list[Finding], paths: dict[int, Path]) -> None:
        self.file = file
        self.findings = findings
        self.paths = paths
        self.memo: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.active: set[int] = set()
        self.total = 0  # nodes built, an alias counting as the nodes it stands for
        self.aliased = 0  # nodes that aliases added

    def report(self, rule: Rule, node: Node, path: Path, message: str, hint: str = "") -> None:
        mark = node.start_mark
        where = format_path(path)
        self.paths[len(self.findings)] = path
        self.findings.append(
            finding(
                rule,
                f"{where}: {message}" if where else message,
                self.file,
                mark.line + 1,
                mark.column + 1,
                path=where,
                hint=hint,
            )
        )

    def build(self, node: Node, path: Path, depth: int) -> Any:
        if isinstance(node, ScalarNode):
            self.total += 1
            return self.scalar(node, path)
        key = id(node)
        if key in self.memo:  # an alias: the same node again
            self.total += self.sizes[key]
            self.aliased += self.sizes[key]
            if self.aliased > MAX_ALIAS_NODES:
                raise _AliasLimit
            return self.memo[key]
        if key in self.active:
            self.report(
                R.UNSUPPORTED_YAML, node, path, "an alias refers to a node that contains it"
            )
            raise Stop
        if depth >= MAX_DEPTH:
            self.report(R.LIMIT_EXCEEDED, node, path, f"nesting is deeper than {MAX_DEPTH} levels")
            raise Stop
        self.active.add(key)
        before = self.total
        self.total += 1
        try:
            if isinstance(node, MappingNode):
                value: Any = self.mapping(node, path, depth)
            else:
                value = tuple(
                    self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)
                )
                if node.tag != _SEQ:
                    self.report(R.UNSUPPORTED_YAML, node, path, f"tag {node.tag!r} is not allowed")
        except _AliasLimit:
            self.report(
                R.LIMIT_EXCEEDED,
                node,
                path,
                f"aliases expand to more than {MAX_ALIAS_NODES:,} extra nodes",
                hint="a 'billion laughs' document; write the values out instead",
            )
            raise Stop from None
        self.active.discard(key)
        self.memo[key] = value
        self.sizes[key] = self.total - before
        return value

    def mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            self.report(R.UNSUPPORTED_YAML, node, path, f"tag {node.tag!r} is not allowed")
        out: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        first: dict[str, Node] = {}  # each key's first node, for the duplicate's hint
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged = self.merge(value_node, path, depth) | merged
                continue
            if not isinstance(key_node, ScalarNode):
                self.report(R.UNSUPPORTED_YAML, key_node, path, "a key must be plain text")
                continue
            name = key_node.value
            if name in out:
                self.report(
                    R.DUPLICATE_KEY,
                    key_node,
                    (*path, name),
                    f"duplicate key {name!r}",
                    hint=f"the first one is at line {first[name].start_mark.line + 1}",
                )
            else:
                first[name] = key_node
            out[name] = self.build(value_node, (*path, name), depth + 1)
        return merged | out if merged else out

    def merge(self, node: Node, path: Path, depth: int) -> dict[str, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for source in sources:
            value = self.build(source, path, depth + 1)
            if not isinstance(value, dict):
                self.report(R.UNSUPPORTED_YAML, source, path, "'<<' merges only mappings")
                continue
            merged = value | merged
        return merged

    def scalar(self, node: ScalarNode, path: Path) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        construct = _CONSTRUCT.get(tag)
        if construct is None:
            self.report(R.UNSUPPORTED_YAML, node, path, f"tag {tag!r} is not allowed")
            return node.value
        try:
            value = construct(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            return node.value  # e.g. an impossible date: validation names the value
        except (KeyError, AttributeError, TypeError, IndexError):
            # Only an explicit tag gets here (``!!bool maybe``): YAML's constructors assume
            # the value matched the tag's pattern.
            self.report(
                R.UNSUPPORTED_YAML,
                node,
                path,
                f"{_short(node.value)!r} is not a valid {tag.replace(_TAG, '!!')}",
                hint="remove the tag: values are read by their own form",
            )
            return node.value
        if type(value) is int and not -MAX_INT - 1 <= value <= MAX_INT:
            self.report(
                R.LIMIT_EXCEEDED,
                node,
                path,
                f"the integer {_short(node.value)} is outside the 64-bit range",
            )
            return 0
        return value


def _short(text: str, limit: int = 40) -> str:
    """A value quoted in a message, cut to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
