"""Project-wide middleware: private caching of signed-in responses, and the opt-in query counter."""

import time
from urllib.parse import urlencode

from django.db import connection
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse


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


class SecondFactorMiddleware:
    """A session signed in with the password alone reaches only the second-factor pages (and
    sign-out) until it gives a code: 'verify' for an account with an authenticator, 'setup' for one
    that must have one and has none yet (units.twofactor). Covers every page, the admin site too."""

    ALLOWED = {"twofactor-verify", "twofactor-setup", "logout", "healthz", "readyz"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            from units import twofactor

            step = request.session.get(twofactor.PENDING_SESSION_KEY)
            if step is None:  # a session from before two-factor sign-in existed
                step = request.session[twofactor.PENDING_SESSION_KEY] = twofactor.pending_step(user)
            if step:  # static files are answered earlier, by whitenoise
                match = resolve_or_none(request.path_info)
                if match is None or match.view_name not in self.ALLOWED:
                    target = reverse("twofactor-verify" if step == "verify" else "twofactor-setup")
                    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def resolve_or_none(path):
    try:
        return resolve(path)
    except Resolver404:
        return None


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
