from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from .counts import exact_count


class CachedCountPaginator(Paginator):
    """Django's paginator whose total is the exact count cached until a watched table changes
    (dosonthidua/api/counts.py)."""

    @cached_property
    def count(self):
        if isinstance(self.object_list, QuerySet):
            return exact_count(self.object_list)
        return super().count


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = CachedCountPaginator
