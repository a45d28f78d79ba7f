# The documented commands. The first one you run creates .venv and installs
# the pinned requirements into it; later runs reuse it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE   := site
# The engine that reads mkdocs.yml: mkdocs (default) or properdocs.
ENGINE ?= mkdocs

# Material prints a long end-of-life notice on every build; the design notes
# cover the plan, so keep build output to what a contributor must act on.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build check test test-fast bench clean new sheet fonts zensical-trial

## help: list these commands
help:
	@grep -E '^## [a-z-]+:' $(MAKEFILE_LIST) | sed -e 's/^## //' -e 's/: /\t/' | expand -t 16

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	# scripts/ as the site_core package, editable, so every engine finds its extensions.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps -e .
	touch $(STAMP)

# The edition make serve previews: en (mkdocs.yml) or es (mkdocs.es.yml).
EDITION ?= en
CONFIG  := $(if $(filter es,$(EDITION)),mkdocs.es.yml,mkdocs.yml)

## serve: live preview at http://127.0.0.1:8000 (EDITION=es previews the Spanish edition)
serve: $(STAMP)
	$(BIN)/mkdocs serve -f $(CONFIG) --dev-addr 127.0.0.1:8000

## build: both editions into site/ (Spanish in site/es/), each strict, then its outputs; a failed build leaves the old site/ alone
build: $(STAMP)
	rm -rf $(SITE).new
	SITE_PUBLISH=0 $(BIN)/$(ENGINE) build -f mkdocs.yml --strict --site-dir $(SITE).new \
	  && $(BIN)/python -m site_core.publish $(SITE).new \
	  && { [ ! -f mkdocs.es.yml ] || { SITE_PUBLISH=0 $(BIN)/$(ENGINE) build -f mkdocs.es.yml --strict --site-dir $(SITE).new/es \
	  && $(BIN)/python -m site_core.publish $(SITE).new/es --config mkdocs.es.yml; }; } || { rm -rf $(SITE).new; exit 1; }
	rm -rf $(SITE).old
	if [ -d $(SITE) ]; then mv $(SITE) $(SITE).old; fi
	mv $(SITE).new $(SITE)
	rm -rf $(SITE).old

## check: the fast checks (front matter, reading grade, safe markup, code style, links)
check: $(STAMP)
	$(BIN)/python -m site_core.check

## sheet: one worksheet's PDFs and page counts without a full build, e.g. make sheet SHEET=docs/worksheets/daily-check-in.md
sheet: $(STAMP)
	@if [ -z "$$SHEET" ]; then echo 'Usage: make sheet SHEET=docs/worksheets/name.md'; exit 2; fi
	@$(BIN)/python -m site_core.sheet_preview $$SHEET

## new: start a page, e.g. make new TYPE=article TITLE="Page title" [SECTION=letters]
new: $(STAMP)
	@if [ -z "$$TYPE" ] || [ -z "$$TITLE" ]; then \
	  echo 'Usage: make new TYPE=article|question|worksheet TITLE="Page title" [SECTION=folder]'; exit 2; fi
	@$(BIN)/python -m site_core.new_page "$$TYPE" "$$TITLE" $${SECTION:+--section "$$SECTION"}

## test: the whole test suite, spread over every core (pytest-xdist; an idle worker takes tests from a busy one)
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist worksteal

## test-fast: the tests that need neither a build nor a browser, in well under a minute
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow"

## bench: build and reader benchmark into bench/results.json; ARGS=--quick for a short run
bench: $(STAMP)
	$(BIN)/python -m site_core.bench $(ARGS)

## fonts: cut the site's font down to the characters in scripts/font_subset.py (docs/assets/fonts/, fonts.css)
fonts: $(STAMP)
	$(BIN)/python -m site_core.font_subset

## zensical-trial: build with Zensical (pinned) into site-zensical/, then the site outputs; a trial, not a gate
zensical-trial: $(STAMP)
	$(BIN)/python -m site_core.zensical_trial

## clean: remove site/ and the build caches
clean:
	rm -rf $(SITE) $(SITE).new $(SITE).old $(SITE)-zensical .cache
