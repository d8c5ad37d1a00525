"""Per-article language stages: sentences, entities, quotes and time expressions.

Quotes (``quotes/``) and time expressions (``timex/``) are packages of their own.
"""
