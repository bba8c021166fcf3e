"""Long PDFs on both cores: a document already split into chunks of HTML (each a complete
document: the letterhead only in the first, the signature only in the last) is laid out by
WeasyPrint in worker processes, numbered and merged with pypdf.

Two phases in the pool, then the merge in the parent:

1. every chunk is rendered without page numbers into a file of a temporary folder; its page count
   comes back (the PDF stays on disk: the parent never holds the chunks);
2. once every count is known, each chunk gets its numbers from an overlay of empty pages with the
   same page box (``@page { counter-reset: page N }`` on its first page) merged onto its pages, so
   the numbers run on across chunks exactly where a single render would print them;
3. the pool is closed (its processes exit and give their memory back), then the parent appends the
   numbered files in order and keeps one font per face: WeasyPrint subsets each chunk's fonts
   keeping the glyph ids of the font file, so the glyphs used by every chunk are cut once more from
   the original file (``font_files``) into one subset, and every chunk's font dictionaries are
   replaced by one with the union of their widths and text mappings. Identical objects are folded.

Memory is bounded by the chunk size: a worker's peak is its layout of one chunk (WeasyPrint holds
the styles and boxes of a whole document until it is written), the parent's is the merge, which
runs after the workers have exited.

The workers are started with 'spawn' (no fork of a Celery worker's or a web server's state, no
inherited database connections) and import only WeasyPrint and pypdf: this module has no Django
import and lives in a package whose ``__init__`` is empty (the project package's would create the
Celery application in every worker); the parent renders the templates. ``check()`` is called about
every second while the parent waits; it raises to stop (a cancelled report), and the pool is then
terminated at once, so no worker keeps rendering a document nobody wants."""

import io
import multiprocessing
import os
import re
import sys
import tempfile
import types
from contextlib import contextmanager
from pathlib import Path

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


def render_chunk(html, base_url, path):
    """Phase 1 (in a worker): lay out one chunk, write its PDF to ``path``, return its number of
    pages. (An explicit ``gc.collect()`` after each chunk was measured: about 0.9 s a chunk of 500
    rows for 4 MiB less peak over eight chunks; the worker's own collections are enough.)"""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    document = HTML(string=html, base_url=base_url).render(font_config=FontConfiguration())
    document.write_pdf(path)
    return len(document.pages)


def number_chunk(path, overlay_html, base_url):
    """Phase 2 (in a worker): merge onto each page of the PDF at ``path`` the page of the same
    index of the overlay (empty pages that print only the page number in the top margin)."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    overlay = PdfReader(io.BytesIO(HTML(string=overlay_html, base_url=base_url).write_pdf(font_config=FontConfiguration())))
    writer = PdfWriter(clone_from=PdfReader(path))
    for page, numbers in zip(writer.pages, overlay.pages, strict=True):
        page.merge_page(numbers)
        page.compress_content_streams()  # merging leaves the page's content uncompressed
    numbered = f"{path}.numbered"
    writer.write(numbered)
    os.replace(numbered, path)


def _wait(result, check):
    while not result.ready():
        result.wait(WAIT_SECONDS)
        if check is not None:
            check()
    return result.get()


def render_parallel(chunks, *, overlay, base_url, font_files=(), workers=2, check=None, on_chunk=None):
    """Render the HTML ``chunks`` in ``workers`` processes and return the merged PDF bytes.

    ``overlay(first_number, pages, is_first)`` returns the HTML of the numbering overlay of a chunk
    whose first page is page ``first_number`` of the whole document. ``font_files`` are the font
    files the chunks' styles embed (their glyphs used anywhere in the document are embedded once,
    see ``merge``). ``on_chunk(done, total)`` is called as each chunk's layout arrives (in order);
    ``check()`` may raise to abandon the job."""
    total = len(chunks)
    with tempfile.TemporaryDirectory(prefix="pdf-chunks-") as folder:
        paths = [str(Path(folder) / f"{index:05d}.pdf") for index in range(total)]
        with _main_not_rerun():
            pool = multiprocessing.get_context("spawn").Pool(processes=max(1, min(workers, total)))
        try:
            pending = [pool.apply_async(render_chunk, (html, base_url, path)) for html, path in zip(chunks, paths, strict=True)]
            counts = []
            for index, result in enumerate(pending, start=1):
                counts.append(_wait(result, check))
                if on_chunk is not None:
                    on_chunk(index, total)
            numbered, first = [], 1
            for index, (path, pages) in enumerate(zip(paths, counts, strict=True)):
                numbered.append(pool.apply_async(number_chunk, (path, overlay(first, pages, index == 0), base_url)))
                first += pages
            for result in numbered:
                _wait(result, check)
            pool.close()
            pool.join()  # the workers' memory is given back before the merge takes its own
        except BaseException:
            pool.terminate()
            pool.join()
            raise
        return merge(paths, font_files=font_files)


def merge(paths, *, font_files=()):
    """The PDFs at ``paths`` appended in order, their fonts folded into one per face (``one_font_per_face``)
    and identical objects into one; the bytes of the result."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for path in paths:
        writer.append(path)
    one_font_per_face(writer, font_files)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- One font per face ---------------------------------------------------------------------------

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def _font_dictionaries(writer):
    """Every /Font resource dictionary of the document's pages and of the forms and patterns they
    draw, each once."""
    seen, found = set(), []

    def visit(resources):
        resources = resources.get_object() if resources is not None else None
        if not resources or id(resources) in seen:
            return
        seen.add(id(resources))
        fonts = resources.get("/Font")
        if fonts is not None and id(fonts.get_object()) not in seen:
            seen.add(id(fonts.get_object()))
            found.append(fonts.get_object())
        for kind in ("/XObject", "/Pattern"):
            items = resources.get(kind)
            for item in items.get_object().values() if items is not None else ():
                item = item.get_object()
                if hasattr(item, "get") and "/Resources" in item:
                    visit(item["/Resources"])

    for page in writer.pages:
        visit(page.get("/Resources"))
    return found


def _widths(array):
    """A CIDFont's /W array as {glyph id: width} (both forms: ``c [w1 w2 …]`` and ``c_first c_last w``)."""
    widths, items, i = {}, list(array or []), 0
    while i < len(items):
        start = int(items[i])
        follower = items[i + 1].get_object()
        if isinstance(follower, list):
            for offset, width in enumerate(follower):
                widths[start + offset] = width
            i += 2
        else:
            for glyph in range(start, int(follower) + 1):
                widths[glyph] = items[i + 2]
            i += 3
    return widths


def _widths_array(widths):
    from pypdf.generic import ArrayObject, NumberObject

    array, run = ArrayObject(), None
    for glyph in sorted(widths):
        if run is None or glyph - 1 not in widths:
            run = ArrayObject()
            array += [NumberObject(glyph), run]
        run.append(widths[glyph])
    return array


def _text_of_glyphs(cmap):
    """The ToUnicode CMap WeasyPrint writes (``bfchar`` entries only) as {glyph id: UTF-16BE hex};
    None for any other form."""
    if b"bfrange" in cmap:
        return None
    mapping = {}
    for block in _BFCHAR.findall(cmap):
        for glyph, text in _PAIR.findall(block):
            mapping[int(glyph, 16)] = text.decode().lower()
    return mapping


def _to_unicode_cmap(mapping):
    """A ToUnicode CMap of ``mapping`` in the layout WeasyPrint writes."""
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo",
        b"<< /Registry (Adobe)",
        b"/Ordering (UCS)",
        b"/Supplement 0",
        b">> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
    ]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{glyph:04x}> <{text}>".encode() for glyph, text in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def _postscript_name(data):
    from fontTools.ttLib import TTFont

    try:
        with TTFont(io.BytesIO(data), lazy=True) as font:
            return font["name"].getDebugName(6)
    except Exception:  # not a TrueType program we can read: left as it is
        return None


def _subset(path, glyphs):
    """The font file at ``path`` cut to ``glyphs``, keeping their ids, with the options WeasyPrint
    subsets with (no hinting, no layout tables: the PDF needs outlines and metrics only)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(
        retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True, hinting=False, desubroutinize=True, notdef_outline=True
    )
    options.drop_tables += ["BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG "]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(glyphs | {0}))
    with TTFont(path) as font:
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()


def one_font_per_face(writer, font_files):
    """Fold the fonts of appended WeasyPrint chunks: every chunk carries its own subset of each
    face (the glyphs it draws, at their glyph ids in the font file) and its own font dictionaries.
    For each face whose font file is among ``font_files`` (matched by PostScript name), one subset
    of the glyphs used by all chunks is cut from that file and one font dictionary with the union
    of the widths and text mappings replaces the chunks' in every resource dictionary. A font of
    any other form (another encoding, an unknown file) is left as the chunk embedded it."""
    from pypdf.generic import ArrayObject, IndirectObject, NameObject, NumberObject

    originals = {}
    for path in font_files:
        name = _postscript_name(Path(path).read_bytes())
        if name:
            originals[name] = str(path)
    if not originals:
        return
    resource_dicts = _font_dictionaries(writer)
    faces = {}  # BaseFont -> {"fonts": {object number: (reference, font)}, "files": {its programs' font files}}
    for fonts in resource_dicts:
        for key in fonts:
            ref = fonts.raw_get(key)
            if not isinstance(ref, IndirectObject):
                continue
            font = ref.get_object()
            if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
                continue
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            if descendant.get("/CIDToGIDMap") != "/Identity" or "/FontFile2" not in descriptor:
                continue
            face = faces.setdefault(font["/BaseFont"], {"fonts": {}, "files": set()})
            if ref.idnum not in face["fonts"]:
                face["fonts"][ref.idnum] = (ref, font)
                face["files"].add(originals.get(_postscript_name(descriptor["/FontFile2"].get_object().get_data())))
    glyphs_of_file, plans = {}, []
    for face in faces.values():
        if len(face["files"]) != 1 or None in face["files"]:
            continue  # not one of font_files, or one name for two programs: left as embedded
        (path,) = face["files"]
        widths, texts = {}, {}
        for _ref, font in face["fonts"].values():
            text = _text_of_glyphs(font["/ToUnicode"].get_object().get_data())
            if text is None:
                break
            widths.update(_widths(font["/DescendantFonts"][0].get_object().get("/W")))
            texts.update(text)
        else:
            glyphs_of_file.setdefault(path, set()).update(widths, texts)
            plans.append((face, path, widths, texts))
    programs = {path: _subset(path, glyphs) for path, glyphs in glyphs_of_file.items()}
    replaced, dropped = {}, []
    for face, path, widths, texts in plans:
        (ref, font), *_others = face["fonts"].values()
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        program = descriptor["/FontFile2"].get_object()
        program.set_data(programs[path])
        program[NameObject("/Length1")] = NumberObject(len(programs[path]))
        descendant[NameObject("/W")] = _widths_array(widths)
        box = [descriptor["/FontBBox"][i] for i in range(4)]
        descriptor[NameObject("/FontBBox")] = ArrayObject([box[0], box[1], max(widths.values(), key=float), box[3]])
        if "/CIDSet" in descriptor:  # PDF 1.4: the glyph ids present, one bit each
            bits = bytearray((max(widths) // 8) + 1)
            for glyph in widths:
                bits[glyph // 8] |= 0x80 >> (glyph % 8)
            descriptor["/CIDSet"].get_object().set_data(bytes(bits))
        font["/ToUnicode"].get_object().set_data(_to_unicode_cmap(texts))
        for idnum, (_ref, other) in face["fonts"].items():
            replaced[idnum] = ref
            if other is not font:
                dropped.append(other)
    for fonts in resource_dicts:
        for key in list(fonts):
            target = replaced.get(getattr(fonts.raw_get(key), "idnum", None))
            if target is not None:
                fonts[NameObject(key)] = target
    # pypdf's compress_identical_objects drops the objects nothing refers to, one level at a time:
    # emptying the replaced fonts' dictionaries lets one pass drop each whole (font, CIDFont,
    # descriptor, program, text mapping).
    for font in dropped:
        descendant = font["/DescendantFonts"][0].get_object()
        for obj in (descendant["/FontDescriptor"].get_object(), descendant, font):
            obj.clear()
