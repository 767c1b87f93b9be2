"""Stable fingerprints of what a page is made from, to skip rendering pages that cannot have changed.

A route's fingerprint covers its whole template context plus the site-wide
globals (the code that renders it, see provenance.py; the config, the
navigation and the text of every template). Two builds that compute the same fingerprint for a path render
the same bytes, so the second can keep the file the first wrote. Posts carry
a fingerprint computed once (their fields plus the hash of their Markdown),
so pages that list many posts are cheap to fingerprint.
"""

from __future__ import annotations

import dataclasses
import hashlib
from functools import cache
from pathlib import Path
from typing import Any


def digest_text(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


_PLAIN = frozenset((str, int, float, bool, type(None)))


def describe(value: Any) -> str:
    """A deterministic text for `value`, using precomputed fingerprints where objects carry one."""
    kind: type = type(value)
    if kind in _PLAIN:  # the common case first: most of a page's context is plain text and numbers
        return repr(value)
    if kind is tuple or kind is list:
        return "[" + ",".join(map(describe, value)) + "]"
    own = getattr(value, "fingerprint", None)
    if isinstance(own, str) and own:
        return own
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return "[" + ",".join(describe(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{key!r}:{describe(value[key])}" for key in sorted(value)) + "}"
    names = _field_names(kind)
    if names is not None:
        return kind.__name__ + "(" + ",".join(describe(getattr(value, name)) for name in names) + ")"
    if isinstance(value, Path):
        return repr(str(value))
    return repr(value)


@cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None


def fingerprint(*parts: Any) -> str:
    return digest_text("\x1f".join(describe(part) for part in parts))
