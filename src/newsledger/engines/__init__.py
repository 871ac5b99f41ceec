"""Long-running engines built on the function API (newsledger.engines.watch: continuous feed ingest)."""
