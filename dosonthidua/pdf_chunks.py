"""Long PDFs on both cores: a document already split into chunks of HTML (each a complete
document: the letterhead only in the first, the signature only in the last) is laid out by
WeasyPrint in worker processes, numbered and merged with pypdf.

Two phases, both in the pool:

1. every chunk is rendered without page numbers; its page count comes back with its PDF;
2. once every count is known, each chunk gets its numbers from an overlay of empty pages with the
   same page box (``@page { counter-reset: page N }`` on its first page) merged onto its pages, so
   the numbers run on across chunks exactly where a single render would print them.

The parent then appends the numbered chunks in order and folds identical objects into one (the
fonts are embedded whole, so every chunk carries byte-identical font files and one copy remains).

The workers are started with 'spawn' (no fork of a Celery worker's or a web server's state, no
inherited database connections) and import only WeasyPrint and pypdf: this module has no Django
import, the parent renders the templates. ``check()`` is called about every second while the
parent waits; it raises to stop (a cancelled report), and the pool is then terminated at once, so
no worker keeps rendering a document nobody wants."""

import io
import multiprocessing
import sys
import types
from contextlib import contextmanager

WAIT_SECONDS = 1.0


@contextmanager
def _main_not_rerun():
    """While the pool starts its processes, hide the main module from 'spawn': a spawned child
    otherwise runs the parent's main script again (``manage.py shell -c``, a celery or pytest entry
    point, a script without a ``__main__`` guard) before it can take work. The workers need
    nothing from it: their functions live in this module."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def render_chunk(html, base_url):
    """Phase 1 (in a worker): the chunk's PDF bytes and its number of pages. Fonts are embedded
    whole so that the merged file can keep one copy of each."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    document = HTML(string=html, base_url=base_url).render(font_config=FontConfiguration())
    return document.write_pdf(full_fonts=True), len(document.pages)


def number_chunk(pdf, overlay_html, base_url):
    """Phase 2 (in a worker): ``pdf`` with each page merged with the page of the same index of the
    overlay (empty pages that print only the page number in the top margin)."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    # Whole fonts here too: the digits then use the very font program of the pages, kept once.
    numbers_pdf = HTML(string=overlay_html, base_url=base_url).write_pdf(font_config=FontConfiguration(), full_fonts=True)
    overlay = PdfReader(io.BytesIO(numbers_pdf))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page, numbers in zip(writer.pages, overlay.pages, strict=True):
        page.merge_page(numbers)
        page.compress_content_streams()  # merging leaves the page's content uncompressed
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _wait(result, check):
    while not result.ready():
        result.wait(WAIT_SECONDS)
        if check is not None:
            check()
    return result.get()


def render_parallel(chunks, *, overlay, base_url, workers=2, check=None, on_chunk=None):
    """Render the HTML ``chunks`` in ``workers`` processes and return the merged PDF bytes.

    ``overlay(first_number, pages, is_first)`` returns the HTML of the numbering overlay of a chunk
    whose first page is page ``first_number`` of the whole document. ``on_chunk(done, total)`` is
    called as each chunk's layout arrives (in order); ``check()`` may raise to abandon the job."""
    from pypdf import PdfReader, PdfWriter

    total = len(chunks)
    with _main_not_rerun():
        pool = multiprocessing.get_context("spawn").Pool(processes=max(1, min(workers, total)))
    try:
        pending = [pool.apply_async(render_chunk, (html, base_url)) for html in chunks]
        rendered = []
        for index, result in enumerate(pending, start=1):
            rendered.append(_wait(result, check))
            if on_chunk is not None:
                on_chunk(index, total)
        numbered, first = [], 1
        for index, (pdf, pages) in enumerate(rendered):
            numbered.append(pool.apply_async(number_chunk, (pdf, overlay(first, pages, index == 0), base_url)))
            first += pages
        del rendered
        writer = PdfWriter()
        for result in numbered:
            writer.append(PdfReader(io.BytesIO(_wait(result, check))))
        pool.close()
        pool.join()
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
