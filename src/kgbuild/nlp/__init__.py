"""The annotate stage: a spaCy pipeline for Vietnamese trade-union news (rules as data)."""
