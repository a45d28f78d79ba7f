"""The theme's compiled templates, kept between builds in .cache/templates/.

Every MkDocs build compiles the theme's Jinja templates again: about 0.4 s,
a fifth of a small site's build and more than any page. Jinja can keep the
compiled code (its bytecode cache) and checks each template's source
against it before use, so an edited template is always compiled again.

Only the installed theme's templates are kept: their paths stay the same
from build to build. The project's own overrides (the theme's custom_dir)
are few, and each copy of the project (the tests make many) has its own
paths, which would only pile up entries. The folder's name covers the Jinja
version and the settings that shape the compiled code.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from site_core import build_cache

KIND = "templates"


class ThemeTemplates(FileSystemBytecodeCache):
    """Jinja's file cache, for the templates that are not in `overrides`."""

    def __init__(self, folder: Path, overrides: Path | None):
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))
        self.overrides = overrides.resolve() if overrides else None
        self._theme: set[str] = set()  # the buckets of the theme's own templates

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        # Before Jinja's own get_bucket, which loads the kept code at once.
        if filename and not (self.overrides and Path(filename).resolve().is_relative_to(self.overrides)):
            self._theme.add(self.get_cache_key(name, filename))
        return super().get_bucket(environment, name, filename, source)

    # A folder that cannot be read or written leaves the build as it was:
    # the template is compiled, as without a cache.
    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._theme:
            try:
                super().load_bytecode(bucket)
            except OSError:
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._theme:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass


def settings(env: jinja2.Environment) -> str:
    """What, besides a template's source, decides the code Jinja compiles it to."""
    autoescape, finalize = env.autoescape, env.finalize
    return repr(
        (
            jinja2.__version__,
            sorted(env.extensions),
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", repr(autoescape)),
            getattr(finalize, "__qualname__", finalize),
        )
    )


def attach(env: jinja2.Environment, overrides: str | Path | None, cache: Path | None = None) -> None:
    """Let env keep the theme's compiled templates, not those in overrides; a
    folder that cannot be made leaves the build as it was, only slower."""
    folder = (cache or build_cache.CACHE) / KIND / build_cache.digest(settings(env))
    try:
        env.bytecode_cache = ThemeTemplates(folder, Path(overrides) if overrides else None)
    except OSError:
        pass
