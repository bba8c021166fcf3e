"""Project-wide middleware: private caching of signed-in responses, and the opt-in query counter."""

import time

from django.db import connection


class PrivateCacheMiddleware:
    """Every response to a signed-in user (pages, downloads, redirects, errors) carries
    `Cache-Control: private, no-store`: neither a shared proxy nor the browser's disk cache keeps
    another person's page or file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


class QueryCountHeaderMiddleware:
    """Opt-in measurement for benchmarks: with PORTAL_QUERY_COUNT_HEADER=true every response carries
    X-Query-Count and X-Query-Time-Ms (the SQL it ran), so `make bench` reads them over HTTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        stats = {"count": 0, "seconds": 0.0}

        def counter(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                stats["count"] += 1
                stats["seconds"] += time.perf_counter() - started

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(stats["count"])
        response["X-Query-Time-Ms"] = f"{stats['seconds'] * 1000:.1f}"
        return response
