"""Filter pieces shared by the public lists (django-filter)."""

import django_filters


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's ordering, where a field may itself be descending: ``("-created_at", "newest")``.

    Asking for the reverse (``-newest``) then gives ``created_at``, not the invalid ``--created_at``.
    """

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        return value[2:] if value.startswith("--") else value


class SortFilter(django_filters.ChoiceFilter):
    """A plain list of sort orders: ``{"newest": (label, ("-first_published_at", "pk"))}``."""

    def __init__(self, *, orderings: dict, **kwargs):
        self.orderings = orderings
        kwargs.setdefault("empty_label", None)
        super().__init__(choices=[(key, label) for key, (label, _fields) in orderings.items()], **kwargs)

    def filter(self, qs, value):
        if value in self.orderings:
            return qs.order_by(*self.orderings[value][1])
        return qs
