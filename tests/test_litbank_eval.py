"""LitBank gold: appositions LitBank leaves unlinked are folded into the entity they name."""

from __future__ import annotations

from fabula.evaluate.litbank import merge_appositives


def test_a_name_in_apposition_joins_the_entity_it_names():
    tokens = "my good friend , Master John Rolfe , rode in . He said hello to him .".split()
    entities = {"29": [(0, 2), (9, 9)], "94": [(4, 6)], "5": [(14, 14)]}
    merged = merge_appositives(entities, tokens, persons={0, 4, 9})
    assert sorted(merged["29"]) == [(0, 2), (4, 6), (9, 9)] and "94" not in merged
    assert merged["5"] == [(14, 14)]


def test_a_place_or_a_list_is_no_apposition():
    tokens = "Speyer , Maintz and Speyer again .".split()
    entities = {"1": [(0, 0), (4, 4)], "2": [(2, 2)]}
    assert merge_appositives(entities, tokens, persons=set()) == entities  # not persons
    tokens = "the son , his father".split()
    entities = {"1": [(0, 1), (3, 3)], "2": [(3, 4)]}
    assert merge_appositives(entities, tokens, persons={0, 3}) == entities  # "his father" is no name
