"""EPUB: the chapters in spine order, each read by the HTML reader, joined with blank lines.

An EPUB is a zip someone else made, so it is checked before anything is decompressed: entry
count, total declared size, compression ratio, encryption, and hrefs that would leave the
book (``../``, absolute paths, URLs).  Every refusal is an ``InputError`` with one line.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from urllib.parse import unquote
from xml.etree import ElementTree

from fabula.errors import InputError
from fabula.ingest import Extracted, reader
from fabula.model import Span

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for entries big enough to matter
RATIO_MIN_BYTES = 1024 * 1024
_HTML_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise InputError("not a valid EPUB (corrupt or not a zip archive)") from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"EPUB has {len(infos)} entries (more than {MAX_ENTRIES}); refusing")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError("EPUB is encrypted; cannot read it")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InputError(f"EPUB expands to more than {MAX_TOTAL_BYTES // 2**20} MB; refusing (zip bomb?)")
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"EPUB entry {info.filename!r} is compressed more than {MAX_RATIO}:1; refusing (zip bomb?)")
    return zf


def _read(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError:
        raise InputError(f"EPUB is missing {name!r}") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
        raise InputError(f"EPUB entry {name!r} cannot be read ({type(exc).__name__})") from None
    except Exception as exc:  # zlib.error and friends from a damaged stream
        raise InputError(f"EPUB entry {name!r} is corrupt ({type(exc).__name__})") from None


def _xml(data: bytes, name: str) -> ElementTree.Element:
    if _ENTITY.search(data):
        raise InputError(f"EPUB {name!r} declares XML entities; refusing")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"EPUB {name!r} is not well-formed XML ({exc})") from None


def safe_join(base: str, href: str) -> str:
    """Resolve ``href`` against the folder ``base`` inside the zip; refuse anything that leaves it."""
    href = unquote(href.split("#", 1)[0])
    if not href or href.startswith(("/", "\\")) or re.match(r"^[A-Za-z][\w+.-]*:", href) or "\\" in href:
        raise InputError(f"EPUB refers to an unsafe path {href!r}")
    path = posixpath.normpath(posixpath.join(base, href))
    if path == ".." or path.startswith("../") or path.startswith("/"):
        raise InputError(f"EPUB refers to a path outside the book {href!r}")
    return path


def _rootfile(zf: zipfile.ZipFile) -> str:
    container = _xml(_read(zf, "META-INF/container.xml"), "META-INF/container.xml")
    for el in container.iter():
        if _local(el.tag) == "rootfile" and el.get("full-path"):
            return safe_join("", el.get("full-path"))
    raise InputError("EPUB container.xml names no package (OPF) file")


def spine(zf: zipfile.ZipFile) -> tuple[list[str], str | None]:
    """The content documents in reading order, and the book's title."""
    opf_path = _rootfile(zf)
    opf = _xml(_read(zf, opf_path), opf_path)
    base = posixpath.dirname(opf_path)
    manifest: dict[str, tuple[str, str]] = {}
    title = None
    for el in opf.iter():
        name = _local(el.tag)
        if name == "item" and el.get("id") and el.get("href"):
            manifest[el.get("id")] = (el.get("href"), el.get("media-type", ""))
        elif name == "title" and title is None and (el.text or "").strip():
            title = " ".join(el.text.split())
    order = []
    for el in opf.iter():
        if _local(el.tag) != "itemref" or el.get("linear", "yes") == "no":
            continue
        item = manifest.get(el.get("idref", ""))
        if item is None:
            continue
        href, media = item
        if media and media not in _HTML_TYPES:
            continue
        order.append(safe_join(base, href))
    if not order:
        raise InputError("EPUB has no readable chapters in its spine")
    return order, title


@reader("epub", ".epub")
def read_epub(data: bytes) -> Extracted:
    from fabula.ingest.html import decode_html, extract_html

    zf = _open(data)
    with zf:
        docs, title = spine(zf)
        texts: list[str] = []
        italics: list[Span] = []
        encodings: list[str] = []
        pos = 0
        for name in dict.fromkeys(docs):  # a chapter listed twice is read once
            html, encoding = decode_html(_read(zf, name))
            encodings.append(encoding)
            text, spans, _ = extract_html(html, whole_body=True)
            if not text.strip():
                continue
            if texts:
                pos += 2  # the "\n\n" that joins chapters
            italics.extend(Span(s.start + pos, s.end + pos) for s in spans)
            texts.append(text)
            pos += len(text)
    encoding = max(set(encodings), key=lambda e: (encodings.count(e), e)) if encodings else "utf-8"
    return Extracted(text="\n\n".join(texts), encoding=encoding, italics=tuple(italics), title=title)
