"""Ingest: from user paths to decoded RawDocuments, with a Rejection for everything refused."""

from newsfuse.ingest.loader import LoadResult, load_paths

__all__ = ["LoadResult", "load_paths"]
