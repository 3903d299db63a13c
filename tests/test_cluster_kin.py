"""Clustering of kin titles, "Master" + surname and pet names (characters.cluster)."""

from __future__ import annotations

from collections import Counter

from fabula.characters.cluster import cluster


def _groups(forms, genders=None):
    return {frozenset(" ".join(f) for f in g) for g in cluster(forms, Counter({f: 3 for f in forms}), genders or {})}


def test_master_with_a_surname_is_the_one_boy_of_that_name():
    groups = _groups([("Master", "Reed"), ("John", "Reed"), ("Mrs.", "Reed"), ("Eliza",)], {("John", "Reed"): "M"})
    assert frozenset({"Master Reed", "John Reed"}) in groups
    assert frozenset({"Mrs. Reed"}) in groups


def test_master_with_a_given_name_stays_a_given_name():
    groups = _groups([("Master", "John"), ("John", "Reed"), ("Tom", "John")])
    assert frozenset({"Master John", "John Reed"}) in groups


def test_aunt_with_a_surname_is_the_one_mrs_of_a_family_nobody_else_is_named_in():
    groups = _groups([("Aunt", "Shaw"), ("Mrs.", "Shaw"), ("General", "Shaw"), ("Edith",)])
    assert frozenset({"Aunt Shaw", "Mrs. Shaw"}) in groups
    assert frozenset({"General Shaw"}) in groups


def test_aunt_stays_apart_from_the_mother_when_the_family_is_named():
    groups = _groups([("Aunt", "March"), ("Mrs.", "March"), ("Jo", "March"), ("Meg", "March")])
    assert frozenset({"Aunt March"}) in groups
    assert frozenset({"Mrs. March"}) in groups


def test_uncle_is_the_one_mr_and_not_a_mrs():
    groups = _groups([("Uncle", "Pumblechook"), ("Mr.", "Pumblechook"), ("Mrs.", "Joe")])
    assert frozenset({"Uncle Pumblechook", "Mr. Pumblechook"}) in groups


def test_deb_is_deborah():
    groups = _groups([("Deb",), ("Deborah",), ("Wolfe",)])
    assert frozenset({"Deb", "Deborah"}) in groups
