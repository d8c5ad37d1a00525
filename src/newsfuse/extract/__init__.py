"""Per-article language stages: sentences, entities, quotes, time expressions."""
