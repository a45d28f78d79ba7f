"""Page transforms as Python-Markdown extensions.

Listed under markdown_extensions in mkdocs.yml, so every engine that reads
it runs them (MkDocs, ProperDocs, Zensical), with or without our hooks:

- site_core.extensions.answers: worksheet answer space (`:: lines 3 | ...`)
- site_core.extensions.glossary: glossary tooltips on first use only
- site_core.extensions.worksheet_cards: the worksheets index cards
- site_core.extensions.help_lines: help-line short codes

Where a hook is there to say so, errors name the file and line (see
location.py); elsewhere they name the line in the page's body.
"""
