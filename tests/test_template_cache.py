"""The theme's compiled templates are kept between builds; the project's are not.

Each "build" here is a new Jinja environment, as MkDocs makes one per build,
over the theme's folder and the project's overrides (the theme's custom_dir),
with the theme inside the project's folder, as a virtual environment there is.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from site_core import template_cache


@pytest.fixture
def folders(tmp_path):
    project = tmp_path / "project"
    theme = project / ".venv" / "site-packages" / "theme"
    overrides = project / "overrides"
    theme.mkdir(parents=True)
    overrides.mkdir(parents=True)
    (theme / "base.html").write_text("<title>{{ title }}</title>{% block body %}{% endblock %}", encoding="utf-8")
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block body %}ours{% endblock %}', encoding="utf-8"
    )
    return theme, overrides, tmp_path / "cache"


def build(theme: Path, overrides: Path, cache: Path, **settings) -> tuple[str, list[str]]:
    """One build: the page rendered, and the templates Jinja had to compile."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(overrides), str(theme)]), **settings)
    template_cache.attach(env, overrides, cache)
    compiled: list[str] = []
    compile_source = env.compile

    def counting(source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_source(source, name, filename, raw, defer_init)

    env.compile = counting
    return env.get_template("main.html").render(title="Hello"), compiled


def test_the_theme_is_compiled_once_and_the_overrides_every_build(folders):
    first, compiled = build(*folders)
    assert first == "<title>Hello</title>ours"
    assert sorted(compiled) == ["base.html", "main.html"]
    again, compiled = build(*folders)
    assert again == first
    assert compiled == ["main.html"]


def test_an_edited_theme_template_is_compiled_again(folders):
    theme = folders[0]
    build(*folders)
    (theme / "base.html").write_text("<h1>{{ title }}</h1>{% block body %}{% endblock %}", encoding="utf-8")
    page, compiled = build(*folders)
    assert page == "<h1>Hello</h1>ours"
    assert sorted(compiled) == ["base.html", "main.html"]


def test_other_settings_keep_their_own_code(folders):
    build(*folders)
    page, compiled = build(*folders, trim_blocks=True)
    assert "base.html" in compiled
    assert page == "<title>Hello</title>ours"


def test_a_folder_that_cannot_be_made_leaves_the_build_as_it_was(folders):
    theme, overrides, cache = folders
    cache.write_text("a file where the folder would go", encoding="utf-8")
    page, compiled = build(theme, overrides, cache)
    assert page == "<title>Hello</title>ours"
    assert sorted(compiled) == ["base.html", "main.html"]


def test_a_folder_that_cannot_be_read_or_written_leaves_the_build_as_it_was(folders):
    theme, overrides, cache = folders
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(overrides), str(theme)]))
    template_cache.attach(env, overrides, cache)
    # The folder is there when the build starts and gone, a file in its
    # place, when Jinja comes to write the compiled code.
    kept = Path(env.bytecode_cache.directory)
    kept.rmdir()
    kept.write_text("not a folder", encoding="utf-8")
    assert env.get_template("main.html").render(title="Hello") == "<title>Hello</title>ours"
