# Everything Redflags needs is installed from here: a virtual environment with pinned packages.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
DB      ?= redflags.db
DEMO_N  ?= 3000
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: run test test-explore venv chromium java bench-tools bench-quick clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

## Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; no browser download).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

## Java for the Spark engine's tests (PySpark, pinned in requirements.lock, runs Spark in local mode).
java:
	@command -v java >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless; }

## make run: generate the demo corpus, ingest (extract + score) it into the embedded store, link it into
## networks, print what is there, create a demo admin (password printed once) and serve the web app.
run: venv
	$(BIN)/redflags demo-data --out demo-data --n $(DEMO_N) --seed 7 --bad 6
	$(BIN)/redflags ingest demo-data/ads.jsonl --db $(DB)
	$(BIN)/redflags link --db $(DB) --demo-images --no-progress
	$(BIN)/redflags stats --db $(DB)
	$(BIN)/redflags quarantine --db $(DB) --limit 10
	$(BIN)/redflags clusters --db $(DB) --limit 10
	$(BIN)/redflags user add admin --role admin --generate-password --if-none --db $(DB)
	$(BIN)/redflags serve --db $(DB) --host $(HOST) --port $(PORT)

## make test: the whole suite, slow tests included.
test: venv chromium java
	$(BIN)/python -m pytest -q

## property tests with fresh random examples (make test draws the same ones every run)
test-explore: venv
	REDFLAGS_HYPOTHESIS=explore $(BIN)/python -m pytest -q $$(grep -rl "from hypothesis" tests --include="test_*.py")

## wrk (Debian) drives bench/web.py; without it the bench falls back to Python clients.
bench-tools:
	@command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }

## make bench-quick: every benchmark on small inputs, so none of them rots.
bench-quick: venv bench-tools
	$(BIN)/python bench/ingest.py --quick
	$(BIN)/python bench/web.py --quick
	$(BIN)/python bench/bundle.py --quick
	$(BIN)/python bench/spark.py --quick
	$(BIN)/python bench/extraction.py --quick
	$(BIN)/python bench/indicators.py --quick
	$(BIN)/python bench/linking.py --quick
	$(BIN)/python bench/image_pairs.py --n 20000

clean:
	rm -rf $(VENV) demo-data $(DB) $(DB)-wal $(DB)-shm $(DB).ed25519.pem
