"""What the last build wrote to an output folder, so the next one can leave unchanged files alone."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FileRecord:
    """What a build wrote at one path: the content's digest and the file's size and mtime."""

    digest: str
    size: int
    mtime_ns: int
    source: str = ""  # fingerprint of what the file was made from, when known


@dataclass
class Manifest:
    files: dict[str, FileRecord] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({p: [r.digest, r.size, r.mtime_ns, r.source] for p, r in sorted(self.files.items())})

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        body = json.loads(text)
        if not isinstance(body, dict):
            raise ValueError("not a manifest")
        return cls({str(p): FileRecord(str(d), int(s), int(m), str(src)) for p, (d, s, m, src) in body.items()})
