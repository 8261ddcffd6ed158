# Tanya ASN — the two commands: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
PY := .venv/bin/python
CORPUS ?= ../shared/corpus
STAMP := .venv/.installed

.PHONY: install run test test-fast index eval fit lowo bench lint clean-index help

help:
	@echo "make run    — pasang (bila perlu), bangun indeks (bila belum ada), jalankan bot"
	@echo "make test   — pasang (bila perlu) dan jalankan semua tes"
	@echo "make index  — bangun/perbarui indeks dari CORPUS_DIR (inkremental)"
	@echo "make eval   — evaluasi pencarian dan jawaban pada ../shared/eval (bagian yang disisihkan dipisah)"
	@echo "make fit    — latih ulang adaptor kueri pada pertanyaan latih (tidak pada bagian yang disisihkan)"
	@echo "make lowo   — recall per penulis yang disisihkan (adaptor dilatih tanpa penulis itu): angka jujur perubahan peringkat"
	@echo "make bench  — benchmark indeks, latensi dan beban Telegram"
	@echo "make lint   — ruff dan mypy"

$(STAMP): pyproject.toml requirements.lock scripts/install.sh tests/emulator/package-lock.json
	./scripts/install.sh

install: $(STAMP)

run: $(STAMP)
	@./scripts/run.sh

index: $(STAMP)
	$(PY) -m indexer build

# scripts/pytest.sh holds the one rule for pytest's exit 5 ("no tests collected"): it fails, loudly.
test: $(STAMP)
	@./scripts/pytest.sh -q -ra

# Unit tests only (< 60 s): no embedding model, no Chroma server, no Telegram emulator (see tests/conftest.py).
test-fast: $(STAMP)
	@./scripts/pytest.sh -q -ra -m "not e2e and not slow"

eval: $(STAMP)
	$(PY) -m bench.eval --corpus $(CORPUS)

fit: $(STAMP)
	$(PY) -m bench.fit --corpus $(CORPUS)

lowo: $(STAMP)
	$(PY) -m bench.lowo --corpus $(CORPUS)

bench: $(STAMP)
	$(PY) -m bench.indexing --corpus $(CORPUS)
	$(PY) -m bench.eval --corpus $(CORPUS)
	$(PY) -m bench.load --corpus $(CORPUS) --write docs/benchmarks.md
	$(PY) -m bench.load --corpus $(CORPUS) --no-flood-limit --write docs/benchmarks.md

lint: $(STAMP)
	.venv/bin/ruff check .
	.venv/bin/mypy

clean-index:
	rm -rf data/index
