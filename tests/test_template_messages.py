"""Template mistakes reach the writer as `templates/x.html:line: ...` in Indonesian, whatever Jinja or Python said."""

from __future__ import annotations

import re

import jinja2
import pytest

from conftest import Site
from warta.templatemessages import GENERAL_RUNTIME, GENERAL_SYNTAX, runtime_message, syntax_message

# Words of Jinja's and Python's messages; Indonesian never uses them.
ENGLISH = re.compile(r"\b(unexpected|expected|got|encountered|unknown|looking|innermost|block that|needs|undefined|"
                     r"has no|attribute|element|object|named|missing|end of|not|iterable|callable|defined|twice|"
                     r"division|zero|found|char|invalid|syntax)\b", re.IGNORECASE)


@pytest.mark.parametrize("source", [
    "{{ post.title }",  # unexpected '}'
    "{{ post.title",  # unexpected end of template, expected 'end of print statement'.
    "{% if x %}a",  # Unexpected end of template. Jinja was looking for the following tags: ...
    "{% for a in b %}{% endif %}",  # Encountered unknown tag 'endif'. ...
    "{% foo %}",  # Encountered unknown tag 'foo'.
    "{{ x | nosuch }}",  # No filter named 'nosuch'.
    "{{ x is nosuch }}",
    "{{ a b }}",  # expected token 'end of print statement', got 'b'
    "{{ 'abc }}",  # unexpected char "'" at 3
    "{{ x ! }}",
    "{# komentar",  # Missing end of comment tag
    "{% %}",  # tag name expected
    "{{ x. }}",  # expected name or number
    "{% block a-b %}{% endblock %}",
    "{% block a %}{% endblock %}{% block a %}{% endblock %}",  # block 'a' defined twice
    "{% raw %}abc",
    "{{ )",
    "{% set 1 = 2 %}",
    "{{ f(a=1, 2) }}",
    "{% for loop in x %}{% endfor %}",
    "{{ 'a' ~ }}",  # unexpected 'end of print statement'
])
def test_every_jinja_syntax_error_is_explained(source: str):
    with pytest.raises(jinja2.TemplateSyntaxError) as raised:
        jinja2.Environment().from_string(source)
    message = syntax_message(raised.value.message or "")
    assert message.startswith("templat tidak valid: ")
    assert not message.endswith(GENERAL_SYNTAX), (raised.value.message, message)
    assert not ENGLISH.search(message), message


@pytest.mark.parametrize(("source", "context"), [
    ("{{ x }}", {}),  # 'x' is undefined
    ("{{ post.judul }}", {"post": {}}),  # 'dict object' has no attribute 'judul'
    ("{{ items[5] }}", {"items": []}),  # list object has no element 5
    ("{% for a in n %}{% endfor %}", {"n": 5}),  # 'int' object is not iterable
    ("{{ n() }}", {"n": 5}),
    ("{{ s + 1 }}", {"s": "a"}),  # can only concatenate str (not "int") to str
    ("{{ 1 / n }}", {"n": 0}),
    ("{% include 'tidak-ada.html' %}", {}),
    ("{{ x.y.z }}", {"x": None}),
    ("{{ f(1, 2, 3) }}", {"f": lambda a: a}),
])
def test_every_rendering_error_is_explained(source: str, context: dict):
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, loader=jinja2.DictLoader({}))
    with pytest.raises(Exception) as raised:
        environment.from_string(source).render(context)
    message = runtime_message(raised.value)
    assert message.startswith("templat gagal membuat halaman: ")
    assert not message.endswith(GENERAL_RUNTIME), (str(raised.value), message)
    assert not ENGLISH.search(message), message


def test_a_template_error_names_the_site_template_and_line(site: Site, capsys):
    site.add_post("2024-08-13-rakor", title="Rakor")
    site.write("templates/post.html", '{% extends "base.html" %}\n{% block main %}\n{% for tag in post.tags %}\n'
                                      "<p>{{ tag.name }}</p>\n{% endblock %}\n")
    run = site.build(capsys)
    assert run.code == 1
    [line] = run.error_lines
    assert line == (f"{site.root}/templates/post.html:5: templat tidak valid: {{% endblock %}} salah urutan: "
                    "{% for %} harus ditutup lebih dulu dengan {% endfor %}")
