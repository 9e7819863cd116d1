# Two commands for a new machine: `make run` and `make test` (see README.md).
PY        ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
HOME_DIR  ?= $(or $(LONTAR_HOME),var)
PORT      ?= 8501
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_RUN   := tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng poppler-utils ghostscript qpdf unpaper pngquant fonts-liberation fonts-texgyre libnss3-tools
APT_TEST  := chromium fonts-dejavu-core nginx-light logrotate caddy systemd postgresql postgresql-contrib
BENCH_N   ?= 10000

.PHONY: run test lint bench bench-100k bench-quality docs clean apt-run apt-test

run: $(VENV)/.stamp-install apt-run
	$(BIN)/lontar --home $(HOME_DIR) serve --port $(PORT) --demo-on-first-start

# The search, security and consistency suites again, on the PostgreSQL search backend (a server
# the run starts itself; docs/scaling.md). The differential test of the two is in the first pass.
PG_TESTS  := tests/test_search.py tests/test_security.py tests/test_consistency.py tests/test_confinement.py tests/test_catalogue_security.py tests/test_sealing.py

test: $(VENV)/.stamp-test apt-run apt-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q
	$(BIN)/python -m pytest -q --search-backend postgresql $(PG_TESTS)

lint: $(VENV)/.stamp-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.stamp-install apt-run
	$(BIN)/python -m bench.search --n $(BENCH_N)
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.reindex --n $(BENCH_N)

bench-100k:
	$(MAKE) bench BENCH_N=100000

# One server at a million generated records (docs/performance.md "A million records"): reindex
# and `lontar check` first (they leave the index the others read), then search for three callers,
# ingest into the million (new files each run: the last run's stay in it), and the pages' server
# time. Each against its raw baseline, same run.
.PHONY: bench-1m
bench-1m: $(VENV)/.stamp-install apt-run
	$(BIN)/python -m bench.reindex --n 1000000
	$(BIN)/python -m bench.search --n 1000000
	$(BIN)/python -m bench.ingest --files 200 --into 1000000 --seed $$(date +%s)
	$(BIN)/python -m bench.ui --n 1000000
	$(BIN)/python -m bench.curve

# The curve 10k -> 100k -> 1M (docs/performance.md): the same benchmarks at the two smaller
# sizes, then the table of all three from bench/out (run `make bench-1m` for the million).
.PHONY: bench-curve
bench-curve: $(VENV)/.stamp-install apt-run
	for n in 10000 100000; do \
	  $(BIN)/python -m bench.reindex --n $$n && $(BIN)/python -m bench.search --n $$n && \
	  $(BIN)/python -m bench.ui --n $$n || exit 1; done
	$(BIN)/python -m bench.curve

# Kotak Masuk's queues over 100k generated letters vs reading the same ids raw, same run.
.PHONY: bench-inbox
bench-inbox: $(VENV)/.stamp-install apt-run
	$(BIN)/python -m bench.inbox --n 100000

# Signing 100 letters through the service (render + sign + file) vs raw pyHanko, same run.
.PHONY: bench-letters
bench-letters: $(VENV)/.stamp-install apt-run
	$(BIN)/python -m bench.letters --letters 100

# OAI-PMH: ListRecords (oai_dc) of 100k published records through every token vs building and
# serialising the same Dublin Core records raw, same run (bench/oai.py, docs/oai-pmh.md).
.PHONY: bench-oai
bench-oai: $(VENV)/.stamp-install
	$(BIN)/python -m bench.oai --records 100000

# Backup, restore, incremental backup and the drill of the 100k-record bench repository, against
# a plain copy of the same files in the same run (bench/backup.py, docs/backup.md).
.PHONY: bench-backup
bench-backup: $(VENV)/.stamp-install
	$(BIN)/python -m bench.backup --records 100000

# The load test (docs/performance.md "Under load"): 20 simulated users in one Chromium for 5
# minutes each (Cari, a result opened, every fifth round a PDF uploaded on Unggah; 1-3 s of
# thinking) against one node, two app nodes behind Caddy (sticky cookie), and two app nodes on
# PostgreSQL (RelStorage + the postgresql search backend); each after the same users on an empty
# Streamlit app in the same run (bench/load.py). Needs Chromium, Caddy and PostgreSQL (APT_TEST).
.PHONY: bench-load
bench-load: $(VENV)/.stamp-test apt-run apt-test
	$(BIN)/python -m bench.load --topology one --users 20 --duration 300
	$(BIN)/python -m bench.load --topology two --users 20 --duration 300
	$(BIN)/python -m bench.load --topology two-pg --users 20 --duration 300

# The two search backends on the same 100k records in one run (docs/performance.md, scaling.md).
.PHONY: bench-backends
bench-backends: $(VENV)/.stamp-test apt-run apt-test
	$(BIN)/python -m bench.backends --n 100000

# Search quality on the judged queries of bench/quality/ (Lontar vs plain Whoosh, same run).
bench-quality: $(VENV)/.stamp-install
	$(BIN)/python -m bench.quality.run

$(VENV)/bin/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.stamp-install: $(VENV)/bin/python requirements.txt pyproject.toml
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-install requirements-test.txt
	$(BIN)/python -m pip install -q -r requirements-test.txt
	touch $@

# Debian packages: installed only when missing, with one `apt-get update` first.
apt-run:
	@missing=$$(for p in $(APT_RUN); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

apt-test:
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
