"""The HTML reader: escaping, size, offline-ness, and how it behaves in a real browser."""

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from fabula.export import writers
from fabula.export.html_reader import render
from fabula.model import (
    Boilerplate,
    Chapter,
    Character,
    Conversation,
    Quote,
    Segment,
    Source,
    Span,
    Story,
)

TEXT = (
    "12 reads 3 votes\n\n"
    "Chapter One\n\n"
    "\"I want to leave,\" Mara said to Tom. \"Now.\"\n\n"
    "\"No,\" he said. <script>window.pwned = 1</script>\n\n"
    "* * *\n\n"
    "Tom walked out. <img src=x onerror=\"window.pwned = 2\"> Mara stayed & waited.\n"
)


def _at(text, needle, start=0):
    i = text.index(needle, start)
    return i, i + len(needle)


def bare_story(text=TEXT) -> Story:
    return Story(text=text, source=Source(path="/tmp/mara.txt", format="txt", encoding="utf-8", sha256="ab" * 32))


def full_story() -> Story:
    t = TEXT
    paras = [Span(*_at(t, s)) for s in ('"I want to leave," Mara said to Tom. "Now."', '"No," he said. <script>window.pwned = 1</script>',
                                         'Tom walked out. <img src=x onerror="window.pwned = 2"> Mara stayed & waited.')]
    q1, q2, q3 = _at(t, '"I want to leave,"'), _at(t, '"Now."'), _at(t, '"No,"')
    return dataclasses.replace(
        bare_story(),
        title="Mara <b>& Tom</b>",
        boilerplate=(Boilerplate(0, 16, "stats"), Boilerplate(*_at(t, "Chapter One"), "heading")),
        chapters=(Chapter(_at(t, "Chapter One")[0], len(t), "Chapter One"),),
        scenes=(Span(paras[0].start, paras[1].end), Span(paras[2].start, len(t))),
        paragraphs=tuple(paras),
        italics=(Span(q1[0] + 3, q1[0] + 7),),
        characters=(Character("C1", "Mara", ("Mara", "M."), "F", mentions=3, quotes=2, narrator=False),
                    Character("C2", "Tom <i>the cat</i>", (), "M", mentions=3, quotes=1)),
        quotes=(Quote("Q1", *q1, speaker="C1", addressees=("C2",), type="explicit", confidence=0.9, conversation="V1"),
                Quote("Q2", *q2, speaker="C1", addressees=("C2",), type="explicit", confidence=0.8, conversation="V1"),
                Quote("Q3", *q3, speaker="C2", addressees=("C1",), type="anaphoric", confidence=0.7, conversation="V1")),
        conversations=(Conversation("V1", q1[0], q3[1], ("C1", "C2"), ("Q1", "Q2", "Q3")),),
        segments=(Segment(paras[0].start, paras[1].end, "third", None, "C1"), Segment(paras[2].start, len(t), "third")),
        emotion={"story": {"valence": [0.1, -0.3, 0.5, 0.2], "emotions": {"joy": [0, 1, 2, 1], "fear": [1, 1, 0, 0]}, "points": 4},
                 "chapters": [], "characters": {"C1": {"valence": 0.2}, "C2": {"valence": -0.4}},
                 "relationships": [{"source": "C1", "target": "C2", "valence": -0.3}]},
        network={"nodes": [{"id": "C1", "name": "Mara", "gender": "F", "mentions": 3, "quotes": 2},
                           {"id": "C2", "name": "Tom <i>the cat</i>", "gender": "M", "mentions": 3, "quotes": 1}],
                 "edges": [{"source": "C1", "target": "C2", "kind": "conversation", "weight": 3},
                           {"source": "C1", "target": "C2", "kind": "copresence", "weight": 2}], "chapters": []},
    )


def test_story_markup_is_escaped_not_injected():
    page = render(full_story())
    assert "<script>window.pwned" not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    assert "Mara stayed &amp; waited." in page
    assert "<b>& Tom</b>" not in page and "Mara &lt;b&gt;&amp; Tom&lt;/b&gt;" in page  # the title
    assert "<i>the cat</i>" not in page  # a character name, in the cast table, the SVG and the JSON data
    # The JSON data block cannot be closed by a name: no '<' survives inside it.
    data = re.search(r'<script id="fabula-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and "\\u003ci\\u003ethe cat" in data
    # Exactly two script elements: our data and our code.
    assert page.count("<script") == 2


def test_odd_labels_from_layers_are_escaped_too():
    story = full_story()
    story = dataclasses.replace(
        story, segments=(Segment(story.paragraphs[0].start, len(story.text), "<img src=x onerror=alert(1)>", "Z<9>"),),
        boilerplate=(Boilerplate(0, 16, 'x"><script>alert(1)</script>'),),
        chapters=(Chapter(story.chapters[0].start, len(story.text), "<i>One</i>"),))
    page = render(story)
    assert "<img" not in page and "<script>alert" not in page and "<i>One</i>" not in page
    assert "Z&lt;9&gt;" in page and "&lt;i&gt;One&lt;/i&gt;" in page


def test_quotes_are_coloured_by_speaker_and_layers_drawn():
    page = render(full_story())
    tags = re.findall(r"<q class=(k\d+|ku)>", page)
    assert len(tags) == 3  # numbered implicitly: they follow story.quotes in order
    assert tags[0] == tags[1] != tags[2]  # Mara's two quotes share a colour, Tom's differs
    assert '<q class=k0>"I <em>want</em>' in page
    assert page.count("<svg") >= 3  # network, valence arc, emotions
    assert 'class="bp" data-kind="stats"' in page and '<h2 class="hd">Chapter One</h2>' in page
    assert '<div class="gap">* * *</div>' in page
    assert 'id="ch1"' in page and 'id="sc2"' in page and 'href="#sc2"' in page
    assert "Mara <em>· third person, point of view</em>" in page


def numbering_story() -> Story:
    """A quote hidden in boilerplate (the numbering jumps) and one running over two paragraphs."""
    text = '"A," said Ann.\n\n"X," says the footer.\n\n"B and\n\nC," said Bob.\n\n"D," said Ann.\n'
    p = [_at(text, s) for s in ('"A," said Ann.', '"B and', 'C," said Bob.', '"D," said Ann.')]
    return dataclasses.replace(
        bare_story(text), paragraphs=tuple(Span(*x) for x in p), boilerplate=(Boilerplate(*_at(text, '"X," says the footer.'), "footer"),),
        characters=(Character("C1", "Ann"), Character("C2", "Bob")),
        quotes=(Quote("Q1", *_at(text, '"A,"'), "C1"), Quote("Q2", *_at(text, '"X,"'), "C2"),
                Quote("Q3", text.index('"B'), _at(text, 'C,"')[1], "C2"), Quote("Q4", *_at(text, '"D,"'), "C1")))


def test_quote_numbering_is_implicit_with_jumps_and_continuations():
    tags = re.findall(r"<q [^>]*>", render(numbering_story()))
    assert tags == ["<q class=k0>", "<q class=k1 data-q=2>", "<q class=k1 data-c=2>", "<q class=k0>"]


def test_scene_break_drawn_only_between_prose():
    assert '<div class="sc" id="sc2">' in render(full_story())  # the text has its own "* * *"
    text = "First scene ends here.\n\n\nSecond scene begins.\n"
    a, b = _at(text, "First scene ends here."), _at(text, "Second scene begins.")
    story = dataclasses.replace(bare_story(text), paragraphs=(Span(*a), Span(*b)), scenes=(Span(a[0], a[1]), Span(b[0], b[1])))
    assert '<div class="sc br" id="sc2">' in render(story) and '<div class="sc" id="sc1">' in render(story)


def test_every_piece_of_text_appears_once():
    story = full_story()
    page = render(story)
    visible = re.sub(r"<[^>]+>", "", page.split('<main class="text">')[1].split("</main>")[0])
    for line in ("I want to leave,", "Mara said to Tom.", "Tom walked out.", "12 reads 3 votes"):
        assert visible.count(line) == 1



NAN = float("nan")
ODD_LAYERS = {
    "emotion": {"story": {"valence": [0.1, NAN, 0.2], "emotions": {"joy": ["a", 1], "fear": [0, 0, 0], "<b>": [1, 2]}, "points": "x"},
                "chapters": [{"valence": NAN}, {"valence": [0.1, 0.2]}, "junk"], "characters": {"C1": {"valence": NAN}, "C9": 0.5, 3: None},
                "relationships": [{"source": "C1", "target": ["x"], "valence": 1}, {"pair": ["C1", "C2"], "score": "high"}, None]},
    "network": {"nodes": [{"id": "C1", "mentions": "many", "quotes": NAN}, {"id": None}, {"id": "C2", "name": None, "mentions": -3}, "junk"],
                "edges": [{"source": "C1", "target": "C2", "weight": "heavy"}, {"source": "C1", "target": "C1", "kind": "conversation"},
                          {"source": "C1", "target": "C7", "kind": "copresence", "weight": NAN}, 7]},
}

@pytest.mark.parametrize("layers", [{}, {"emotion": None, "network": None}, ODD_LAYERS, {"emotion": {}, "network": {"nodes": [], "edges": []}},
                                    {"emotion": {"story": {"valence": "bad"}}, "network": {"nodes": [{"name": "x"}]}}])
def test_empty_and_odd_layers_still_render(layers):
    story = dataclasses.replace(bare_story(), **layers)
    page = render(story)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "No characters in this analysis." in page
    assert "&lt;script&gt;" in page  # text shown as blank-line paragraphs when there is no structure


def test_long_cast_folds_and_network_keeps_the_most_present():
    chars = tuple(Character(f"C{i}", f"Person {i:02d}", mentions=100 - i, quotes=50 - i) for i in range(40))
    nodes = [{"id": c.id, "name": c.name, "mentions": c.mentions, "quotes": c.quotes} for c in chars]
    edges = [{"source": "C0", "target": f"C{i}", "kind": "conversation", "weight": i} for i in range(1, 40)]
    page = render(dataclasses.replace(full_story(), characters=chars, quotes=(), network={"nodes": nodes, "edges": edges}))
    table = page.split('<table class="cast">')[1].split("</table>")[0]
    shown, folded = table.split('<tbody class="more" hidden>')
    assert shown.count("<tr class=") == 15 and folded.count("<tr class=") == 25
    assert "all 40 characters</button>" in page
    net = re.search(r'<svg[^>]*aria-label="character network">.*?</svg>', page, re.S).group(0)
    assert net.count("<circle") == 16 and "Person 00" in net and "Person 39" not in net
    assert "the 16 most present of 40 characters" in page


def test_network_draws_one_chord_per_pair_and_kind():
    from fabula.export.reader_svg import network

    nodes = [{"id": "A", "name": "Ann", "mentions": 3}, {"id": "B", "name": "Bob", "mentions": 2}]
    edges = [{"source": "A", "target": "B", "kind": "conversation", "weight": 3},
             {"source": "B", "target": "A", "kind": "conversation", "weight": 4},
             {"source": "A", "target": "B", "kind": "copresence", "weight": 1}]
    pic = network(nodes, edges, {})
    assert pic.count("<path") == 2 and "Ann – Bob: conversation ×7" in pic


def test_narration_strip_links_to_each_stretch():
    page = render(full_story())
    strip = re.search(r'<svg[^>]*aria-label="narration through the story">.*?</svg>', page, re.S).group(0)
    assert strip.count('<a href="#sg') == 2 and 'id="sg1"' in page and 'id="sg2"' in page


def test_without_structure_blank_lines_make_paragraphs():
    page = render(bare_story("One.\r\n\r\nTwo & <three>.\r\n"))
    assert "<p>One.</p>" in page and "<p>Two &amp; &lt;three&gt;.</p>" in page


def test_offline_by_construction():
    page = render(full_story())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page


def test_deterministic_and_small():
    assert render(full_story()) == render(full_story())
    # A long story with many quotes: the page stays within 3x the text plus 600 KB.
    para = "\"Where were you,\" she asked him, \"all night?\" He did not answer her & looked away.\n\n"
    text = para * 4000
    starts = [m.start() for m in re.finditer(re.escape(para), text)]
    quotes, paras = [], []
    for i, s in enumerate(starts):
        paras.append(Span(s, s + len(para) - 2))
        a = text.index('"Where', s)
        b = text.index('"', a + 1) + 1
        c = text.index('"all', b)
        quotes += [Quote(f"Q{2 * i + 1}", a, b, "C1"), Quote(f"Q{2 * i + 2}", c, text.index('"', c + 1) + 1, None)]
    story = dataclasses.replace(bare_story(text), paragraphs=tuple(paras), quotes=tuple(quotes),
                                characters=(Character("C1", "Ann", gender="F", mentions=4000, quotes=4000),))
    page = render(story)
    assert len(page.encode()) <= 3 * len(text.encode()) + 600_000


def test_writer_is_registered_and_writes_file(tmp_path):
    html = writers()["html"]
    out = tmp_path / "story.html"
    html.write(full_story(), out)
    assert out.read_text(encoding="utf-8") == render(full_story())


# --- in a browser ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (run .ci/browser-setup.sh)")
    if not CHROMIUM:
        pytest.skip("chromium is not installed (run .ci/browser-setup.sh)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield b
        b.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def route(r):
        requests.append(r.request.url)
        r.continue_() if r.request.url == path.as_uri() else r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems, requests


def test_in_chromium_offline_inert_and_readable(browser, tmp_path):
    path = tmp_path / "story.html"
    path.write_text(render(full_story()), encoding="utf-8")
    page, problems, requests = open_page(browser, path)
    assert requests == [path.as_uri()]  # nothing but the page itself
    assert problems == []
    assert page.evaluate("typeof window.pwned") == "undefined"
    main = page.inner_text("main")
    assert "<script>window.pwned = 1</script>" in main and "<img src=x" in main
    assert page.get_by_text("I want to leave", exact=False).first.is_visible()
    cast = page.locator("table.cast")
    assert cast.get_by_text("Mara", exact=True).is_visible()
    assert cast.get_by_text("Tom <i>the cat</i>", exact=True).is_visible()
    # Hovering a quote shows its speaker and addressee; clicking a character fades the others' quotes.
    page.hover("main q >> nth=2")
    pop = page.locator("#pop")
    assert pop.is_visible() and "Tom <i>the cat</i>" in pop.inner_text() and "Mara" in pop.inner_text()
    page.mouse.move(0, 0)
    assert not pop.is_visible()
    page.focus("main q >> nth=0")  # the keyboard reaches the same card
    assert pop.is_visible() and pop.inner_text().startswith("Mara")
    page.keyboard.press("Tab")
    assert "Mara" in pop.inner_text() and page.evaluate("document.activeElement.qi") == 1
    page.evaluate("document.activeElement.blur()")
    cast.locator("tr[data-k]").first.click()
    assert page.locator("main q.dim").count() == 1
    assert problems == [] and page.evaluate("typeof window.pwned") == "undefined"
    page.close()


def test_in_chromium_quote_numbering(browser, tmp_path):
    path = tmp_path / "numbers.html"
    path.write_text(render(numbering_story()), encoding="utf-8")
    page, problems, _ = open_page(browser, path)
    assert page.evaluate("Array.from(document.querySelectorAll('main q')).map(q => q.qi)") == [0, 2, 2, 3]
    page.hover("main q >> nth=1")
    assert page.locator("#pop b").inner_text() == "Bob"
    assert page.locator("main q.on").count() == 2  # both paragraphs of the quote light up
    page.hover("main q >> nth=3")
    assert page.locator("#pop b").inner_text() == "Ann" and problems == []
    page.close()


def test_in_chromium_long_cast_unfolds(browser, tmp_path):
    chars = tuple(Character(f"C{i}", f"Person {i:02d}", mentions=100 - i) for i in range(30))
    path = tmp_path / "cast.html"
    path.write_text(render(dataclasses.replace(full_story(), characters=chars)), encoding="utf-8")
    page, problems, _ = open_page(browser, path)
    last = page.locator("table.cast").get_by_text("Person 29", exact=True)
    assert not last.is_visible()
    page.click("button.more")
    assert last.is_visible() and problems == []
    page.close()


@pytest.mark.parametrize("layers", [{}, ODD_LAYERS])
def test_in_chromium_bare_and_odd_stories(browser, tmp_path, layers):
    path = tmp_path / "bare.html"
    path.write_text(render(dataclasses.replace(bare_story(), **layers)), encoding="utf-8")
    page, problems, requests = open_page(browser, path)
    assert problems == [] and requests == [path.as_uri()]  # e.g. no SVG attribute errors from NaN
    assert "Mara stayed & waited." in page.inner_text("main")
    page.close()


WEBFICTION = Path(__file__).resolve().parents[2] / "shared" / "data" / "webfiction" / "wattpad-dual-pov.txt"


@pytest.mark.skipif(not WEBFICTION.exists(), reason="../shared/data/webfiction is not present")
def test_real_chapter_through_the_cli(tmp_path):
    from fabula.cli import main

    out = tmp_path / "w.html"
    assert main(["analyze", str(WEBFICTION), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    size = WEBFICTION.stat().st_size
    assert len(page.encode()) <= 3 * size + 600_000
    assert page.count("<q class=") >= 30
    assert "15.6K 385 42" in page and 'data-kind="footer"' in page
