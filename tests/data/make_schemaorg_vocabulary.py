"""Write tests/data/schemaorg-vocabulary.json, the part of schema.org the JSON-LD check needs.

Source: a release of the schema.org vocabulary as published in github.com/schemaorg/schemaorg,
`data/releases/<version>/schemaorg-current-https.jsonld` (core and pending, no attic). Run as

    python tests/data/make_schemaorg_vocabulary.py PATH/schemaorg-current-https.jsonld 30.0

Kept, by term name without the `schema:` prefix: every type with its direct supertypes, every property with
its domainIncludes and rangeIncludes, every enumeration member with its types, the data types (Text,
Date, Number...; their subtypes such as URL follow from the types), which terms are pending and which are
superseded. Comments, labels and examples are left out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).with_name("schemaorg-vocabulary.json")


def _ids(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    return sorted(_name(item["@id"]) for item in items if isinstance(item, dict) and "@id" in item)


def _name(identifier: str) -> str:
    return identifier.removeprefix("schema:")


def main(source: str, release: str) -> None:
    graph = json.loads(Path(source).read_text(encoding="utf-8"))["@graph"]
    types: dict[str, list[str]] = {}
    properties: dict[str, dict[str, list[str]]] = {}
    members: dict[str, list[str]] = {}
    datatypes: list[str] = []
    pending: list[str] = []
    superseded: dict[str, list[str]] = {}
    for node in graph:
        if not node["@id"].startswith("schema:"):
            continue
        name = _name(node["@id"])
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in kinds:
            types[name] = _ids(node.get("rdfs:subClassOf"))
            if "schema:DataType" in kinds:
                datatypes.append(name)
        elif "rdf:Property" in kinds:
            properties[name] = {"domains": _ids(node.get("schema:domainIncludes")),
                                "ranges": _ids(node.get("schema:rangeIncludes"))}
        else:  # an enumeration member, e.g. EventScheduled of EventStatusType
            members[name] = sorted(_name(kind) for kind in kinds)
        if any(part["@id"] == "https://pending.schema.org" for part in _parts(node)):
            pending.append(name)
        if "schema:supersededBy" in node:
            superseded[name] = _ids(node["schema:supersededBy"])
    vocabulary = {
        "source": f"schema.org release {release}, data/releases/{release}/schemaorg-current-https.jsonld "
                  "(github.com/schemaorg/schemaorg); written by tests/data/make_schemaorg_vocabulary.py",
        "types": dict(sorted(types.items())),
        "properties": dict(sorted(properties.items())),
        "members": dict(sorted(members.items())),
        "datatypes": sorted(datatypes),
        "pending": sorted(pending),
        "superseded": dict(sorted(superseded.items())),
    }
    # One term per line: a new release shows as a readable diff.
    lines = ["{"]
    for n, (key, value) in enumerate(vocabulary.items()):
        comma = "," if n < len(vocabulary) - 1 else ""
        if isinstance(value, dict):
            body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in value.items())
            lines.append(f"  {json.dumps(key)}: {{\n{body}\n  }}{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _parts(node: dict) -> list[dict]:
    part = node.get("schema:isPartOf")
    return part if isinstance(part, list) else [part] if isinstance(part, dict) else []


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
