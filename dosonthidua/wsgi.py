import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dosonthidua.settings")
application = get_wsgi_application()


def _freeze_startup_objects():
    """Load every view now (the URLconf imports them) and move everything alive after start-up into
    the garbage collector's permanent generation: a full collection then walks only what requests
    allocate, instead of the ~250,000 objects of Django and the apps (a pause of 100-350 ms on the
    2-core bench machine, which was the p95 of the API's large pages; docs/benchmarks.md). Forked
    workers also keep sharing those pages."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and every view module
    gc.collect()
    gc.freeze()


_freeze_startup_objects()
