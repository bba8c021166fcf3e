import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .registry import PUBLIC_LINKS, home_panels_for

PAGE_SIZE = 25
# What paginate_capped counts up to: above it a list says "more than" and pages on without a total.
COUNT_CAP = 1000


def healthz(request):
    """Liveness: answers without touching the database or Redis."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: checks PostgreSQL and Redis; 503 names the failing part."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any driver error means not ready
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        try:
            client.ping()
        finally:
            client.close()
        checks["redis"] = "ok"
    except Exception as exc:
        checks["redis"] = f"error: {exc.__class__.__name__}"
    ok = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503)


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home_public.html", {"public_links": PUBLIC_LINKS})
    return render(request, "home.html", {"panels": home_panels_for(request.user)})


class _CountedPaginator(Paginator):
    """A paginator told its total (from counts the page already has), so it runs no COUNT(*)."""

    def __init__(self, *args, known_count, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = known_count  # Paginator.count is a cached_property


def paginate(request, queryset, per_page=PAGE_SIZE, *, count=None):
    """Page of ``queryset`` for ?page=N (out-of-range pages show the last page); ``count``, when
    the caller knows the total, spares the COUNT(*) query."""
    paginator = Paginator(queryset, per_page) if count is None else _CountedPaginator(queryset, per_page, known_count=count)
    return paginator.get_page(request.GET.get("page"))


class CappedPaginator(Paginator):
    """What paginate_capped returns pages of: ``count`` is exact when ``capped`` is False; otherwise
    there are more than ``cap`` rows, ``count`` is cap + 1 and ``num_pages`` ends at the next page."""

    capped = False

    def __init__(self, object_list, per_page, *, cap):
        super().__init__(object_list, per_page)
        self.cap = cap

    @property
    def cap_label(self):
        return f"{self.cap:,}".replace(",", ".")  # Vietnamese thousands separator

    def known(self, count, *, capped=False, last_page=None):
        self.__dict__["count"] = count  # Paginator.count and num_pages are cached properties
        self.capped = capped
        if capped:
            self.__dict__["num_pages"] = last_page


def _rows_of(queryset, ids):
    """The rows of ``ids`` (read with their select_related relations), in the order of ``ids``."""
    if not ids:
        return []
    found = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def paginate_capped(request, queryset, per_page=PAGE_SIZE, *, cap=None):
    """Page ?page=N of ``queryset`` (ordered, the order ending on the primary key) without an exact
    COUNT over every matching row. One query reads the ids of the first ``cap`` + 1 rows in order
    (of the table alone, so the sort runs before any join of select_related, and an index on the
    order serves it): their number is the count when it is at most ``cap``, and the page is sliced
    from them; a second query reads the page's rows with their relations. Above ``cap`` rows the
    paginator says so (``capped``) and pages on one page at a time; a page past the end (asked by
    hand) falls back to an exact count and the last page. ``cap``: COUNT_CAP unless given."""
    cap = COUNT_CAP if cap is None else cap
    paginator = CappedPaginator(queryset, per_page, cap=cap)
    raw = request.GET.get("page") or "1"
    number = int(raw) if raw.isdigit() and 1 <= int(raw) <= 1_000_000 else 1
    ordered = queryset.values_list("pk", flat=True)
    if number * per_page <= cap:
        ids = list(ordered[: cap + 1])
        if len(ids) > cap:
            paginator.known(len(ids), capped=True, last_page=number + 1)
        else:
            paginator.known(len(ids))
            number = min(number, paginator.num_pages)
        page_ids = ids[(number - 1) * per_page : number * per_page]
        return Page(_rows_of(queryset, page_ids), number, paginator)
    ids = list(ordered[(number - 1) * per_page : number * per_page + 1])
    if ids:
        paginator.known(cap + 1, capped=True, last_page=number + 1 if len(ids) > per_page else number)
        return Page(_rows_of(queryset, ids[:per_page]), number, paginator)
    paginator.known(queryset.order_by().count())  # past the end: count every row, this once
    number = paginator.num_pages
    ids = list(ordered[(number - 1) * per_page : number * per_page])
    return Page(_rows_of(queryset, ids), number, paginator)


def querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def stash_upload(uploaded):
    """Keep an uploaded import file on disk (outside static) between preview and confirmation;
    returns a token to put in the session."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    with open(folder / f"{token}.xlsx", "wb") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    return token


def stashed_upload_path(token):
    if not token or not all(c in "0123456789abcdef" for c in token):
        return None
    path = Path(settings.MEDIA_ROOT) / "imports" / f"{token}.xlsx"
    return path if path.exists() else None


# The API's clients read problem details (RFC 9457), also for what never reaches a view of the API:
# a path no route matches (/api/v1/decisions/abc/register/), an error while handling.
_API_ERRORS = {
    403: "Không có quyền truy cập địa chỉ này.",
    404: "Không có địa chỉ này trong API (xem /api/v1/docs/).",
    500: "Lỗi máy chủ; lỗi đã được ghi lại.",
}


def _api_problem(request, status):
    from .api.problems import PROBLEM_TYPE, problem_body

    body = problem_body(status, _API_ERRORS[status], request=request)
    return JsonResponse(body, status=status, content_type=PROBLEM_TYPE, json_dumps_params={"ensure_ascii": False})


def _is_api(request):
    return request.path.startswith("/api/")


def error_403(request, exception=None):
    if _is_api(request):
        return _api_problem(request, 403)
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    if _is_api(request):
        return _api_problem(request, 404)
    return render(request, "errors/404.html", status=404)


def error_500(request):
    if _is_api(request):
        return _api_problem(request, 500)
    return render(request, "errors/500.html", status=500)


@login_required
def account_profile(request):
    from units import twofactor

    context = {"twofactor_enrolled": twofactor.is_enrolled(request.user), "twofactor_required": twofactor.required_for(request.user)}
    return render(request, "registration/profile.html", context)


def spreadsheet_import(request, *, spec, url_name, kind, template, form_class, session_key):
    """Upload -> preview with row errors -> confirm, for any import described by ``spec``
    (headers, required, validate(rows, user=...), write(rows=..., by=...), done: a URL name).

    The file is kept on disk between preview and confirmation and validated again before the
    write, which happens only when every row passes: nothing is ever half-imported."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .spreadsheets import SpreadsheetError, read_rows

    context = {"spec": spec, "kind": kind}
    if request.method == "POST" and "confirm" in request.POST:
        path = stashed_upload_path(request.session.get(session_key))
        if path is None:
            messages.error(request, "Phiên nhập đã hết hạn, hãy tải tệp lên lại.")
            return redirect(url_name, kind=kind)
        with open(path, "rb") as handle:
            try:
                rows = read_rows(handle, spec["headers"], required=spec["required"])
            except SpreadsheetError as exc:
                messages.error(request, str(exc))
                return redirect(url_name, kind=kind)
        result = spec["validate"](rows, user=request.user)
        if not result.ok:
            messages.error(request, "Dữ liệu đã thay đổi so với lúc xem trước; hãy kiểm tra lại.")
            context.update({"form": form_class(), "result": result})
            return render(request, template, context)
        extra = {"on_existing": request.session.get(f"{session_key}:on_existing", "skip")} if spec.get("on_existing") else {}
        written = spec["write"](rows=[f.copy() for _, _, f in result.rows], by=request.user, **extra)
        path.unlink(missing_ok=True)
        request.session.pop(session_key, None)
        skipped = len(result.existing) if extra.get("on_existing") == "skip" else 0
        messages.success(request, f"Đã nhập {len(written)} dòng." + (f" Bỏ qua {skipped} dòng đã có." if skipped else ""))
        return redirect(spec["done"])
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            rows = read_rows(uploaded, spec["headers"], required=spec["required"])
        except SpreadsheetError as exc:
            form.add_error("file", str(exc))
        else:
            result = spec["validate"](rows, user=request.user)
            context["result"] = result
            context["on_existing"] = form.cleaned_data.get("on_existing") or "skip"
            if result.ok:
                uploaded.seek(0)
                request.session[session_key] = stash_upload(uploaded)
                request.session[f"{session_key}:on_existing"] = context["on_existing"]
    context["form"] = form
    return render(request, template, context)
