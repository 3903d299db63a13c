"""Clustering of "Master" + surname and pet names (characters.cluster)."""

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


def test_deb_is_deborah():
    groups = _groups([("Deb",), ("Deborah",), ("Wolfe",)])
    assert frozenset({"Deb", "Deborah"}) in groups


def test_a_title_in_full_and_short_is_one_title():
    groups = _groups([("Doctor", "Aziz"), ("Dr.", "Aziz"), ("Mrs.", "Aziz"), ("Capt.", "Lennox"), ("Captain", "Lennox")])
    assert frozenset({"Doctor Aziz", "Dr. Aziz"}) in groups
    assert frozenset({"Capt. Lennox", "Captain Lennox"}) in groups
    assert frozenset({"Mrs. Aziz"}) in groups
