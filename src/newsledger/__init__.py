"""newsledger: news articles in, auditable PLOVER/CAMEO event records out."""

from newsledger.records import ArticleInput, ArticleRecord, Entity, EventRecord, InputError

__all__ = ["ArticleInput", "ArticleRecord", "Entity", "EventRecord", "InputError"]
__version__ = "0.1.0"
