"""Descriptions after a quote that are things, not people (characters.nominal)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _story_helpers import run  # noqa: E402


def test_a_thing_that_acts_after_quotes_is_no_character_but_a_role_that_speaks_is():
    text = ('Mrs. Hobbs leaned out. "Drive on!" The carriage lurched and she sat back.\n\n'
            'She knocked again. "Faster!" The carriage rattled over the stones.\n\n'
            '"Stop here," said the vicar.\n\n"Why?" asked Mrs. Hobbs.\n\n"The church," said the vicar.\n')
    names = {c.name for c in run(text, speakers=False).characters}
    assert "the carriage" not in names
    assert "the vicar" in names
