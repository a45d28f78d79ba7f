"""A sidebar a reader can hold in their head.

A section with more than a dozen pages (the questions, the worksheets)
shows only its index page in the sidebar; the index page lists the pages,
grouped by situation or audience. The pages stay in `nav` in mkdocs.yml,
so each still knows its section: the breadcrumbs and the previous and next
links at the foot of the page are as before. Only what every page carries
in its sidebar gets shorter.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section

# "More than about a dozen pages" (the design notes).
LARGEST_LISTED = 12


class ListedOnIndex(Section):
    """A section whose sidebar entry is its index page alone.

    It never counts as open: on a phone the menu opens at the section that
    holds the current page, and this one would open onto an empty panel.
    The menu opens a level up instead, where its link is.
    """

    @property
    def active(self) -> bool:
        return False

    @active.setter
    def active(self, value: bool) -> None:
        if self.parent is not None:
            self.parent.active = value


def shorten(nav: Navigation) -> Navigation:
    """Cut each large section down to its index page."""
    nav.items = [_shortened(item) for item in nav.items]
    return nav


def _shortened(item):
    if not isinstance(item, Section):
        return item
    if all(not isinstance(child, Section) for child in item.children) and len(item.children) - 1 > LARGEST_LISTED:
        index = next((child for child in item.children if child.is_index), None)
        if index is not None:
            short = ListedOnIndex(item.title, [index])
            short.parent = item.parent
            for child in item.children:
                child.parent = short
            return short
    item.children = [_shortened(child) for child in item.children]
    return item
