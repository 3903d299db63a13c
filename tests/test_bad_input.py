"""Bad input through the command line: one line on stderr and a non-zero exit, or a valid result.

The CLI runs in-process (``fabula.cli.main``) so the suite stays fast; for inputs that are
merely odd the pipeline is cut to the structure stage, which is where odd text bites.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from fabula import pipeline
from fabula.cli import main
from fabula.nlp import MAX_PIECE, pieces

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" * 4


def run_cli(args, capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("fabula: error:"), lines[0]
    assert "Traceback" not in err and "internal error" not in err
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture
def structure_only(monkeypatch):
    monkeypatch.setattr(pipeline, "DEFAULT_STAGES", ("structure",))


def zip_bomb(path: Path, megabytes: int) -> Path:
    """An EPUB-looking zip whose entries inflate to ``megabytes`` from a thousandth of that."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", "<container/>")
        block = b"\0" * (1 << 20)
        for i in range(megabytes):
            z.writestr(f"OEBPS/part{i}.xhtml", block)
    return path


def ratio_bomb(path: Path) -> Path:
    """Small in total (under the size cap) but compressed far beyond any real book."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/container.xml", b" " * (20 << 20))
    return path


@pytest.mark.parametrize(
    "name, data, needle",
    [
        ("empty.txt", b"", "empty input"),
        ("blank.txt", b"  \n\n\t \r\n  ", "empty input"),
        ("image.txt", PNG, "binary"),
        ("image.png", PNG, "unsupported file type"),
        ("corrupt.epub", b"PK\x03\x04 this is not really a zip file at all", "not a valid EPUB"),
        ("nothing.html", b"<html><head><title>x</title></head><body><script>1</script></body></html>", "no story text"),
    ],
)
def test_bad_files_give_one_line(tmp_path, capsys, name, data, needle):
    p = tmp_path / name
    p.write_bytes(data)
    code, out, err = run_cli(["analyze", str(p)], capsys)
    assert_one_line_error(code, err, needle, name)
    assert out == ""


def test_missing_path_and_directory(tmp_path, capsys):
    code, _, err = run_cli(["analyze", str(tmp_path / "nope.txt")], capsys)
    assert_one_line_error(code, err, "no such file")
    code, _, err = run_cli(["analyze", str(tmp_path)], capsys)
    assert_one_line_error(code, err, "is a directory")


def test_zip_bomb_is_refused_quickly(tmp_path, capsys, monkeypatch):
    from fabula.ingest import epub

    # The same check as the real 200 MB cap, scaled down so the test need not compress 200 MB.
    monkeypatch.setattr(epub, "MAX_TOTAL_BYTES", 16 << 20)
    p = zip_bomb(tmp_path / "bomb.epub", 20)
    assert p.stat().st_size < 1 << 20
    t = time.perf_counter()
    code, _, err = run_cli(["analyze", str(p)], capsys)
    assert_one_line_error(code, err, "zip bomb")
    assert time.perf_counter() - t < 2


def test_compression_ratio_bomb_is_refused(tmp_path, capsys):
    code, _, err = run_cli(["analyze", str(ratio_bomb(tmp_path / "ratio.epub"))], capsys)
    assert_one_line_error(code, err, "compressed more than")


def test_truncated_epub(tmp_path, capsys):
    from test_ingest import make_epub

    good = make_epub(tmp_path / "good.epub", ["<p>Some words.</p>"]).read_bytes()
    p = tmp_path / "cut.epub"
    p.write_bytes(good[: len(good) // 2])
    code, _, err = run_cli(["analyze", str(p)], capsys)
    assert_one_line_error(code, err, "EPUB")


@pytest.mark.parametrize(
    "href, needle",
    [("../../etc/passwd", "outside the book"), ("/etc/passwd", "unsafe path"), ("file:///etc/passwd", "unsafe path")],
)
def test_epub_path_tricks_are_refused(tmp_path, capsys, href, needle):
    from test_ingest import make_epub

    p = make_epub(tmp_path / "evil.epub", ["<p>x</p>"], hrefs=[href])
    code, _, err = run_cli(["analyze", str(p)], capsys)
    assert_one_line_error(code, err, needle)


def test_encrypted_epub_is_refused(tmp_path, capsys):
    from test_ingest import make_epub

    data = bytearray(make_epub(tmp_path / "e.epub", ["<p>secret</p>"]).read_bytes())
    # Set the "encrypted" flag bit on every local and central directory header.
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(sig)
        while i >= 0:
            data[i + off] |= 1
            i = data.find(sig, i + 4)
    p = tmp_path / "locked.epub"
    p.write_bytes(bytes(data))
    code, _, err = run_cli(["analyze", str(p)], capsys)
    assert_one_line_error(code, err, "encrypted")


def test_epub_with_too_many_entries(tmp_path, capsys, monkeypatch):
    from fabula.ingest import epub

    monkeypatch.setattr(epub, "MAX_ENTRIES", 5)
    p = tmp_path / "many.epub"
    with zipfile.ZipFile(p, "w") as z:
        for i in range(6):
            z.writestr(f"f{i}.xhtml", "<p>x</p>")
    code, _, err = run_cli(["analyze", str(p)], capsys)
    assert_one_line_error(code, err, "entries")


# ---------------------------------------------------------------- odd but valid


def test_invalid_utf8_falls_back_and_gives_a_result(tmp_path, capsys, structure_only):
    p = tmp_path / "old.txt"
    p.write_bytes(b"He said \x93hello\x94 at the caf\xe9.\n\nShe left.\n")
    code, out, err = run_cli(["analyze", str(p)], capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["source"]["encoding"] == "cp1252"
    assert "“hello”" in doc["text"] and len(doc["paragraphs"]) == 2


@pytest.mark.parametrize(
    "data",
    [
        b"15.6K 385 42\n\nALANAWhere stories live. Discover now",  # nothing but clutter
        b"Chapter 1\n\nChapter 2\n",  # nothing but headings
        b'"',
        b"* * *",
        b"\r\n\r\nA line with Windows endings.\r\n",
        b"\x0c\tTabs\tand a form feed.\x0c",
    ],
)
def test_odd_text_gives_a_valid_result(tmp_path, capsys, structure_only, data):
    p = tmp_path / "odd.txt"
    p.write_bytes(data)
    code, out, err = run_cli(["analyze", str(p)], capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    for layer in ("paragraphs", "chapters", "scenes", "boilerplate"):
        assert all(0 <= s["start"] <= s["end"] <= len(doc["text"]) for s in doc[layer])


def test_byte_order_mark_alone_is_empty(tmp_path, capsys):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf")
    code, _, err = run_cli(["analyze", str(p)], capsys)
    assert_one_line_error(code, err, "no story text")


def test_malformed_html_gives_a_result(tmp_path, capsys, structure_only):
    p = tmp_path / "broken.html"
    p.write_bytes(b"<html><body><div><p>One <i>two<p>Three</div></span></table><p>Four <!-- never closed")
    code, out, err = run_cli(["analyze", str(p)], capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["text"].startswith("One two\n\nThree") and doc["italics"][0] == {"start": 4, "end": 7}


def test_ten_megabyte_single_line_is_quick(tmp_path, capsys, structure_only):
    words = ("lorem", "ipsum", "dolor", "sit", "amet,", "consectetur", "adipiscing", "elit.")
    line = " ".join(words[i % len(words)] for i in range(1_700_000))[: 10 * 2**20]
    p = tmp_path / "line.txt"
    p.write_text(line)
    t = time.perf_counter()
    code, out, err = run_cli(["analyze", str(p), "-o", str(tmp_path / "out.json")], capsys)
    elapsed = time.perf_counter() - t
    assert code == 0 and err == ""
    doc = json.loads((tmp_path / "out.json").read_text())
    assert doc["paragraphs"] == [{"start": 0, "end": len(line.rstrip())}]
    assert elapsed < 10, elapsed
    # The NLP stage cuts the paragraph into bounded pieces at white space, in linear time.
    from fabula.model import Span

    t = time.perf_counter()
    cut = list(pieces(line, [Span(0, len(line))]))
    assert time.perf_counter() - t < 2
    assert max(len(s) for _, s in cut) <= MAX_PIECE
    assert "".join(s for _, s in cut) == line


def test_single_line_without_any_white_space_is_cut_too():
    blob = "x" * 100_000
    from fabula.model import Span

    cut = list(pieces(blob, [Span(0, len(blob))]))
    assert "".join(s for _, s in cut) == blob and max(len(s) for _, s in cut) <= MAX_PIECE


def test_python_dash_m_fabula_reports_one_line(tmp_path):
    """The real entry point, in a fresh process: exit code and stderr as a user sees them."""
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "fabula", "analyze", str(p)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"fabula: error: {p}: empty input"]
