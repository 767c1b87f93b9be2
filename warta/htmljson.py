"""JSON that can be put inside an HTML page: in a <script> element or an attribute.

A browser ends a <script> element at the first `</script`, and `<!--` followed
by `<script` inside it makes it ignore that end tag: one post title holding
`<!--<script>` turned the rest of its article into script text, a blank page.
JSON may spell any character as `\\uXXXX`, so `<`, `>` and `&` are written that
way and the page's markup can never be changed by what the JSON says. U+2028
and U+2029 are escaped too: they end a line in older JavaScript parsers. The
value is the same to every JSON reader; ordinary text keeps its bytes.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

_ESCAPES = str.maketrans({
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
})


def html_json(value: Any, **options: Any) -> str:
    """`json.dumps(value, **options)` with nothing in it that HTML could read as markup."""
    return json.dumps(value, **options).translate(_ESCAPES)


def tojson_filter(value: Any, indent: int | None = None) -> Markup:
    """`tojson` for sites' own templates, through `html_json`: the output of Jinja's own filter
    (sorted keys, non-ASCII and `'` escaped, so it also fits a single-quoted attribute)."""
    return Markup(html_json(value, sort_keys=True, indent=indent).replace("'", "\\u0027"))
