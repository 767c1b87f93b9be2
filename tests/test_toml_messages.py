"""Every site.toml syntax error reaches the writer in Indonesian, with its line."""

from __future__ import annotations

import re

import pytest

from conftest import Site
from warta.config import load_config
from warta.diagnostics import Diagnostics
from warta.layout import SiteLayout

# Words of tomllib's messages; Indonesian never uses them.
ENGLISH = re.compile(r"\b(invalid|expected|unclosed|unterminated|illegal|cannot|duplicate|escaped|unescaped|found|"
                     r"declare|overwrite|statement|value|after|line|column|end of document)\b", re.IGNORECASE)


@pytest.mark.parametrize(("text", "line"), [
    ('title = Bawaslu Kota Contoh\n', 1),  # Invalid value
    ('title = "Bawaslu\n', 1),  # Illegal character '\n'
    ('title = "Bawaslu"\n[footer]\nalamat = "Jl. A\\Kota"\n', 3),  # Unescaped '\' in a string
    ('title = "Bawaslu \\uZZZZ"\n', 1),  # Invalid hex value
    ('title = "Bawaslu"\n[footer\nalamat = "A"\n', 2),  # Expected ']' at the end of a table declaration
    ('title = "Bawaslu" "Kota"\n', 1),  # Expected newline or end of document after a statement
    ('title = "A"\ntitle = "B"\n', 2),  # Cannot overwrite a value
    ('[footer]\n[footer]\n', 2),  # Cannot declare ('footer',) twice
    ('sosial = {a = "x", a = "y"}\n', 1),  # Duplicate inline table key
    ('= "Bawaslu"\n', 1),  # Invalid statement
    ('title = "A"\nper_page = [1, 2\n', 2),  # Unclosed array (at end of document)
    ('title = "A"\nbase_url = ', 2),  # Invalid value (at end of document)
    ('[[footer]\n', 1),  # Expected ']]' at the end of an array declaration
])
def test_toml_problem_is_indonesian_with_its_line(site: Site, text: str, line: int):
    site.write("site.toml", text)
    diagnostics = Diagnostics()
    load_config(SiteLayout.at(site.root), diagnostics)
    [problem] = diagnostics.errors
    assert problem.path.endswith("site.toml") and problem.line == line
    assert problem.message.startswith("TOML tidak valid: "), problem.message
    assert not ENGLISH.search(problem.message), problem.message
