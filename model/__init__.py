"""znak's core: text processing, classifiers, draft check, rubric and I/O adapters (no HTTP, no CLI)."""
