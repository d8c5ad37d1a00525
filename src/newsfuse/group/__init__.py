"""Grouping articles: near-duplicate copies (syndication) and stories, online and order-free.

``features_of`` reduces an analysed article to ``StoryFeatures`` (stored with it);
``StoryGrouper`` adds them one at a time, or restores from stored rows; ``group_articles`` is
the one-shot path for a digest.
"""

from newsfuse.group.features import StoryFeatures, features_of
from newsfuse.group.stories import StoryGrouper, group_articles

__all__ = ["StoryFeatures", "StoryGrouper", "features_of", "group_articles"]
