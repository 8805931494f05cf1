"""Accent-insensitive search over FoldedField columns."""

from functools import reduce
from operator import and_, or_

from django.db.models import Q

from apps.core.text import fold


def folded_q(term: str, fields: list[str]) -> Q:
    """Rows where every word of `term` appears in one of the folded `fields`."""
    words = fold(term).split()
    if not words:
        return Q()
    return reduce(and_, (reduce(or_, (Q(**{f"{f}__contains": w}) for f in fields)) for w in words))
