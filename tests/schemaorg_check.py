"""JSON-LD checked against the schema.org vocabulary (tests/data/schemaorg-vocabulary.json, see its script).

`problems(data)` lists, as readable strings, what a structured-data validator would object to:
- a `@type` that schema.org does not define, or marks as superseded, or as pending unless the caller
  allows that pending term by name (search engines document some pending terms, such as Claim);
- a property that schema.org does not define, is superseded or pending (the same way), or whose
  domainIncludes holds none of the node's type and supertypes (schema.org's rule: a property applies
  to a type when its domain includes the type or one of its supertypes);
- a value outside the property's rangeIncludes: a nested node whose type (or a supertype) is not in
  the range; text where the range has no data type taking text; a number or true/false where the
  range has no Number or Boolean; `https://schema.org/X` where X is not an enumeration member of a
  type in the range, or names no term at all. Any other absolute http(s) address is accepted for a
  range of things (a reference to a node by its address, as search engines document for
  BreadcrumbList's `item`);
- a nested node without `@type`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

VOCABULARY = Path(__file__).parent / "data" / "schemaorg-vocabulary.json"
SCHEMA = "https://schema.org"
# Pending terms that Google's documentation for fact checks (ClaimReview) and events asks for.
SEARCH_ENGINE_PENDING = frozenset({"Claim", "appearance", "firstAppearance", "eventAttendanceMode"})


@cache
def vocabulary() -> dict[str, Any]:
    return json.loads(VOCABULARY.read_text(encoding="utf-8"))


@cache
def supertypes(name: str) -> frozenset[str]:
    """`name` and every type it is a subtype of."""
    found = {name}
    for parent in vocabulary()["types"].get(name, ()):
        found |= supertypes(parent)
    return frozenset(found)


def _is_a(name: str, wanted: set[str] | frozenset[str]) -> bool:
    return bool(supertypes(name) & set(wanted))


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type")
    names = value if isinstance(value, list) else [value] if value is not None else []
    return [str(n).removeprefix(SCHEMA + "/").removeprefix("schema:") for n in names]


def problems(data: Any, pending: frozenset[str] = frozenset(), where: str = "$") -> list[str]:
    """Every problem of a JSON-LD document (a node, a list of nodes or an @graph); `pending` names the
    pending schema.org terms that are accepted."""
    if isinstance(data, list):
        return [p for n, item in enumerate(data) for p in problems(item, pending, f"{where}[{n}]")]
    if not isinstance(data, dict):
        return [f"{where}: not a node: {data!r}"]
    if "@graph" in data:
        return problems(data["@graph"], pending, f"{where}.@graph")
    if where == "$" and data.get("@context") not in (SCHEMA, SCHEMA + "/"):
        return [f"{where}: @context is {data.get('@context')!r}, not {SCHEMA}"]
    return _node(data, pending, where)


def node_problems(node: dict[str, Any], pending: frozenset[str] = SEARCH_ENGINE_PENDING) -> list[str]:
    """Every problem of one node and what it holds, outside a document (no @context needed)."""
    return _node(node, pending, "$")


def _node(node: dict[str, Any], pending: frozenset[str], where: str) -> list[str]:
    vocab = vocabulary()
    found: list[str] = []
    types = _types(node)
    if not types:
        return [f"{where}: node without @type"]
    for name in types:
        if name not in vocab["types"]:
            found.append(f"{where}: type {name!r} is not defined by schema.org")
        elif name in vocab["superseded"] or name in vocab["pending"] and name not in pending:
            found.append(f"{where}: type {name!r} is pending or superseded")
    known = [t for t in types if t in vocab["types"]]
    for key, value in node.items():
        if key.startswith("@"):
            if key not in ("@context", "@type", "@id"):
                found.append(f"{where}: keyword {key!r} not expected")
            continue
        spot = f"{where}.{key}"
        prop = vocab["properties"].get(key)
        if prop is None:
            found.append(f"{spot}: property {key!r} is not defined by schema.org")
            continue
        if key in vocab["superseded"] or key in vocab["pending"] and key not in pending:
            found.append(f"{spot}: property {key!r} is pending or superseded")
        if known and not any(_is_a(t, prop["domains"]) for t in known):
            found.append(f"{spot}: property {key!r} does not apply to {'/'.join(known)} "
                         f"(its domain: {', '.join(prop['domains'])})")
        for n, item in enumerate(value if isinstance(value, list) else [value]):
            found += _value(item, set(prop["ranges"]), pending, spot if not isinstance(value, list) else f"{spot}[{n}]")
    return found


@cache
def _datatype_family(root: str) -> frozenset[str]:
    return frozenset(name for name in vocabulary()["types"] if root in supertypes(name))


def _value(value: Any, ranges: set[str], pending: frozenset[str], where: str) -> list[str]:
    vocab = vocabulary()
    datatypes = {name for name in vocab["types"] if supertypes(name) & set(vocab["datatypes"])}
    numeric, boolean = _datatype_family("Number"), _datatype_family("Boolean")
    if isinstance(value, dict):
        if "@type" not in value and set(value) == {"@id"}:
            return [] if ranges - datatypes or "URL" in ranges else [f"{where}: a reference where {sorted(ranges)} expected"]
        found = _node(value, pending, where)
        types = [t for t in _types(value) if t in vocab["types"]]
        if types and not any(_is_a(t, ranges) for t in types):
            found.append(f"{where}: a {'/'.join(types)} where {', '.join(sorted(ranges))} expected")
        return found
    if isinstance(value, bool):
        return [] if ranges & boolean else [f"{where}: true/false where {', '.join(sorted(ranges))} expected"]
    if isinstance(value, (int, float)):
        return [] if ranges & numeric else [f"{where}: a number where {', '.join(sorted(ranges))} expected"]
    if isinstance(value, str):
        if value.startswith(SCHEMA + "/") and value[len(SCHEMA) + 1:] in vocab["members"]:
            member_types = vocab["members"][value[len(SCHEMA) + 1:]]
            if any(_is_a(t, ranges) for t in member_types) or "URL" in ranges:
                return []
            return [f"{where}: {value} is a {'/'.join(member_types)}, not one of {', '.join(sorted(ranges))}"]
        if value.startswith(SCHEMA + "/") and value[len(SCHEMA) + 1:] not in vocab["types"]:
            return [f"{where}: {value} names nothing schema.org defines"]
        if ranges & (datatypes - numeric - boolean):
            return []
        if value.startswith(("https://", "http://")) and ranges - datatypes:
            return []  # a node named by its address
        return [f"{where}: text {value[:40]!r} where {', '.join(sorted(ranges))} expected"]
    return [f"{where}: unexpected value {value!r}"]
