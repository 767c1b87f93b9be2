"""The inline fast path must give exactly what stock Python-Markdown gives, for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warta import inline_triggers
from warta.inline_triggers import TriggeredInlineProcessor
from warta.markdown_html import MarkdownConverter

# Pieces that exercise every inline pattern, and their neighbours, in any order.
_PIECES = [
    "Rakor ", "pengawasan ", "Bawaslu", " ", "  ", "\n", "\n\n", "*", "**", "_", "__", "`", "``", "\\", "[", "]",
    "(", ")", "!", "![foto](/gambar/a.jpg)", "[KPU](https://kpu.go.id)", "[^1]", "\n\n[^1]: Catatan.\n",
    "[ref]", "\n\n[ref]: /berita/\n", "<https://bawaslu.go.id>", "<humas@bawaslu.go.id>", "<b>", "</b>", "<!-- x -->",
    "&amp;", "&#38;", "&", "<", ">", "#Pilkada2024", "- ", "1. ", "| a | b |\n|---|---|\n| 1 | 2 |\n", "```\nkode\n```\n",
    "> ", "    ", "&copy;", "é", "\u200b",
]


def _stock_converter(base_path: str) -> MarkdownConverter:
    saved = inline_triggers.supported
    inline_triggers.supported = lambda: False
    try:
        return MarkdownConverter(base_path)
    finally:
        inline_triggers.supported = saved


# Reused for every example, as the build reuses one converter for many posts.
FAST, STOCK = MarkdownConverter("/bawaslu/"), _stock_converter("/bawaslu/")


def test_the_stock_converter_really_is_stock():
    assert type(STOCK._md.treeprocessors["inline"]) is not TriggeredInlineProcessor


def test_the_fast_path_is_installed_on_this_python_markdown():
    converter = MarkdownConverter("/")
    assert type(converter._md.treeprocessors["inline"]) is TriggeredInlineProcessor


def test_every_builtin_inline_pattern_has_known_trigger_characters():
    """A new Python-Markdown with changed patterns would silently lose the speed-up: say so here."""
    converter = MarkdownConverter("/")
    untriggered = [item.name for item in converter._md.inlinePatterns._priority
                   if inline_triggers._triggers(converter._md.inlinePatterns[item.name]) is None]
    assert untriggered == []


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_fast_path_output_is_identical_to_stock(pieces: list[str]):
    text = "".join(pieces)
    assert FAST.convert(text) == STOCK.convert(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab *_`\\[]()!<>&#;:@/.\n-|^"), max_size=120))
def test_fast_path_output_is_identical_to_stock_on_raw_characters(text: str):
    assert FAST.convert(text) == STOCK.convert(text)
