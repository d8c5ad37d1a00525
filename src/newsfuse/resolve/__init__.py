"""Cross-document resolution over a story's articles: what several outlets name alike.

- ``entities``: canonical entities, one entry per real-world thing with every mention;
- ``quotes``: quote groups, one statement as each outlet printed or paraphrased it.

(Was ``link/``; renamed so it does not read as grouping's links between articles, which
``group.graph`` keeps.)
"""
