"""Structure: headings, scene breaks, boilerplate, title, paragraph repair; web-fiction gold checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fabula
from fabula.structure.headings import heading_kind, is_scene_break, parse_heading

SHARED = Path(__file__).resolve().parents[2] / "shared"
WEBFICTION = SHARED / "data" / "webfiction"

PROSE = "She walked along the quiet road and thought about the letter she had not yet opened."
MORE = "The rain had stopped, but the trees still dripped onto the path beneath them all day."


def structure(text: str):
    return fabula.analyze(text, stages=["structure"])


def texts(story, spans) -> list[str]:
    return [story.text[s.start : s.end] for s in spans]


def kinds(story) -> list[tuple[str, str]]:
    return [(b.kind, story.text[b.start : b.end]) for b in story.boilerplate]


# ---------------------------------------------------------------- headings, one line at a time


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Chapter 1", "chapter"),
        ("CHAPTER IV.", "chapter"),
        ("Chapter Twelve", "chapter"),
        ("Chapter Twenty-One: The Storm", "chapter"),
        ("_Chapter I_", "chapter"),
        ("**Chapter 3**", "chapter"),
        ("Prologue", "chapter"),
        ("Epilogue: Ten Years Later", "chapter"),
        ("Letter 4", "chapter"),
        ("CHAPTER THE LAST", "chapter"),
        ("Conclusion", "chapter"),
        ("Part II", "part"),
        ("BOOK ONE", "part"),
        ("XIV", "number"),
        ("IV.", "number"),
        ("12", "number"),
        ("I. The Return", "number"),
        ("01 My Early Home", "number"),
        ("[ 12 ]", "number"),
        ("\u2014 IV \u2014", "number"),
        ("~ 3 ~", "number"),
        ("ALANA", "pov"),
        ("Ares' POV", "pov"),
        ("POV: Kaelan", "pov"),
        ("THE HEAT-RAY IN THE CHOBHAM ROAD", "caps"),
    ],
)
def test_heading_kinds(line, kind):
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Chapters of my life were closing, one by one, and I knew it.",
        '"ARES!"',
        "NO",
        "THE END",
        "She said it was chapter and verse, and that was that, and then she left.",
        "2 eggs, beaten",
        "I Love You",
        "STOP.",
        "Like a ghost, she drifted through the hall.",
        "\u2014 I",
        "\u2014I\u2014",
        "[ 1 ] and more",
    ],
)
def test_not_headings(line):
    assert heading_kind(line) is None


def test_a_heading_block_carries_its_subtitle():
    h = parse_heading("CHAPTER I.\nTHE STRANGE MAN'S ARRIVAL")
    assert h.kind == "chapter" and h.title == "CHAPTER I. THE STRANGE MAN'S ARRIVAL"
    h = parse_heading("CHAPTER\n1")
    assert h.kind == "chapter" and h.title == "CHAPTER 1"
    assert parse_heading("CHAPTER I.\nIt was a dark and stormy night, and the rain fell in torrents, except at occasional intervals.") is None


@pytest.mark.parametrize("line", ["***", "* * *", "*", "~~~", "~ ~ ~", "#", "o0o", "OoO", "-----", "◇◇◇", "* * * * * * *"])
def test_scene_breaks(line):
    assert is_scene_break(line)


@pytest.mark.parametrize("line", ["**Note**", "# of people", "--he said", "o0o0 and more text"])
def test_not_scene_breaks(line):
    assert not is_scene_break(line)


# ---------------------------------------------------------------- chapters


def test_chapters_of_every_heading_form():
    heads = ["Prologue", "Chapter 1", "CHAPTER II.", "Chapter Three: The Road", "Epilogue"]
    text = "\n\n".join(f"{h}\n\n{PROSE}\n\n{MORE}" for h in heads)
    s = structure(text)
    assert [c.title for c in s.chapters] == heads
    assert all(s.text[c.start : c.end].startswith(c.title) for c in s.chapters)
    assert s.chapters[-1].end == len(text)
    assert [k for k, _ in kinds(s)] == ["heading"] * 5
    assert len(s.paragraphs) == 10  # headings are not paragraphs


def test_headlines_inside_a_chapter_and_a_stray_numeral_are_not_chapters():
    """``— I —`` over ``[ 1 ]`` chapters; capitals headlines and a written ``I.`` inside one."""
    body = [PROSE, "THE WEARER OF THE CROWN", MORE, "GENTLEMEN OF THE PRESS", PROSE, "SAD", MORE]
    parts = ["\u2014 I \u2014", "[ 1 ]", PROSE, MORE, "[ 2 ]", *body, "[ 3 ]", PROSE, "I.", MORE,
             "\u2014 II \u2014", "[ 4 ]", PROSE, "[ 5 ]", MORE]
    s = structure("\n\n".join(parts))
    assert [c.title for c in s.chapters] == ["[ 1 ]", "[ 2 ]", "[ 3 ]", "[ 4 ]", "[ 5 ]"]
    assert len(s.scenes) == 5 + 3  # the headlines cut chapter 2 into four sections
    assert "I." in texts(s, s.paragraphs)
    assert [k for k, t in kinds(s) if t.startswith("\u2014")] == ["heading", "heading"]  # parts, not a contents list
    assert sorted(t for k, t in kinds(s) if k == "heading") == sorted(
        ["\u2014 I \u2014", "\u2014 II \u2014", "[ 1 ]", "[ 2 ]", "[ 3 ]", "[ 4 ]", "[ 5 ]",
         "THE WEARER OF THE CROWN", "GENTLEMEN OF THE PRESS", "SAD"])


def test_a_numbered_chapter_in_another_style_that_keeps_the_count_stays_a_chapter():
    heads = ["1", "2", "3.", "4", "5", "6"]
    s = structure("\n\n".join(f"{h}\n\n{PROSE}" for h in heads))
    assert [c.title for c in s.chapters] == heads


def test_lone_numerals_with_a_subtitle_line_make_chapters():
    text = f"1\n\nThe Old Sea-dog\n\n{PROSE}\n\n2\n\nBlack Dog Appears\n\n{MORE}\n\n3\n\n{PROSE}"
    s = structure(text)
    assert [c.title for c in s.chapters] == ["1: The Old Sea-dog", "2: Black Dog Appears", "3"]
    assert len(s.paragraphs) == 3


def test_lone_roman_numerals_inside_chapters_are_sections():
    text = f"CHAPTER I\n\nI\n\n{PROSE}\n\nII\n\n{MORE}\n\nCHAPTER II\n\nI\n\n{PROSE}"
    s = structure(text)
    assert [c.title for c in s.chapters] == ["CHAPTER I", "CHAPTER II"]
    assert texts(s, s.scenes) == [PROSE, MORE, PROSE]


def test_part_headings_do_not_make_chapters_in_a_book_of_chapters():
    text = f"PART ONE\n\nChapter 1\n\n{PROSE}\n\nPART TWO\n\nChapter 2\n\n{MORE}"
    s = structure(text)
    assert [c.title for c in s.chapters] == ["Chapter 1", "Chapter 2"]
    assert s.text[s.chapters[0].start : s.chapters[0].end] == f"Chapter 1\n\n{PROSE}"  # PART TWO is not in it


def test_pov_headings_make_chapters_when_nothing_else_does():
    text = f"ALANA\n\n{PROSE}\n\n{MORE}\n\nAres' POV\n\n{PROSE}"
    s = structure(text)
    assert [c.title for c in s.chapters] == ["ALANA", "Ares' POV"]


def test_pov_headings_inside_chapters_cut_scenes():
    text = f"Chapter 5\n\nAlana's POV\n\n{PROSE}\n\nAres' POV\n\n{MORE}"
    s = structure(text)
    assert [c.title for c in s.chapters] == ["Chapter 5"]
    assert texts(s, s.scenes) == [PROSE, MORE]


def test_table_of_contents_is_not_chapters():
    toc = "CONTENTS\n\nChapter 1. The Road\n\nChapter 2. The River\n\nChapter 3. The Sea"
    body = f"Chapter 1. The Road\n\n{PROSE}\n\nChapter 2. The River\n\n{MORE}\n\nChapter 3. The Sea\n\n{PROSE}"
    s = structure(f"{toc}\n\n{body}")
    assert [c.title for c in s.chapters] == ["Chapter 1. The Road", "Chapter 2. The River", "Chapter 3. The Sea"]
    assert s.chapters[0].start == len(toc) + 2
    assert [k for k, t in kinds(s) if t.startswith("Chapter")] == ["navigation"] * 3 + ["heading"] * 3


def test_table_of_contents_in_one_block():
    toc = "CONTENTS\nCHAPTER I. The Road\nCHAPTER II. The River\nCHAPTER III. The Sea"
    body = f"CHAPTER I.\n\n{PROSE}\n\nCHAPTER II.\n\n{MORE}\n\nCHAPTER III.\n\n{PROSE}"
    s = structure(f"{toc}\n\n{body}")
    assert len(s.chapters) == 3 and ("navigation", toc) in kinds(s)
    assert toc not in texts(s, s.paragraphs)


def test_a_collection_whose_stories_open_with_capitals():
    text = f"THE SISTERS\n\n{PROSE}\n\nAN ENCOUNTER\n\n{MORE}\n\nTHE DEAD\n\n{PROSE}"
    s = structure(text)
    assert s.title is None
    assert [c.title for c in s.chapters] == ["THE SISTERS", "AN ENCOUNTER", "THE DEAD"]


# ---------------------------------------------------------------- scenes


@pytest.mark.parametrize("mark", ["***", "* * *", "~~~", "#", "o0o", "-----"])
def test_scene_break_marks_cut_scenes(mark):
    s = structure(f"{PROSE}\n\n{mark}\n\n{MORE}")
    assert texts(s, s.scenes) == [PROSE, MORE]
    assert texts(s, s.paragraphs) == [PROSE, MORE]


def test_wide_blank_gap_cuts_a_scene_in_one_paragraph_per_line_text():
    long1, long2 = PROSE + " " + MORE, MORE + " " + PROSE
    text = f"{long1}\n{long2}\n{long1}\n\n\n{long2}\n{long1}\n{long2}"
    s = structure(text)
    assert len(s.paragraphs) == 6 and len(s.scenes) == 2


# ---------------------------------------------------------------- boilerplate and title


def test_wattpad_stats_footer_and_glued_title():
    text = f"15.6K 385 42\n\n\n{PROSE}\n\n{MORE}\n\nSUMMER LIGHTSWhere stories live. Discover now"
    s = structure(text)
    assert kinds(s) == [
        ("stats", "15.6K 385 42"),
        ("title", "SUMMER LIGHTS"),
        ("footer", "Where stories live. Discover now"),
    ]
    assert s.title == "SUMMER LIGHTS"
    assert texts(s, s.paragraphs) == [PROSE, MORE]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Don't forget to vote and comment!", "prompt"),
        ("Please vote if you enjoyed this chapter", "prompt"),
        ("Thanks for reading!", "prompt"),
        ("Like, comment and share!", "prompt"),
        ("Follow me on Instagram for updates", "prompt"),
        ("Vote for the next chapter!", "prompt"),
        ("Comments (12)", "prompt"),
        ("Words: 2,345 Chapters: 3/? Kudos: 120", "prompt"),
        ("A/N: Sorry for the late update, exams were brutal.", "author_note"),
        ("Author's Note: this chapter is dedicated to my sister.", "author_note"),
        ("< Prev | Next >", "navigation"),
        ("Previous Chapter | Table of Contents | Next Chapter", "navigation"),
        ("Chapter 3 of 12", "navigation"),
        ("Continue to next part", "footer"),
    ],
)
def test_site_clutter_kinds(line, kind):
    s = structure(f"{PROSE}\n\n{line}\n\n{MORE}")
    assert kinds(s) == [(kind, line)]
    assert texts(s, s.paragraphs) == [PROSE, MORE]


def test_a_multi_paragraph_authors_note_ends_where_the_story_starts():
    note = ["A/N: Hi guys! Sorry for the late update.",
            "Thanks to everyone who reviewed the last chapter, you're the best.",
            "Special thanks to my beta, Rowan, for fixing my commas.",
            "Enjoy!"]
    s = structure("\n\n".join([*note, PROSE, MORE]))
    assert kinds(s) == [("author_note", p) for p in note]
    assert texts(s, s.paragraphs) == [PROSE, MORE]


def test_an_authors_note_at_the_end_runs_up_to_the_next_chapter_heading():
    note = ["Author's Note:", "This one was hard to write.", "I'll update next Friday, promise. Leave a review if you can :)"]
    s = structure("\n\n".join(["Chapter 1", PROSE, *note, "Chapter 2", MORE]))
    assert [k for k in kinds(s) if k[0] == "author_note"] == [("author_note", p) for p in note]
    assert texts(s, s.paragraphs) == [PROSE, MORE]
    assert [c.title for c in s.chapters] == ["Chapter 1", "Chapter 2"]


@pytest.mark.parametrize(
    "after",
    [
        ["I woke before dawn and the house was silent.", "\u201cUp already?\u201d Mum asked."],  # first-person story
        ["\u201cDid you read the last chapter?\u201d she asked. \u201cThe update was late.\u201d"],  # dialogue
        ["* * *", "The next chapter of her life began with a review of the accounts."],  # scene break ends it
        [PROSE, "Thanks to the rain, the road was empty."],  # narration, even with note words further on
    ],
)
def test_story_after_an_authors_note_stays_story(after):
    s = structure("\n\n".join(["A/N: New chapter! Sorry this took so long.", *after]))
    assert kinds(s) == [("author_note", "A/N: New chapter! Sorry this took so long.")]


@pytest.mark.parametrize(
    "line",
    [
        "Like a ghost, she drifted through the hall.",
        "Follow the river north until you reach the mill.",
        "Votes were counted twice that night.",
        "Like the story she told me as a child, this one had no ending.",
        "Share the last of the bread with him!",
        "Home",
        "Kudos to him for trying, at least.",
        "Next",
        "12 13",
        "Reads like a dream.",
    ],
)
def test_story_prose_is_not_clutter(line):
    s = structure(f"{PROSE}\n\n{line}\n\n{MORE}")
    assert kinds(s) == []


def test_title_line_and_byline():
    s = structure(f"The Quiet Road\n\nby Jane Doe\n\n(1851)\n\nChapter 1\n\n{PROSE}")
    assert s.title == "The Quiet Road"
    assert [k for k, _ in kinds(s)] == ["title", "title", "title", "heading"]
    assert [c.title for c in s.chapters] == ["Chapter 1"]


def test_title_line_followed_by_a_chapter_heading():
    s = structure(f"The Sound of Rain\n\nChapter 3\n\n{PROSE}")
    assert s.title == "The Sound of Rain"
    assert [c.title for c in s.chapters] == ["Chapter 3"]


def test_title_line_followed_by_prose():
    s = structure(f"The Sound of Rain\n\n{PROSE}\n\n{MORE}")
    assert s.title == "The Sound of Rain" and kinds(s) == [("title", "The Sound of Rain")]


def test_first_sentence_is_not_a_title():
    s = structure(f"Ella.\n\n{PROSE}")
    assert s.title is None and kinds(s) == []


def test_gutenberg_header_and_licence():
    header = (
        "The Project Gutenberg EBook of The Quiet Road, by Jane Doe\n\n"
        "This eBook is for the use of anyone anywhere at no cost.\n\n"
        "Title: The Quiet Road\n\nAuthor: Jane Doe\n\n"
        "*** START OF THIS PROJECT GUTENBERG EBOOK THE QUIET ROAD ***"
    )
    licence = "*** END OF THIS PROJECT GUTENBERG EBOOK THE QUIET ROAD ***\n\nUpdated editions will replace the previous one."
    body = f"CHAPTER I.\n\n{PROSE}\n\nCHAPTER II.\n\n{MORE}"
    text = f"{header}\n\n\n{body}\n\n\n{licence}"
    s = structure(text)
    assert s.title == "The Quiet Road"
    lic = [(b.start, b.end) for b in s.boilerplate if b.kind == "license"]
    assert lic == [(0, len(header)), (text.index("*** END"), len(text))]
    assert texts(s, s.paragraphs) == [PROSE, MORE] and len(s.chapters) == 2


def test_title_metadata_without_gutenberg_markers():
    s = structure(f"Title: The Invisible Man\n\nAuthor: H. G. Wells\n\nCHAPTER I.\nTHE STRANGE MAN'S ARRIVAL\n\n{PROSE}")
    assert s.title == "The Invisible Man"
    assert [c.title for c in s.chapters] == ["CHAPTER I. THE STRANGE MAN'S ARRIVAL"]


def test_reader_title_is_used_when_the_text_shows_none():
    story = fabula.load(b"<html><head><title>Night Train</title></head><body><p>" + PROSE.encode() + b"</p></body></html>")
    assert fabula.analyze(story, stages=["structure"]).title == "Night Train"


# ---------------------------------------------------------------- paragraphs


def test_broken_paragraph_is_repaired():
    text = f"{PROSE}\n\nHe\n\n\u00a0looked at me for a long time.\n\n{MORE}"
    s = structure(text)
    assert texts(s, s.paragraphs) == [PROSE, "He\n\n\u00a0looked at me for a long time.", MORE]


def test_paragraphs_ending_a_sentence_are_not_joined():
    text = f"{PROSE}\n\nhe said nothing more."
    assert len(structure(text).paragraphs) == 2


def test_wrapped_lines_stay_in_one_paragraph():
    text = "It was a bright cold day in April,\nand the clocks were striking thirteen.\n\nWinston Smith slipped\nquickly through the doors."
    s = structure(text)
    assert len(s.paragraphs) == 2


def test_windows_line_endings_read_like_unix_ones():
    text = "CHAPTER I.\n\nIt was a bright cold day in April,\nand the clocks were striking.\n\nWinston slipped\nquickly through the doors."
    unix, windows = structure(text), structure(text.replace("\n", "\r\n"))
    assert len(windows.paragraphs) == len(unix.paragraphs) == 2
    assert [c.title for c in windows.chapters] == [c.title for c in unix.chapters] == ["CHAPTER I."]


def test_empty_and_blank_text_give_empty_layers():
    s = structure("   \n\n  ")
    assert s.paragraphs == () and s.chapters == () and s.scenes == ()


# ---------------------------------------------------------------- web fiction gold


def _gold_files():
    if not WEBFICTION.is_dir():
        pytest.skip(f"web-fiction data not found at {WEBFICTION}")
    files = sorted(WEBFICTION.glob("*.gold.json"))
    if not files:
        pytest.skip(f"no *.gold.json in {WEBFICTION}")
    return files


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def test_webfiction_boilerplate_title_and_quotes():
    for gold_path in _gold_files():
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        s = fabula.analyze(text_path, stages=["structure"])
        found = [(b.start, b.end) for b in s.boilerplate]
        for g in gold["boilerplate"]:
            span = (g["start"], g["end"])
            best = max((_overlap(span, f) for f in found), default=0)
            assert best >= 0.9 * (span[1] - span[0]), (gold_path.name, g)
        if gold.get("title"):
            assert s.title == gold["title"], gold_path.name
        for q in gold["quotes"]:
            assert not any(_overlap((q["start"], q["end"]), f) for f in found), (gold_path.name, q["id"])


def test_webfiction_broken_paragraph_is_one_paragraph():
    _gold_files()
    path = WEBFICTION / "sound-of-goodbye.txt"
    text = path.read_text(encoding="utf-8")
    broken = text.index("He\n\n\u00a0looked")
    s = fabula.analyze(path, stages=["structure"])
    holding = [p for p in s.paragraphs if p.start <= broken < p.end]
    assert len(holding) == 1 and holding[0].end > broken + len("He\n\n\u00a0looked")


def test_a_fan_fiction_archive_work_header_is_set_aside_with_its_title_and_summary():
    text = ("Rating:\n    General Audiences\nFandom:\n    Some Show\nCharacters:\n    Ann Lee, Bo Park\n"
            "Stats:\n    Published: 2026-01-02 Words: 1,204\n\nLate Trains\nquietauthor\n\nSummary:\n\n"
            "    Two strangers, one platform.\n\nChapter 1: Platform Nine\n\n"
            "The train was late. Ann waited by the bench and counted the lights.\n\n\"Cold?\" Bo asked.\n")
    story = fabula.analyze(text, stages=["structure"])
    kinds = [(b.kind, text[b.start:b.end].split("\n")[0]) for b in story.boilerplate]
    assert ("metadata", "Rating:") in kinds and ("metadata", "Summary:") in kinds
    assert ("metadata", "Two strangers, one platform.") in kinds and ("title", "Late Trains") in kinds
    assert story.title == "Late Trains"
    assert all("The train was late" not in text[b.start:b.end] for b in story.boilerplate)


def test_a_stats_label_inside_the_story_is_no_work_header():
    text = ("He woke in the dungeon again, and for a long while he only listened to the water running down the "
            "walls and counted the breaths of the thing that slept in the next cell, waiting for the light.\n\n"
            "Stats:\n    HP 100\n\nHe drew his sword.\n")
    assert fabula.analyze(text, stages=["structure"]).boilerplate == ()


def test_a_prologue_does_not_hide_the_numbered_chapters():
    """A book of lone numerals with a ``PROLOGUE``: the numerals are still its chapters."""
    text = f"PROLOGUE\n\n{PROSE}\n\nI\n\nOLD FRIENDS\n\n{MORE}\n\nII\n\nTHE ROAD\n\n{PROSE}\n\nEPILOGUE\n\n{MORE}"
    s = structure(text)
    assert [c.title for c in s.chapters] == ["PROLOGUE", "I: OLD FRIENDS", "II: THE ROAD", "EPILOGUE"]
    assert len(s.paragraphs) == 4
