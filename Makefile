# The documented commands. The first one you run creates .venv and installs
# the pinned requirements into it; later runs reuse it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE   := site

# Material prints a long end-of-life notice on every build; the design notes
# cover the plan, so keep build output to what a contributor must act on.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench clean new

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

## serve: live preview at http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build: strict build into site/; a failed build leaves the old site/ alone
build: $(STAMP)
	rm -rf $(SITE).new
	$(BIN)/mkdocs build --strict --site-dir $(SITE).new || { rm -rf $(SITE).new; exit 1; }
	rm -rf $(SITE).old
	if [ -d $(SITE) ]; then mv $(SITE) $(SITE).old; fi
	mv $(SITE).new $(SITE)
	rm -rf $(SITE).old

## check: the fast content checks (front matter, readability, links)
check: $(STAMP)
	$(BIN)/python scripts/check.py

## new: start a page, e.g. make new TYPE=article TITLE="Page title" [SECTION=letters]
new: $(STAMP)
	@if [ -z "$$TYPE" ] || [ -z "$$TITLE" ]; then \
	  echo 'Usage: make new TYPE=article|question|worksheet TITLE="Page title" [SECTION=folder]'; exit 2; fi
	@$(BIN)/python scripts/new_page.py "$$TYPE" "$$TITLE" $${SECTION:+--section "$$SECTION"}

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: build and reader benchmark into bench/results.json; ARGS=--quick for a short run
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(ARGS)

clean:
	rm -rf $(SITE) $(SITE).new $(SITE).old .cache
