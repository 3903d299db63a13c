"""HTML pages: a saved chapter from Wattpad, AO3, FanFiction.net, Royal Road or Standard Ebooks.

We build a small tree with the stdlib ``html.parser`` (it never gives up on broken markup),
pick the story container by site hints with a generic fallback, and write its text out with
paragraphs separated by blank lines.  Italics are recorded as spans over the text we write,
because that text *is* the document.
"""

from __future__ import annotations

import codecs
import functools
import re
from html.parser import HTMLParser

from fabula.ingest import Extracted, reader
from fabula.model import Span

VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
# Elements whose content is never story text.
SKIP = frozenset(
    "script style noscript template head nav header footer aside form button select option textarea "
    "iframe svg canvas math object audio video menu dialog".split()
)
BLOCK = frozenset(
    "address article blockquote body dd details div dl dt fieldset figcaption figure h1 h2 h3 h4 h5 h6 "
    "hgroup html li main ol p pre section summary table tbody td tfoot th thead tr ul center".split()
)
# Starting one of these closes an open <p> (the HTML rule that makes `<p>a<p>b` two paragraphs).
CLOSES_P = BLOCK - {"body", "html", "td", "th", "tr", "tbody", "thead", "tfoot", "li", "dd", "dt"}
ITALIC = frozenset({"i", "em", "cite"})
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
HEADINGS_ONLY = frozenset({"meta", "preface"})  # AO3 chapter prefaces: keep the heading, drop the notes
# Class or id tokens that mark clutter on fiction sites (comment counters, share bars, screen-reader labels).
_CLUTTER = re.compile(
    r"^(?:comments?|comment[-_].*|.*[-_]comments?|share.*|social.*|sidebar|ads?|advert.*|banner|nav|navbar|"
    r"nav[-_].*|menu|breadcrumbs?|pagination|pager|hidden|sr-only|visually-hidden|landmark|actions|"
    r"kudos|bookmarks?|author-note.*|notes|end-notes|summary|portlet.*)$",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_CLASS = re.compile(r"\.([A-Za-z_][\w-]*)\s*\{[^}]*?(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
_WS = re.compile(r"[ \t\n\r\f]+")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""",
    re.IGNORECASE,
)


class Node:
    """An element: ``children`` holds elements and text in order, ``kids`` the elements alone."""

    __slots__ = ("tag", "attrs", "children", "kids", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None"):
        self.tag, self.attrs, self.children, self.kids, self.parent = tag, attrs, [], [], parent

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self):
        """This node and all element descendants, in document order (no recursion: pages nest deeply)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(node.kids[::-1])

    def text(self) -> str:
        parts = []
        stack: list = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            elif node.tag not in SKIP:
                stack.extend(reversed(node.children))
        return _WS.sub(" ", "".join(parts)).strip()


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in CLOSES_P:
            self._close_open("p", stop_at=BLOCK - {"p"})
        elif tag == "li":
            self._close_open("li", stop_at=frozenset({"ul", "ol"}))
        node = Node(tag, {k.lower(): (v or "") for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        self.cur.kids.append(node)
        if tag not in VOID:
            self.cur = node
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        self._in_style = False
        node = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # an unmatched end tag is ignored
            self.cur = node.parent

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)
        self.cur.children.append(data)

    def _close_open(self, tag: str, stop_at: frozenset[str]) -> None:
        node = self.cur
        while node is not None and node.parent is not None:
            if node.tag == tag:
                self.cur = node.parent
                return
            if node.tag in stop_at:
                return
            node = node.parent


def parse(html: str) -> tuple[Node, list[str]]:
    builder = _TreeBuilder()
    try:
        builder.feed(html)
        builder.close()
    except (AssertionError, ValueError):  # very old parsers could choke on bogus declarations
        pass
    return builder.root, builder.styles


# ---------------------------------------------------------------- selecting the story


@functools.lru_cache(maxsize=None)
def _parse_simple(simple: str) -> tuple[str, str, str, str] | None:
    """One simple selector: ``tag``, ``#id``, ``.class``, ``tag.class``, ``tag[attr]``."""
    m = re.fullmatch(r"([\w-]*)(?:#([\w-]+))?(?:\.([\w-]+))?(?:\[([\w:-]+)\])?", simple)
    return tuple(g or "" for g in m.groups()) if m else None  # type: ignore[return-value]


def _match(node: Node, parsed: tuple[str, str, str, str]) -> bool:
    tag, ident, cls, attr = parsed
    if tag and node.tag != tag:
        return False
    attrs = node.attrs
    return (
        (not ident or attrs.get("id") == ident)
        and (not cls or cls in attrs.get("class", "").split())
        and (not attr or attr in attrs)
    )


def select(root: Node, selector: str) -> list[Node]:
    """Outermost descendants matching a (descendant-combinator) selector, in document order."""
    scopes = [root]
    for simple in selector.split():
        parsed = _parse_simple(simple)
        if parsed is None:
            return []
        found = []
        for scope in scopes:
            stack = scope.kids[::-1]
            while stack:
                node = stack.pop()
                if _match(node, parsed):
                    found.append(node)
                else:
                    stack.extend(node.kids[::-1])
        scopes = found
    return scopes


# (selector that finds the story, site name); the first that matches wins.
SITE_HINTS: tuple[tuple[str, str], ...] = (
    ("#chapters", "ao3"),
    ("#storytext", "fanfiction.net"),
    ("#storytextp", "fanfiction.net"),
    (".chapter-content", "royalroad"),
    ("p[data-p-id]", "wattpad"),
    (".panel-reading pre", "wattpad"),
)


def _is_clutter(node: Node, hidden_classes: frozenset[str]) -> bool:
    if node.tag in SKIP:
        return True
    if "hidden" in node.attrs or node.attrs.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(node.attrs.get("style", "")):
        return True
    tokens = node.classes + node.attrs.get("id", "").split()
    return any(t in hidden_classes or _CLUTTER.match(t) for t in tokens)


def _containers(root: Node, hidden: frozenset[str]) -> list[Node]:
    for selector, site in SITE_HINTS:
        found = [n for n in select(root, selector) if n.text()]
        if site == "ao3":
            found = [n for n in found if select(n, ".userstuff")]
        if found:
            return found
    body = select(root, "body")
    scope = body[0] if body else root
    if any("epub:type" in n.attrs for n in scope.iter()):
        return [scope]  # Standard Ebooks / EPUB content: the whole body is the chapter
    return [_densest(scope, hidden)]


def _densest(scope: Node, hidden: frozenset[str]) -> Node:
    """The element whose own paragraphs hold the most text (the generic story finder)."""
    best, best_score = scope, 0
    stack = [scope]
    while stack:  # every element outside clutter (a comment thread can be longer than the story)
        node = stack.pop()
        stack.extend(k for k in reversed(node.kids) if not _is_clutter(k, hidden))
        score = sum(len(c.text()) for c in node.children if isinstance(c, Node) and c.tag in ("p", "br", "pre"))
        score += sum(len(c.strip()) for c in node.children if isinstance(c, str))
        if score > best_score:
            best, best_score = node, score
    if best is scope:
        return scope
    # Keep a heading that sits just above the text (chapter titles live beside the paragraphs).
    parent = best.parent
    if parent is not None and any(isinstance(c, Node) and c.tag in ("h1", "h2", "h3") for c in parent.children):
        return parent if len(parent.text()) < 1.2 * len(best.text()) + 300 else best
    return best


# ---------------------------------------------------------------- writing the text


class _Writer:
    """Collapses white space like a browser and keeps offsets of italics in what it writes."""

    def __init__(self):
        self.parts: list[str] = []
        self.pos = 0
        self.brk = 0  # pending separator: 0 none, 1 line break, 2 paragraph break
        self.space = False
        self.has_text = False  # anything written in the current paragraph
        self.italic_depth = 0
        self.italic_start: int | None = None
        self.italics: list[Span] = []
        self.pre = 0
        self.spacer = False  # a blank (``&nbsp;``) paragraph was seen since the last text

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def text(self, data: str) -> None:
        if self.pre:
            lines = data.split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.line_break()
                    self.line_break()
                self._words(line)
            return
        self._words(data)

    def _words(self, data: str) -> None:
        collapsed = _WS.sub(" ", data)
        if not collapsed.strip(" "):
            if collapsed and self.has_text:
                self.space = True
            return
        if not collapsed.strip():
            # ``<p>&nbsp;</p>``: a spacer line.  It is written as one more blank line, the way
            # scraped text shows a deliberate gap (which the structure stage may read as a scene break).
            if not self.has_text and self.brk == 2:
                self.spacer = True
            elif self.has_text:
                self.space = True
            return
        if collapsed[0] == " " and self.has_text:
            self.space = True
        body = collapsed.strip(" ")
        if self.brk and self.pos:
            self._emit("\n\n\n" if self.brk == 2 and self.spacer else "\n\n" if self.brk == 2 else "\n")
        elif self.space and self.has_text:
            self._emit(" ")
        self.brk, self.space, self.spacer = 0, collapsed[-1] == " ", False
        if self.italic_depth and self.italic_start is None:
            self.italic_start = self.pos
        self._emit(body)
        self.has_text = True

    def block(self) -> None:
        self._close_italic()
        if self.pos:
            self.brk = 2
        self.space, self.has_text = False, False

    def line_break(self) -> None:
        if self.brk >= 1 and self.pos:
            self._close_italic()
            self.brk = 2
            self.has_text = False
        elif self.has_text:
            self.brk = 1
            self.space = False

    def scene_break(self) -> None:
        self.block()
        self._words("* * *")
        self.block()

    def open_italic(self) -> None:
        self.italic_depth += 1

    def close_italic(self) -> None:
        self.italic_depth = max(0, self.italic_depth - 1)
        if not self.italic_depth:
            self._close_italic()

    def _close_italic(self) -> None:
        if self.italic_start is not None and self.pos > self.italic_start:
            self.italics.append(Span(self.italic_start, self.pos))
        self.italic_start = None

    def result(self) -> tuple[str, tuple[Span, ...]]:
        self._close_italic()
        return "".join(self.parts), tuple(self.italics)


def _headings(node: Node, hidden: frozenset[str]) -> list[Node]:
    """The headings inside ``node``, outside any clutter, in document order."""
    found, stack = [], node.kids[::-1]
    while stack:
        n = stack.pop()
        if _is_clutter(n, hidden):
            continue
        if n.tag in HEADINGS:
            found.append(n)
        else:
            stack.extend(n.kids[::-1])
    return found


def _render(containers: list[Node], hidden: frozenset[str]) -> tuple[str, tuple[Span, ...]]:
    w = _Writer()
    for container in containers:
        w.block()
        # Explicit stack of (node, entering) so deep nesting cannot overflow the recursion limit.
        stack: list = [(container, True)]
        while stack:
            node, entering = stack.pop()
            if isinstance(node, str):
                w.text(node)
                continue
            if entering:
                if node is not container and _is_clutter(node, hidden):
                    continue
                if node is not container and HEADINGS_ONLY & set(node.classes):
                    # AO3's chapter preface: its heading names the chapter, the rest is notes.
                    heads = _headings(node, hidden)
                    stack.extend((h, True) for h in reversed(heads))
                    continue
                if node.tag == "br":
                    w.line_break()
                    continue
                if node.tag == "hr":
                    w.scene_break()
                    continue
                if node.tag in BLOCK:
                    w.block()
                if node.tag in ITALIC:
                    w.open_italic()
                if node.tag == "pre":
                    w.pre += 1
                stack.append((node, False))
                stack.extend((c, True) for c in reversed(node.children))
            else:
                if node.tag in ITALIC:
                    w.close_italic()
                if node.tag == "pre":
                    w.pre -= 1
                if node.tag in BLOCK:
                    w.block()
    return w.result()


# ---------------------------------------------------------------- title and decoding


_SITE_SUFFIX = re.compile(
    r"\s*(?:[|\-–—]\s*)?\[?(?:Wattpad|Archive of Our Own|AO3|FanFiction(?:\.net)?|Fiction ?Press|Royal ?Road|"
    r"Standard Ebooks)\]?\s*$",
    re.IGNORECASE,
)
# ", a harry potter fanfic" (FanFiction.net) and a trailing chapter name are not the story's title.
_FANFIC_SUFFIX = re.compile(r",\s+an?\s+.{1,80}?\s+(?:fanfic|fanfiction|crossover|fiction)\s*$", re.IGNORECASE)
_CHAPTER_SUFFIX = re.compile(r"(?<=\S)\s*(?:[-–—:|,]\s*)?\b(?:chapter|ch\.|part)\s+[\w.]+\b.*$", re.IGNORECASE)
# Where each site prints the story's own title (the page <title> mixes in chapter, author, fandom).
TITLE_HINTS = ("#workskin h2.title", "#preface h1", "#profile_top b", ".fic-header h1", ".story-info .title", "h1.h2")


_CHAPTER_PREFIX = re.compile(r"^(?:chapter|ch\.|part)\s+[\w.]+\s*[-–—:|]\s*(?=\S)", re.IGNORECASE)


def _clean_title(title: str) -> str | None:
    """The story's name from a page title; None when what is left only names a chapter."""
    from fabula.structure.headings import heading_kind

    title = _WS.sub(" ", title).strip()
    for pattern in (_SITE_SUFFIX, _FANFIC_SUFFIX, _CHAPTER_SUFFIX, _CHAPTER_PREFIX):
        title = pattern.sub("", title).strip(" |-–—:,") or title
    if not title or heading_kind(title) in ("chapter", "number", "part"):
        return None
    return title


def _title_candidates(root: Node):
    for selector in TITLE_HINTS:
        for node in select(root, selector):
            yield node.text()
    for meta in select(root, "meta"):
        if meta.attrs.get("property", meta.attrs.get("name", "")).lower() in ("og:title", "dc.title", "dcterms.title"):
            yield meta.attrs.get("content", "")
    for tag in ("title", "h1"):
        for node in select(root, tag)[:1]:
            yield node.text()


def find_title(root: Node) -> str | None:
    """The site's title element, og:title, the page's ``<title>`` or the first h1, cleaned of site clutter."""
    for candidate in _title_candidates(root):
        title = _clean_title(candidate) if candidate.strip() else None
        if title:
            return title
    return None


def decode_html(data: bytes) -> tuple[str, str]:
    """BOM, then ``<meta charset>`` / XML declaration, then the plain-text fallback chain."""
    from fabula.ingest.text import decode

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = (m.group(1) or m.group(2)).decode("ascii", "replace").lower()
        if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
            name = "cp1252"  # what browsers do: these labels mean windows-1252 on the web
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec and not codec.startswith("utf-16") and not codec.startswith("utf-32"):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass
    return decode(data)


def extract_html(html: str, *, whole_body: bool = False) -> tuple[str, tuple[Span, ...], str | None]:
    """(text, italics, title) of a page; ``whole_body`` skips container selection (EPUB chapters)."""
    root, styles = parse(html)
    hidden = frozenset(m.group(1) for s in styles for m in _HIDDEN_CLASS.finditer(s))
    if whole_body:
        body = select(root, "body")
        containers = body[:1] or [root]
    else:
        containers = _containers(root, hidden)
    text, italics = _render(containers, hidden)
    return text, italics, find_title(root)


@reader("html", ".html", ".htm", ".xhtml")
def read_html(data: bytes) -> Extracted:
    html, encoding = decode_html(data)
    text, italics, title = extract_html(html)
    return Extracted(text=text, encoding=encoding, italics=italics, title=title)
