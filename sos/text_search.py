"""The one text-search expression: the index a model's free text is searched through, and the
expression a search matches it with, are built here so the two are always the same SQL (an
expression index is used only by a query repeating its expression exactly)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector

# Words are stemmed the English way, so "arrested" finds "arrest".
CONFIG = "english"


def text_vector(*fields: str) -> SearchVector:
    """The searchable words of `fields` taken together."""
    return SearchVector(*fields, config=CONFIG)


def text_search_index(*fields: str, name: str) -> GinIndex:
    """A GIN index on `text_vector(*fields)`, for a model's Meta.indexes."""
    return GinIndex(text_vector(*fields), name=name)
