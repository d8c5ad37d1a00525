"""Benchmarks: measure newsfuse against public labelled data (``python -m bench.<name>``)."""
