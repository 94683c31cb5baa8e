"""Which subschemas apply to a value, as the validator evaluates them.

Completeness and word count walk a chapter along its schema. A field can be
required by the node itself, by a ``$ref`` beside other keywords, by an
``allOf`` member, by the branch of an ``if`` the value takes, by a
``dependentRequired`` entry or by the alternative of a ``oneOf``/``anyOf`` the
value matches. So, at each place, the walk collects *every* subschema that
applies there (``expand``); conditions are decided by the validator itself
(``Schema.is_valid``), never by hand. Nothing is merged: each subschema's
``required``, ``properties`` and ``items`` are read as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .schema import JsonObject, Schema
from .schema_library import as_node


def expand(schema: Schema, nodes: list[Any], instance: Any) -> list[JsonObject]:
    """``nodes`` and every subschema they apply in place to ``instance``."""
    result: list[JsonObject] = []
    queue = [as_node(node) for node in nodes]
    while queue:
        node = queue.pop(0)
        if any(node is seen for seen in result):
            continue
        result.append(node)
        queue.extend(as_node(sub) for sub in _in_place(schema, node, instance))
    return result


_CONDITIONAL = ("oneOf", "anyOf", "if", "dependentSchemas")


def _in_place(schema: Schema, node: JsonObject, instance: Any) -> list[Any]:
    found, conditional = _static_in_place(schema, node)
    if not conditional:
        return found
    found = list(found)
    for key in ("oneOf", "anyOf"):
        found.extend(_chosen(schema, _list(node.get(key)), instance))
    if "if" in node:
        branch = "then" if schema.is_valid(node["if"], instance) else "else"
        if branch in node:
            found.append(node[branch])
    dependent = node.get("dependentSchemas")
    if isinstance(dependent, Mapping) and isinstance(instance, Mapping):
        found.extend(sub for name, sub in dependent.items() if name in instance)
    return found


def _static_in_place(schema: Schema, node: JsonObject) -> tuple[list[Any], bool]:
    """What ``node`` applies whatever the value (references, ``allOf``), and
    whether it has conditional applicators too; kept per node (the walk meets the
    same block schemas thousands of times)."""
    cached = schema.walk_cache.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1], cached[2]
    found: list[Any] = []
    for key in ("$ref", "$dynamicRef"):
        if isinstance(node.get(key), str):
            found.append(schema.follow(node, node[key]))
    found.extend(_list(node.get("allOf")))
    conditional = any(key in node for key in _CONDITIONAL)
    schema.walk_cache[id(node)] = (node, found, conditional)
    return found, conditional


def _chosen(schema: Schema, alternatives: list[Any], instance: Any) -> list[Any]:
    """The alternatives that apply: the one a discriminator names, else those the
    value is valid against (none when it matches none: the validation error then
    counts on its own)."""
    if not alternatives:
        return []
    discriminator = schema.discriminator(alternatives)
    if discriminator is not None:
        index = discriminator.index_for(instance)
        return [] if index is None else [alternatives[index]]
    return [alt for alt in alternatives if schema.is_valid(alt, instance)]


def required_names(nodes: list[JsonObject], instance: Mapping[str, Any]) -> list[str]:
    """The properties ``instance`` must hold: ``required`` of every applicable
    node, and ``dependentRequired`` for the properties it holds."""
    names: list[str] = []
    for node in nodes:
        wanted = list(_list(node.get("required")))
        dependent = node.get("dependentRequired")
        if isinstance(dependent, Mapping):
            for present, needed in dependent.items():
                if present in instance:
                    wanted.extend(_list(needed))
        names.extend(n for n in wanted if isinstance(n, str) and n not in names)
    return names


def property_nodes(nodes: list[JsonObject], name: str) -> list[Any]:
    """The subschemas that apply to property ``name`` (``properties``, else
    ``patternProperties`` matches, else ``additionalProperties``), node by node."""
    found: list[Any] = []
    for node in nodes:
        declared = node.get("properties")
        if isinstance(declared, Mapping) and name in declared:
            found.append(declared[name])
            continue
        matched = _pattern_matches(node.get("patternProperties"), name)
        found.extend(matched)
        if not matched and "additionalProperties" in node:
            found.append(node["additionalProperties"])
    return found


def item_nodes(nodes: list[JsonObject], index: int) -> list[Any]:
    """The subschemas that apply to item ``index`` (``prefixItems``, then ``items``)."""
    found: list[Any] = []
    for node in nodes:
        prefix = _list(node.get("prefixItems"))
        if index < len(prefix):
            found.append(prefix[index])
        elif "items" in node:
            found.append(node["items"])
    return found


def _pattern_matches(patterns: Any, name: str) -> list[Any]:
    if not isinstance(patterns, Mapping):
        return []
    found = []
    for pattern, sub in patterns.items():
        try:
            if re.search(pattern, name):
                found.append(sub)
        except re.error:
            continue  # the validator reports the pattern itself
    return found


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def forbidden_children(schema: Schema, data: Any, path: tuple[str | int, ...]) -> list[str | int]:
    """The members of the value at ``path`` that a ``false`` subschema forbids.

    jsonschema reports a ``false`` subschema's error without the last step of its
    path; this finds that step the way the validator chose the subschema.
    """
    nodes: list[Any] = [schema.contents]
    instance = data
    for part in path:
        applicable = expand(schema, nodes, instance)
        if isinstance(part, int) and isinstance(instance, list) and part < len(instance):
            nodes, instance = item_nodes(applicable, part), instance[part]
        elif isinstance(instance, Mapping) and part in instance:
            nodes, instance = property_nodes(applicable, str(part)), instance[part]
        else:
            return []
    applicable = expand(schema, nodes, instance)
    if isinstance(instance, Mapping):
        return [k for k in instance if any(s is False for s in property_nodes(applicable, k))]
    if isinstance(instance, list):
        return [
            i for i in range(len(instance)) if any(s is False for s in item_nodes(applicable, i))
        ]
    return []
