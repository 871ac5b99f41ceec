"""Ingest: files, directories and stdin in; ArticleInput (or InputError) out.

Formats: plain text, HTML (trafilatura), RSS/Atom feeds (feedparser, behind defusedxml)
and JSON Lines. See `read_inputs`.
"""

from newsledger.ingest.sources import detect_format, read_inputs

__all__ = ["detect_format", "read_inputs"]
