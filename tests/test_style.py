"""The per-book style model: who talks like this quote."""

from fabula.speakers.style import MIN_WORDS, StyleModel, tokens


def _model():
    jake = ["I reckon it ain't far, pardner.", "Ain't nobody gonna stop us, I reckon.", "Well, pardner, I reckon so."] * 4
    lady = ["Indeed, I shall call upon her tomorrow.", "I shall be delighted, indeed.", "How very kind; indeed it is."] * 4
    texts = jake + lady + ["Reckon it ain't so bad, pardner.", "I shall, indeed."]
    who = ["J"] * len(jake) + ["L"] * len(lady) + [None, None]
    return StyleModel(texts, who, [True] * (len(jake) + len(lady)) + [False, False]), len(texts)


def test_a_quote_scores_higher_for_the_character_who_talks_like_it():
    model, n = _model()
    drawl, prim = tokens("Reckon it ain't so bad, pardner."), tokens("I shall, indeed.")
    assert model.score("J", drawl) > 0 > model.score("L", drawl)
    assert model.score("L", prim) > 0 > model.score("J", prim)


def test_unknown_or_thin_characters_have_no_say():
    model, _ = _model()
    assert model.score("nobody", tokens("I reckon it ain't")) == 0.0
    thin = StyleModel(["Yes."], ["T"], [True])
    assert sum(thin.bags["T"].values()) < MIN_WORDS and thin.score("T", tokens("Yes.")) == 0.0


def test_a_quote_in_a_bag_does_not_vote_for_itself():
    plain = "Good morning to you, sir, and a fine day it is for a walk by the river."
    texts = ["Zounds and gadzooks, varlet!"] + [plain] * 8
    model = StyleModel(texts, ["A"] + ["A"] * 4 + ["B"] * 4, [True] * 9)
    words = tokens(texts[0])
    assert model.score("A", words, [0]) < model.score("A", words)
