"""Every page reads at US grade 8 or below (Flesch-Kincaid, prose only)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from site_core.readability import MAX_GRADE, grade, prose

PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_page_reads_at_grade_8_or_below(page):
    score = grade(page.read_text(encoding="utf-8"))
    assert score <= MAX_GRADE, f"{page.relative_to(ROOT)}: reading grade {score:.1f} is above {MAX_GRADE}"


def test_prose_skips_front_matter_code_tables_and_answer_fields():
    text = prose("""---
title: Extraordinarily complicated institutional considerations
---
## A heading without a full stop

Short words help.

```
Incomprehensibility characterizes institutionalization.
```

| Notwithstanding | Counterintuitively |
|---|---|
| Unquestionably | Interdepartmental |

:: lines 3 | Deliberately multisyllabic considerations
""")
    assert text == "Short words help."


def test_dense_prose_fails():
    dense = (
        "Institutional accountability necessitates comprehensive understanding of "
        "interpersonal consequences, particularly regarding psychological vulnerability. "
    ) * 5
    assert grade(dense) > MAX_GRADE
