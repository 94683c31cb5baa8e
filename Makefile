# The two commands of the README: `make run` and `make test`. Both create the
# virtual environment and install the project with its test tools when needed.
VENV   ?= .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLE ?= .

.PHONY: run test lint format bench clean check-docx screenshots lock

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --requirement requirements.lock
	$(PY) -m pip install --quiet --no-deps --editable .
	$(PY) -m pip check
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/authoring-tui --workspace $(SAMPLE)

test: lint
	$(PY) -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

bench: $(STAMP)
	$(PY) bench/run.py

# Upgrade the pinned versions on purpose: a fresh environment resolves pyproject.toml
# again, and requirements.lock takes what it installed.
LOCK_VENV ?= build/lock-venv
lock:
	rm -rf $(LOCK_VENV) && python3 -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/pip install --quiet '.[dev]'
	{ head -n 2 requirements.lock; $(LOCK_VENV)/bin/pip freeze --exclude-editable | grep -v '^authoring-tui'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# The Word export read by LibreOffice: export the sample with --pdf (LibreOffice
# headless, table of contents and page fields updated), fail if no PDF comes out
# (LibreOffice is not needed by `make test`).
DOCX_DIR   ?= build/docx
DOCX_DATE  ?= 2021-04-12

check-docx: $(STAMP)
	command -v soffice >/dev/null || { echo "LibreOffice (soffice) est requis : apt-get install libreoffice-writer-nogui"; exit 1; }
	rm -rf $(DOCX_DIR) && mkdir -p $(DOCX_DIR)
	$(BIN)/authoring-tui export --workspace $(SAMPLE) --date $(DOCX_DATE) --output $(DOCX_DIR)/rapport.docx --pdf 2>&1 | tee $(DOCX_DIR)/export.log
	! grep -i "PDF non écrit" $(DOCX_DIR)/export.log
	test -s $(DOCX_DIR)/rapport.pdf
	pdfinfo $(DOCX_DIR)/rapport.pdf 2>/dev/null | grep -E "Pages|Page size" || true

# Pictures of the export for the README: the cover, the first page showing both a
# zoom box and key figures, the first page of the status appendix (found by text,
# so that they survive changes of pagination).
screenshots: check-docx
	command -v pdftoppm >/dev/null || { echo "pdftoppm est requis : apt-get install poppler-utils"; exit 1; }
	mkdir -p docs/images
	pdf=$(DOCX_DIR)/rapport.pdf; pages=$$(pdfinfo $$pdf | awk '/^Pages:/ {print $$2}'); \
	zoom=""; annexe=""; \
	for p in $$(seq 1 $$pages); do \
		text=$$(pdftotext -f $$p -l $$p $$pdf -); \
		if [ -z "$$zoom" ] && echo "$$text" | grep -qi "^zoom " && echo "$$text" | grep -qi "en chiffres"; then zoom=$$p; fi; \
		if [ -z "$$annexe" ] && echo "$$text" | grep -q "Échéance"; then annexe=$$p; fi; \
	done; \
	test -n "$$zoom" && test -n "$$annexe" || { echo "pages introuvables"; exit 1; }; \
	pdftoppm -r 60 -png -singlefile -f 1 -l 1 $$pdf docs/images/export-couverture && \
	pdftoppm -r 60 -png -singlefile -f $$zoom -l $$zoom $$pdf docs/images/export-chapitre && \
	pdftoppm -r 60 -png -singlefile -f $$annexe -l $$annexe $$pdf docs/images/export-annexe && \
	echo "pages : couverture 1, chapitre $$zoom, annexe $$annexe"
	ls -l docs/images/export-*.png
