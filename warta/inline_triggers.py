"""Python-Markdown's inline pass, without trying patterns that cannot match.

Python-Markdown tries each of its ~16 inline patterns (links, emphasis,
entities, line breaks ...) on every run of text, one regular-expression
search and some bookkeeping each, even when the text has none of the
characters they start with. News prose rarely has any, so that is most of the
time spent converting a post. Every built-in pattern needs one particular
character to match (`[` for links, `*` or `_` for emphasis, `<` for tags ...),
and a pattern replacing a match with a placeholder only ever removes
characters, so a pattern whose characters are absent from the text at the
start can be skipped: the result is the same tree, produced sooner.

Only patterns whose expression is exactly the one analysed below are
skipped; any other (a newer Python-Markdown, another extension) is always
tried, so this can make a conversion slower never wrong. The equivalence
with the stock processor is tested on random Markdown.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

# Pattern expression -> the characters of which at least one must be in the text for it to match.
_TRIGGERS: dict[str, str] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": "`",  # backtick
    r"\\(.)": "\\",  # escape
    r"\[\^([^\]]*)\]": "[",  # footnote reference
    r"(?<!\!)\[": "[",  # reference, link, short reference
    r"\!\[": "[",  # image link, image reference, short image reference
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": "<",  # autolink
    r"<([^<> !]+@[^@<> ]+)>": "<",  # automail
    r"  \n": "\n",  # line break
    (  # raw HTML (a tag, comment, processing instruction or CDATA): every alternative starts with '<'
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?|"""
        r"!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"
    ): "<",
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": "&",  # entity
    r"\*|_": "*_",  # emphasis and strong (Python-Markdown >= 3.11)
    r"\*": "*",
    r"_": "_",
    r"((^|(?<=\s))(\*{1,3}|_{1,3})(?=\s|$))": "*_",  # a lone '*' or '_' (before 3.11)
    r"\n": "\n",  # nl2br
}

_STOCK_METHODS = ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern")


def supported() -> bool:
    """Whether this Python-Markdown's inline processor has the internals the fast path replaces."""
    return all(hasattr(InlineProcessor, name) for name in _STOCK_METHODS)


def _triggers(pattern: object) -> str | None:
    """The characters one of which `pattern` needs in the text to match; None for a pattern not analysed here."""
    expression = getattr(pattern, "pattern", None)
    return _TRIGGERS.get(expression) if isinstance(expression, str) else None


class TriggeredInlineProcessor(InlineProcessor):
    """The stock inline treeprocessor, skipping patterns whose characters the text lacks."""

    _known: tuple[tuple[int, ...], list[str | None]] = ((), [])

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        # Extensions may change the registry between runs: look at the patterns again when they differ.
        self._patterns = list(self.inlinePatterns)
        identities = tuple(map(id, self._patterns))
        if identities != self._known[0]:
            self._known = (identities, [_triggers(pattern) for pattern in self._patterns])
        return super().run(tree, ancestors)

    # Overrides the stock (name-mangled) method.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        patterns, triggers = self._patterns, self._known[1]
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]  # private (name-mangled): not in the stubs
        start, count = 0, len(patterns)
        while patternIndex < count:
            needed = triggers[patternIndex]
            if needed is not None and (needed not in data if len(needed) == 1 else not any(c in data for c in needed)):
                patternIndex, start = patternIndex + 1, 0  # what the stock loop does when a pattern finds nothing
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class TriggeredInlineExtension(Extension):
    """Swap Python-Markdown's inline treeprocessor for `TriggeredInlineProcessor` when it is the stock one."""

    def extendMarkdown(self, md: Markdown) -> None:
        if not supported() or "inline" not in md.treeprocessors or type(md.treeprocessors["inline"]) is not InlineProcessor:
            return
        # The registry has no public getter for a priority; `_priority` is its list of (name, priority).
        registered = md.treeprocessors._priority  # type: ignore[attr-defined]  # private: not in the stubs
        priority = next(item.priority for item in registered if item.name == "inline")
        md.treeprocessors.register(TriggeredInlineProcessor(md), "inline", priority)
