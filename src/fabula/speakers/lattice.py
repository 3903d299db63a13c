"""The turn model's lattice: its features' names, its weights, and inference over a conversation.

A conversation (``Conv``) is its turns, its candidate speakers and a feature array per turn and candidate
(built in ``decode.py``).  The score of a speaker sequence is the emission of each turn's speaker plus a
bonus for going on (the same speaker as the turn before) and for answering back (the speaker of two turns
before): a second-order chain.  ``viterbi`` finds the best sequence, ``forward_backward`` sums them all
(per-turn probabilities for posterior decoding, and the CRF gradient the trainer uses).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

# who acts in the narration next to a turn (beats.py): before it, after it, after the turn before
BEAT_FEATURES = ("beat_subject", "beat_object", "beat_after", "prev_tail_subject", "prev_tail_object", "beat_gender",
                 "beat_after_gender", "prev_beat_subject", "prev_beat_object")
# who takes part in the conversation: cued or spoken to in it (a third person needs evidence)
PRESENCE_FEATURES = ("participant", "addressed_nearby", "greedy_ambiguous", "sole_named_of_gender")
# a pronoun cue's referent by the narration's subjects (chains.py), and which greedy rule chose
CHAIN_FEATURES = ("subject_chain", "last_subject_of_gender", "greedy_low", "greedy_abab", "greedy_recent",
                  "antecedent_prev_cue")
# who has been on stage since speaking last: acted (a sentence's subject) or acted upon in the narration
# since the candidate's own last cued turn; the one person of the cue's sex named in the last sentences
ACTIVITY_FEATURES = ("acted_since_turn", "acted_upon_since_turn", "sole_active_of_gender")
# general features weighed apart on a bare he/she cue, where the pronoun already narrows the field
PRONOUN_COPIES = ("named_here", "subject_here", "beat_subject", "beat_after", "style", "share", "cued_nearby",
                  "named_between", "prev_tail_object", "prev_beat_object", "vocative_before", "addressed_before",
                  "acted_since_turn", "acted_upon_since_turn")

EMISSION = ("greedy_explicit", "greedy_anaphoric", "greedy_nominal", "greedy_implicit", "gender_match",
            "gender_mismatch", "vocative_here", "vocative_before", "named_here", "subject_here", "named_between",
            "narrator", "share", "named_in_quote", "only_addressed", "cue_addressee",
            "addressed_before", "sole_gender_match", "last_named_of_gender",
            "greedy_confidence", "cued_nearby", "antecedent", "antecedent_subject", "antecedent_here",
            "antecedent_second", "sole_nearby_of_gender", "antecedent_chain", "vocative_next", "addressed_next",
            "style", "antecedent_possessive", "antecedent_object", "antecedent_agent", "unseen_500", "unseen_2000"
            ) + BEAT_FEATURES + PRESENCE_FEATURES + CHAIN_FEATURES + ACTIVITY_FEATURES + tuple(
    "pron_" + x for x in PRONOUN_COPIES)
TRANSITION = ("bias", "gap", "implicit", "anaphoric", "explicit", "several_quotes", "two_speakers", "after_question",
              "after_open", "beat_pronoun", "cue_continues", "cue_replies")  # scaled per turn
# read off a first decoding (``second``): a second pass re-decides with them
SECOND = ("dec_share", "dec_near", "dec_last_of_gender", "dec_next_of_gender", "dec_sole_of_gender")
SURE = ("explicit",)  # cues the decoder keeps: a name, and "said I" (the narrator), read as one
WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "speaker_turns.json"


@dataclass
class Turn:
    quotes: list[int]  # quote indices of one paragraph
    par: int
    kind: str  # explicit | anaphoric | nominal | implicit: how the greedy pass found its speaker
    greedy: str | None
    confidence: float  # the greedy rule's own confidence
    gender: str  # the cue pronoun's gender, or ""
    vocs: set[str]
    to: str | None = None  # "said she to Charlotte"
    pronoun: bool = False  # the cue is a bare he/she
    named: frozenset[int] = frozenset()  # quotes whose own cue names their speaker ("concluded Helen"): kept
    end: int = -1  # the last paragraph (a speech left open goes on): ``par`` if -1
    cont: frozenset[int] = frozenset()  # the quotes of the paragraphs it goes on in
    recued: int | None = None  # the first later quote with a cue of its own (``decode._recued``)

    @property
    def last(self) -> int:
        return self.end if self.end >= 0 else self.par


@dataclass
class Conv:
    cands: list[str]
    turns: list[Turn]
    emis: np.ndarray  # turns x candidates x features
    trans: np.ndarray  # turns x transition features
    genders: list[str] = None  # per candidate


@lru_cache(maxsize=1)
def default_weights() -> dict:
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


def vector(w: dict, emission: tuple = EMISSION) -> np.ndarray:
    """The weights as one vector: emission, then continuing, then answering back."""
    return np.array([w["emission"].get(k, 0.0) for k in emission] + [w["continue"].get(k, 0.0) for k in TRANSITION]
                    + [w["answer"].get(k, 0.0) for k in TRANSITION])


def path_features(conv: Conv, path: list[int]) -> np.ndarray:
    """The summed features of one speaker sequence (what ``viterbi`` scores with ``vector``)."""
    e, t = conv.emis.shape[2], len(TRANSITION)
    out = np.zeros(e + 2 * t)
    for u, c in enumerate(path):
        if c < len(conv.cands):  # not the "nobody yet" state
            out[:e] += conv.emis[u, c]
        if u > 0 and path[u - 1] == c:
            out[e : e + t] += conv.trans[u]
        elif u > 1 and path[u - 2] == c:
            out[e + t :] += conv.trans[u]
    return out


def banned(conv: Conv) -> np.ndarray:
    """Turns x candidates the decoder never chooses (training leaves them out of the gold too)."""
    # nobody speaks to himself: the one called by name in the quote is not its speaker
    out = conv.emis[:, :, EMISSION.index("vocative_here")] > 0
    out |= conv.emis[:, :, EMISSION.index("cue_addressee")] > 0  # "said she to Mary", "Mary heard her say"
    # nor is "he said" a woman's turn, or in a first-person stretch the "I" who tells it
    pronoun = np.array([t.pronoun for t in conv.turns], dtype=bool)
    out |= pronoun[:, None] & (conv.emis[:, :, EMISSION.index("narrator")] > 0)
    out |= pronoun[:, None] & (conv.emis[:, :, EMISSION.index("gender_mismatch")] > 0)
    return out


def _lattice(conv: Conv, w, allowed: list[int] | None = None):
    """The scores of the second-order lattice: per turn and state, the emission; per turn, the bonus for
    going on (same speaker as the turn before) and for answering back (the speaker of two turns before).
    The last state is "nobody yet" (before the first turn)."""
    e, t = conv.emis.shape[2], len(TRANSITION)
    v = vector(w, EMISSION + SECOND[: e - len(EMISSION)]) if isinstance(w, dict) else w
    we, wa, wb = v[:e], v[e : e + t], v[e + t :]
    K = len(conv.cands)
    S = K + 1
    emis = np.full((len(conv.turns), S), -1e9)
    emis[:, :K] = conv.emis @ we
    emis[:, :K][banned(conv)] = -1e6
    for u, t in enumerate(conv.turns):  # a name cue (or "said I") is not up for discussion
        if t.kind in SURE and t.greedy in conv.cands:
            keep = emis[u, conv.cands.index(t.greedy)]
            emis[u, :] = -1e6
            emis[u, conv.cands.index(t.greedy)] = keep
        if allowed is not None and allowed[u] >= 0:
            keep = emis[u, allowed[u]]
            emis[u, :] = -1e9
            emis[u, allowed[u]] = keep
    return emis, conv.trans @ wa, conv.trans @ wb


def viterbi(conv: Conv, w, allowed: list[int] | None = None) -> list[int]:
    """Best candidate index per turn: emission + (same as turn before) + (same as two turns before).

    ``w`` is the weights (dict or ``vector``); ``allowed`` (training) forces turn u to candidate
    ``allowed[u]`` unless it is -1."""
    emis, a, b = _lattice(conv, w, allowed)
    S = emis.shape[1]
    K = S - 1
    eye = np.eye(S, dtype=bool)
    eye[K, K] = False
    delta = np.full((S, S), -1e18)  # [p2, p1]
    delta[K, K] = 0.0
    backs = []
    for u in range(len(conv.turns)):
        best_any = delta.max(axis=0)  # over p2, per p1
        arg_any = delta.argmax(axis=0)
        # new[p1, c] = max(best_any[p1], delta[c, p1] + b) + emis[c] + a*[c == p1]
        ans = delta.T + b[u]  # [p1, c] meaning p2 == c
        ans[eye] = -1e18  # answering back is when c != p1
        take_ans = ans > best_any[:, None]
        new = np.where(take_ans, ans, best_any[:, None]) + emis[u][None, :] + a[u] * eye
        back = np.where(take_ans, np.arange(S)[None, :], arg_any[:, None])
        backs.append(back)
        delta = new
    p1, c = np.unravel_index(int(np.argmax(delta)), delta.shape)
    out = [int(c)]
    for u in range(len(conv.turns) - 1, 0, -1):
        p2 = backs[u][p1, c]
        out.append(int(p1))
        p1, c = p2, p1
    return out[::-1]


def _lse(x: np.ndarray, axis: int) -> np.ndarray:
    m = x.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def forward_backward(conv: Conv, w, allowed: list[int] | None = None, temperature: float = 1.0):
    """The same lattice as ``viterbi`` summed instead of maximised: per turn, the probability of each
    (speaker two turns before, before, now) triple, and log Z.  Scores are divided by ``temperature``."""
    emis, a, b = _lattice(conv, w, allowed)
    T, S = emis.shape
    K = S - 1
    same = np.zeros((S, S, S), dtype=bool)  # [p2, p1, c]: c == p1
    ans = np.zeros((S, S, S), dtype=bool)  # c == p2 != p1
    for x in range(K):
        same[:, x, x] = True
        ans[x, :, x] = True
        ans[x, x, x] = False
    local = [(emis[u][None, None, :] + a[u] * same + b[u] * ans) / temperature for u in range(T)]
    alpha = np.full((S, S), -1e18)
    alpha[K, K] = 0.0
    alphas = []
    for u in range(T):
        alphas.append(alpha)
        alpha = _lse(alpha[:, :, None] + local[u], 0)
    log_z = float(_lse(alpha.ravel(), 0))
    beta = np.zeros((S, S))
    triples = [None] * T
    for u in range(T - 1, -1, -1):
        x = alphas[u][:, :, None] + local[u] + beta[None, :, :]
        triples[u] = np.exp(x - log_z)
        beta = _lse(local[u] + beta[None, :, :], 2)
    return triples, log_z


def marginals(conv: Conv, w, allowed: list[int] | None = None, temperature: float = 1.0) -> np.ndarray:
    """Turns x states: the probability that each candidate speaks the turn."""
    triples, _ = forward_backward(conv, w, allowed, temperature)
    return np.array([t.sum(axis=(0, 1)) for t in triples])


def expected_features(conv: Conv, triples) -> np.ndarray:
    """``path_features`` averaged over the lattice's distribution (the CRF gradient's second half)."""
    e, t = conv.emis.shape[2], len(TRANSITION)
    K = len(conv.cands)
    out = np.zeros(e + 2 * t)
    for u, p in enumerate(triples):
        out[:e] += p.sum(axis=(0, 1))[:K] @ conv.emis[u]
        diag = np.einsum("aii->", p[:, :K, :K])
        back = np.einsum("iji->", p[:K, :, :K]) - np.einsum("iii->", p[:K, :K, :K])
        out[e : e + t] += diag * conv.trans[u]
        out[e + t :] += back * conv.trans[u]
    return out


def posterior(conv: Conv, w, allowed: list[int] | None = None, temperature: float = 1.0) -> list[int]:
    """Each turn's most probable speaker (max-marginal decoding): what maximises the expected number of
    turns right, where one Viterbi path commits a whole A/B chain to one wrong anchor."""
    return [int(k) for k in marginals(conv, w, allowed, temperature).argmax(axis=1)]


def first_pass(conv: Conv, w: dict, allowed: list[int] | None = None) -> tuple[list[int], np.ndarray | None]:
    """The weights' own decoding and its per-turn probabilities: each turn's most probable speaker when
    the weights carry a ``temperature`` (``posterior``), else the Viterbi path (no probabilities)."""
    if w.get("temperature"):
        p = marginals(conv, w, allowed, w["temperature"])
        return [int(k) for k in p.argmax(axis=1)], p
    return viterbi(conv, w, allowed), None
