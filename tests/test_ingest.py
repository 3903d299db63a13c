"""Ingestion: one test per input format, encodings, stdin."""

from __future__ import annotations

import codecs
import io
import sys
import zipfile
from pathlib import Path

import pytest

import fabula
from fabula import ingest
from fabula.errors import InputError
from fabula.ingest.text import decode

FIXTURES = Path(__file__).parent / "fixtures"


def italics(story) -> list[str]:
    return [story.text[s.start : s.end] for s in story.italics]


def paragraphs(story) -> list[str]:
    return story.text.split("\n\n")


# ---------------------------------------------------------------- HTML, one page per site


def test_ao3_page_keeps_chapter_text_and_drops_notes_and_chrome():
    s = fabula.load(FIXTURES / "ao3.html")
    assert s.source.format == "html" and s.source.encoding == "utf-8"
    assert s.title == "The Long Night"
    assert paragraphs(s) == [
        "Chapter 1: Snow",
        "The snow fell all night, and Harry watched it.",
        '"Are you awake?" Ron asked.',
        "No, he thought.\nNot really.",
        "* * *",
        "Morning came.",
    ]
    assert italics(s) == ["all night", "No,"]
    for clutter in ("Chapter Text", "Thanks for reading", "kudos", "Log In", "Comment", "summary", "var a"):
        assert clutter not in s.text


def test_ao3_download_keeps_chapter_headings_and_drops_preface_and_notes():
    s = fabula.load(FIXTURES / "ao3-download.html")
    assert s.title == "The Long Night"
    assert paragraphs(s) == [
        "Chapter 1: Snow",
        "The snow fell all night.",
        "Harry watched it from the window.",
        "Chapter 2: Thaw",
        "By morning the snow had gone.",
    ]
    assert italics(s) == ["all night"]


def test_fanfiction_net_page_honours_meta_charset_and_drops_review_box():
    s = fabula.load(FIXTURES / "ffn.html")
    assert s.source.encoding == "cp1252"
    assert s.title == "The Quiet Road"
    assert paragraphs(s)[1:] == [
        "It rained for three days. Hermione didn’t mind.",
        "“You’re soaked,” said Ginny.",
        "So are you, Hermione thought. Café windows fogged.",
    ]
    assert paragraphs(s)[0].startswith("A/N:")  # kept in the text; the structure stage marks it
    assert italics(s) == ["So are you"]
    assert "review" not in s.text.lower() and "Rated" not in s.text and "Prev" not in s.text


def test_royal_road_page_drops_hidden_anti_theft_lines_and_author_note():
    s = fabula.load(FIXTURES / "royalroad.html")
    assert s.title == "The Iron Tower"
    assert paragraphs(s) == [
        "The tower rose above the plain.",
        "Mara climbed. Don't look down, she told herself.",
        "* * *",
        "At the top, the wind screamed.",
    ]
    assert italics(s) == ["Don't look down,"]


def test_wattpad_page_reads_every_pre_block_without_comment_counters():
    s = fabula.load(FIXTURES / "wattpad.html")
    assert s.title == "Summer Lights"
    assert paragraphs(s) == [
        "I waited at the pier until the lights came on.",
        '"You came," he said.',
        "I didn't answer.",
        "The water was black and still.",
    ]
    assert italics(s) == ["he"]


def test_wattpad_page_without_paragraph_ids_reads_the_pre_text():
    html = (
        b'<html><body><div class="recommended"><p>Stories you may like, and a long list of other titles here.</p></div>'
        b'<div class="panel panel-reading"><pre>First line of story.\nSecond <i>line</i>.</pre></div></body></html>'
    )
    s = ingest.story_from_bytes(html, fmt="html")
    assert s.text == "First line of story.\n\nSecond line." and italics(s) == ["line"]


def test_standard_ebooks_chapter_keeps_its_heading():
    s = fabula.load(FIXTURES / "standardebooks.xhtml")
    assert s.title is None  # its <title> only names the chapter
    assert paragraphs(s)[0] == "I"
    assert paragraphs(s)[1].startswith("It is a truth universally acknowledged")
    assert "“My dear Mr. Bennet,”" in s.text
    assert italics(s) == ["Nothing"]
    story = fabula.analyze(s, stages=["structure"])
    assert [c.title for c in story.chapters] == ["I"]


def test_malformed_html_still_gives_text_and_italics():
    s = fabula.load(FIXTURES / "malformed.html")
    assert s.title == "Broken & Bad"
    assert paragraphs(s)[:3] == [
        "First paragraph bold and italic",
        "Second paragraph with &unknown; entity & a stray < sign",
        "Third paragraph",
    ]
    assert italics(s) == ["and italic"]


def test_generic_page_prefers_the_story_over_a_longer_comment_thread():
    story = b"<p>The story has a single short paragraph of its own.</p>"
    comments = b"<li><p>" + b"What a wonderful chapter, I loved every word of it! " * 5 + b"</p></li>"
    html = b'<html><body><div class="post">' + story + b'</div><div id="comments"><ul>' + comments * 10 + b"</ul></div></body></html>"
    s = ingest.story_from_bytes(html, fmt="html")
    assert s.text == "The story has a single short paragraph of its own."


def test_italic_spans_point_into_the_extracted_text():
    html = b"<p>One <i>two</i> three</p><p><em>Four five</em></p><p>six <i> seven </i>eight</p>"
    s = ingest.story_from_bytes(html, fmt="html")
    assert s.text == "One two three\n\nFour five\n\nsix seven eight"
    assert italics(s) == ["two", "Four five", "seven"]


def test_nbsp_spacer_paragraph_becomes_one_more_blank_line():
    html = b"<p>One.</p><p>&nbsp;</p><p>Two&nbsp;words.</p><p>Three.</p><p>&nbsp;</p>"
    s = ingest.story_from_bytes(html, fmt="html")
    assert s.text == "One.\n\n\nTwo\u00a0words.\n\nThree."


def test_br_and_p_without_end_tags():
    s = ingest.story_from_bytes(b"<body><p>a line<br>next line<br><br>new para<p>third</body>", fmt="html")
    assert s.text == "a line\nnext line\n\nnew para\n\nthird"


def test_deeply_nested_html_does_not_overflow():
    html = b"<div>" * 5000 + b"<p>deep text here</p>" + b"</div>" * 5000
    assert ingest.story_from_bytes(html, fmt="html").text == "deep text here"


# ---------------------------------------------------------------- EPUB


def make_epub(path: Path, chapters: list[str], *, hrefs: list[str] | None = None, title: str = "Tiny Book") -> Path:
    """A minimal EPUB 3 whose spine lists the chapters in the order given."""
    hrefs = hrefs or [f"text/ch{i}.xhtml" for i in range(len(chapters))]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(
            f'<item id="c{i}" href="{h}" media-type="application/xhtml+xml"/>' for i, h in enumerate(hrefs)
        )
        items += '<item id="css" href="style.css" media-type="text/css"/>'
        spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
        z.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></metadata>'
            f"<manifest>{items}</manifest><spine>{spine}</spine></package>",
        )
        for h, body in zip(hrefs, chapters):
            if ".." in h or h.startswith("/"):
                continue
            z.writestr(
                f"OEBPS/{h}",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                f"<head><title>x</title></head><body>{body}</body></html>",
            )
    return path


def test_epub_chapters_follow_the_spine_not_the_file_names(tmp_path):
    path = make_epub(
        tmp_path / "book.epub",
        ["<h2>Chapter 1</h2><p>First <em>words</em> here.</p>", "<h2>Chapter 2</h2><p>Second <i>words</i>.</p>"],
        hrefs=["text/zz.xhtml", "text/aa.xhtml"],
    )
    s = fabula.load(path)
    assert s.source.format == "epub" and s.title == "Tiny Book"
    assert s.text == "Chapter 1\n\nFirst words here.\n\nChapter 2\n\nSecond words."
    assert italics(s) == ["words", "words"] and s.italics[1].start > s.text.index("Chapter 2")
    story = fabula.analyze(s, stages=["structure"])
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2"]


def test_epub_skips_navigation_and_non_linear_cover(tmp_path):
    """A book as packagers make them: a cover outside the reading order, a nav document in it."""
    path = tmp_path / "real.epub"
    xhtml = '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head><body>{}</body></html>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/container.xml",
            '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles>'
            '<rootfile full-path="book/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        z.writestr(
            "book/package.opf",
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<dc:title>  The   Quiet Road </dc:title></metadata><manifest>"
            '<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>'
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
            '<item id="c1" href="text/chapter%201.xhtml" media-type="application/xhtml+xml"/>'
            '<item id="img" href="images/cover.jpg" media-type="image/jpeg"/>'
            '</manifest><spine><itemref idref="cover" linear="no"/><itemref idref="nav"/><itemref idref="img"/>'
            '<itemref idref="c1"/><itemref idref="missing"/></spine></package>',
        )
        z.writestr("book/cover.xhtml", xhtml.format("<p>COVER IMAGE</p>"))
        z.writestr("book/nav.xhtml", xhtml.format('<nav epub:type="toc"><ol><li><a href="text/chapter%201.xhtml">Chapter 1</a></li></ol></nav>'))
        z.writestr("book/text/chapter 1.xhtml", xhtml.format("<h1>Chapter 1</h1><p>She walked <i>on</i>.</p>"))
    s = fabula.load(path)
    assert s.title == "The Quiet Road"
    assert s.text == "Chapter 1\n\nShe walked on." and italics(s) == ["on"]


def test_epub_from_stdin_is_recognised_by_its_bytes(tmp_path, monkeypatch):
    data = make_epub(tmp_path / "b.epub", ["<p>Hello from a zip, friend.</p>"]).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    s = ingest.story_from_path("-")
    assert s.source.format == "epub" and s.text == "Hello from a zip, friend."


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("Café “quoted” — naïve".encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + "Café “quoted” — naïve".encode("utf-8"), "utf-8 (BOM)"),
        ("Café “quoted” — naïve".encode("utf-16"), "utf-16 (BOM)"),
        (codecs.BOM_UTF16_BE + "Café “quoted” — naïve".encode("utf-16-be"), "utf-16 (BOM)"),
        ("Café “quoted” — naïve".encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_decoded_and_recorded(data, encoding):
    s = ingest.story_from_bytes(data)
    assert s.text == "Café “quoted” — naïve"
    assert s.source.encoding == encoding


def test_utf16_without_bom_is_recognised():
    for codec in ("utf-16-le", "utf-16-be"):
        s = ingest.story_from_bytes("Café “quoted” — naïve".encode(codec))
        assert s.text == "Café “quoted” — naïve" and s.source.encoding == codec


def test_utf8_with_a_stray_cp1252_byte_keeps_its_utf8():
    data = "It’s “fine” — café.".encode("utf-8") + b" A stray \x92quote\x94."
    s = ingest.story_from_bytes(data)
    assert s.text == "It’s “fine” — café. A stray ’quote”."
    assert s.source.encoding == "utf-8+cp1252"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    # 0x81 and 0x8d are unassigned in cp1252, so only latin-1 can read this.
    text, encoding = decode(b"caf\xe9 \x81\x8d ok")
    assert encoding == "latin-1" and text.startswith("café")


def test_html_bom_beats_meta_charset():
    data = codecs.BOM_UTF8 + '<meta charset="windows-1252"><p>naïve</p>'.encode("utf-8")
    s = ingest.story_from_bytes(data, fmt="html")
    assert s.text == "naïve" and s.source.encoding == "utf-8 (BOM)"


def test_html_without_charset_uses_the_text_fallback_chain():
    s = ingest.story_from_bytes("<p>naïve “x”</p>".encode("cp1252"), fmt="html")
    assert s.text == "naïve “x”" and s.source.encoding == "cp1252"


def test_html_with_a_lying_charset_still_decodes():
    s = ingest.story_from_bytes('<meta charset="utf-8"><p>caf\xe9</p>'.encode("latin-1"), fmt="html")
    assert s.text == "café" and s.source.encoding == "cp1252"


def test_stdin_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Once upon a time.\n\nThe end.".encode())))
    s = ingest.story_from_path("-")
    assert s.source.path == "-" and s.source.format == "txt" and s.text == "Once upon a time.\n\nThe end."


def test_stdin_html_is_recognised(monkeypatch):
    page = b"<!DOCTYPE html><html><body><p>Hi <i>you</i>.</p><p>Bye now.</p></body></html>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    s = ingest.story_from_path("-")
    assert s.source.format == "html" and s.text == "Hi you.\n\nBye now." and italics(s) == ["you"]


def test_unknown_suffix_is_an_input_error(tmp_path):
    p = tmp_path / "story.docx"
    p.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="unsupported file type"):
        ingest.story_from_path(p)
