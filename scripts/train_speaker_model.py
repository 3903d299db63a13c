#!/usr/bin/env python3
"""Fit the turn model's weights (``src/fabula/data/speaker_turns.json``) on the PDNC dev novels.

Usage: FABULA_NLP_CACHE=/work/nlp-cache python scripts/train_speaker_model.py [--cache DIR] [--cv [--folds K]] [--write]

Each turn (a paragraph of quotes) is a softmax over its conversation's candidates; the features
are those of ``fabula.speakers.decode`` with the gold speakers of the two turns before standing in
for the decoded ones (a maximum-entropy Markov model, fitted by gradient ascent in numpy).
``--cv`` reports leave-one-novel-out accuracy (decoding each novel with weights fitted on the 17
others, scored by the independent scorer; ``--folds 3``: three folds of novels, ~5x faster, for
quick comparisons); ``--write`` fits on all novels and writes the JSON.  The second decoding pass
(``decode.second``) is fitted the same way on the conversations with the first pass's features
(``--one-pass``: none).  Both settings (found
cast, gold cast) are training data; the stories come from ``--cache`` (see turn_errors.py).
After the local fit, ``--crf N`` trains N epochs of a linear-chain CRF over the decoder's lattice
(instead of the structured perceptron) and ``--temperature T`` has the decoder take each turn's most
probable speaker (``decode.posterior``): the weights written with both are the package's.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_speakers import scorer  # noqa: E402
from turn_errors import aligned, prepared  # noqa: E402

from fabula.pipeline import REGISTRY, Context, Pipeline  # noqa: E402
from fabula.speakers import NARRATOR, Attributor, build  # noqa: E402
from fabula.speakers.decode import second  # noqa: E402
from fabula.speakers.lattice import (  # noqa: E402
    EMISSION,
    SECOND,
    TRANSITION,
    WEIGHTS,
    banned,
    expected_features,
    forward_backward,
    marginals,
    path_features,
    viterbi,
)

Pipeline()
L2 = 1.0


def examples(sq, folder: Path, story):
    """(X: candidates x features, gold index) for every turn whose gold speaker is a candidate,
    and every conversation with its gold candidate per turn (-1: not a candidate, or a name cue)."""
    att = Attributor(story)
    convs, speakers, types, confs, cue_to, vocs = att.run()
    conv_feats = build(att, convs, speakers, types, confs, att.cue_gender, vocs, cue_to)
    full = REGISTRY["speakers"](story, Context(options={"speaker_decoder": False})).to_dict()
    narrator = next((c["id"] for c in full["characters"] if c.get("narrator")), None)
    rows, cmap, pq = aligned(sq, folder, full)
    gold_of = {}  # quote index in story order -> gold speaker
    order = {q["id"]: i for i, q in enumerate(full["quotes"])}
    for gq, j, g, _ in rows:
        if j is not None and g is not None:
            gold_of[order[pq[j]["id"]]] = g
    out, seqs = [], []
    for conv in conv_feats:
        gold_ids = [cmap.get(narrator if c == NARRATOR else c) for c in conv.cands]
        labels = []
        for t in conv.turns:
            g = gold_of.get(t.quotes[0])
            labels.append(gold_ids.index(g) if g is not None and g in gold_ids else -1)
        ban = banned(conv)  # the decoder never chooses these: no gold to learn or force there
        labels = [-1 if k >= 0 and ban[u, k] else k for u, k in enumerate(labels)]
        seqs.append((conv, [-1 if t.kind == "explicit" else k for t, k in zip(conv.turns, labels)]))
        out += rows_of(conv, labels)
    return out, seqs


def rows_of(conv, labels):
    """(X: candidates x features, gold index) of each turn whose gold speaker is a candidate."""
    out = []
    K = len(conv.cands)
    for u, t in enumerate(conv.turns):
        if labels[u] < 0 or K < 2:
            continue
        p1 = labels[u - 1] if u > 0 else -1
        p2 = labels[u - 2] if u > 1 else -1
        same = np.array([k == p1 for k in range(K)], float)
        ans = np.array([k == p2 and k != p1 for k in range(K)], float)
        X = np.concatenate([conv.emis[u], same[:, None] * conv.trans[u][None, :],
                            ans[:, None] * conv.trans[u][None, :]], axis=1)
        out.append((X, labels[u]))
    return out


def perceptron(seqs, w: np.ndarray, epochs: int = 6, seed: int = 0) -> np.ndarray:
    """Averaged structured perceptron from ``w``: whole decoded sequences against the gold ones,
    so the weights learn to survive their own mistakes (the local fit saw only gold histories)."""
    rng = np.random.default_rng(seed)
    total, count = w.copy(), 1
    for _ in range(epochs):
        for i in rng.permutation(len(seqs)):
            conv, gold = seqs[i]
            if len(conv.cands) < 2 or all(g < 0 for g in gold):
                continue
            pred = viterbi(conv, w)
            target = viterbi(conv, w, allowed=gold)
            if pred != target:
                w = w + 0.1 * (path_features(conv, target) - path_features(conv, pred))
            total += w
            count += 1
    return total / count


def crf(seqs, w: np.ndarray, epochs: int = 4, seed: int = 0, lr: float = 0.02, batch: int = 16) -> np.ndarray:
    """A linear-chain CRF over the decoder's own lattice from ``w``: the log-likelihood of the gold turns
    (unlabelled turns summed over) by forward-backward, minibatch Adam, L2.  Its per-turn marginals
    are calibrated, which is what ``posterior`` decoding reads."""
    rng = np.random.default_rng(seed)
    seqs = [(c, g) for c, g in seqs if len(c.cands) >= 2 and any(k >= 0 for k in g)]
    m = v = np.zeros_like(w)
    it = 0
    for _ in range(epochs):
        order = rng.permutation(len(seqs))
        for s in range(0, len(order), batch):
            grad = -L2 * w * len(order[s : s + batch]) / len(seqs)
            for i in order[s : s + batch]:
                conv, gold = seqs[i]
                grad = grad + expected_features(conv, forward_backward(conv, w, gold)[0])
                grad = grad - expected_features(conv, forward_backward(conv, w)[0])
            grad /= batch
            it += 1
            m = 0.9 * m + 0.1 * grad
            v = 0.999 * v + 0.001 * grad ** 2
            w = w + lr * (m / (1 - 0.9 ** it)) / (np.sqrt(v / (1 - 0.999 ** it)) + 1e-8)
    return w


def structured(seqs, w):
    return crf(seqs, w, CRF) if CRF else perceptron(seqs, w, EPOCHS) if EPOCHS else w


def first(conv, w):
    """The second pass's conversation: features of the first pass's decoding (as ``decode.decode``)."""
    if not TEMPERATURE:
        return second(conv, viterbi(conv, w))
    p = marginals(conv, w, temperature=TEMPERATURE)
    return second(conv, [int(k) for k in p.argmax(axis=1)], p if SOFT else None)


SOFT = True  # the second pass reads the first pass's probabilities, not only its path


EPOCHS = 12
TWO_PASS = True
CRF = 14  # epochs of CRF training instead of the perceptron (0: perceptron)
TEMPERATURE = 1.0  # decode by per-turn posteriors at this temperature (0: Viterbi)


def train(data):
    """The weights (a vector), or with ``TWO_PASS`` (first pass, second pass): the second is fitted on
    the conversations with the features of the first pass's decoding (``decode.second``)."""
    rows = [x for d, _ in data for x in d]
    seqs = [s for _, ss in data for s in ss]
    w = structured(seqs, fit(rows))
    if not TWO_PASS:
        return w
    seqs2 = [(first(conv, w) if conv.cands else conv, gold) for conv, gold in seqs]
    rows2 = [x for conv, gold in seqs2 if conv.cands and conv.emis.shape[2] > len(EMISSION) for x in rows_of(conv, gold)]
    return w, structured(seqs2, fit(rows2))


def fit(data, iters: int = 400) -> np.ndarray:
    """Softmax regression over candidates (padded to one width), L2, Adam."""
    F = data[0][0].shape[1]
    K = max(X.shape[0] for X, _ in data)
    Xs = np.zeros((len(data), K, F))
    mask = np.full((len(data), K), -1e9)
    y = np.array([g for _, g in data])
    for i, (X, _) in enumerate(data):
        Xs[i, : len(X)] = X
        mask[i, : len(X)] = 0
    w = np.zeros(F)
    m = v = np.zeros(F)
    for it in range(1, iters + 1):
        s = Xs @ w + mask
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        grad = Xs[np.arange(len(y)), y].sum(0) - np.einsum("nk,nkf->f", p, Xs) - L2 * w
        grad /= len(y)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w = w + 0.05 * (m / (1 - 0.9 ** it)) / (np.sqrt(v / (1 - 0.999 ** it)) + 1e-8)
    return w


def as_json(w, emission: tuple = EMISSION) -> dict:
    if isinstance(w, tuple):
        out = as_json(w[0])
        out["second"] = as_json(w[1], EMISSION + SECOND)
        return out
    e, t = len(emission), len(TRANSITION)
    r = lambda x: round(float(x), 3)  # noqa: E731
    out = {"emission": {k: r(w[i]) for i, k in enumerate(emission)},
           "continue": {k: r(w[e + i]) for i, k in enumerate(TRANSITION)},
           "answer": {k: r(w[e + t + i]) for i, k in enumerate(TRANSITION)}}
    if TEMPERATURE:
        out["temperature"] = TEMPERATURE
    return out


def score(sq, folder, story, weights):
    opts = {"speaker_weights": weights} if weights is not None else {"speaker_decoder": False}
    pred = REGISTRY["speakers"](story, Context(options=opts)).to_dict()
    r = sq.score(folder, pred)
    return r


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--cache", default="/tmp/fabula-turns", help="pickled stories (shared with turn_errors.py; "
                    "delete it after changing the characters or narration stages)")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--folds", type=int, default=0, help="with --cv: K folds of novels (default: leave one novel out)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--epochs", type=int, default=EPOCHS, help="perceptron epochs after the local fit (0: none)")
    ap.add_argument("--one-pass", action="store_true", help="no second decoding pass")
    ap.add_argument("--crf", type=int, default=CRF, help="epochs of CRF training instead of the perceptron")
    ap.add_argument("--temperature", type=float, default=TEMPERATURE, help="posterior decoding (0: Viterbi)")
    ap.add_argument("--l2", type=float, default=L2)
    args = ap.parse_args()
    globals()["L2"] = args.l2
    globals()["EPOCHS"] = args.epochs
    globals()["CRF"] = args.crf
    globals()["TEMPERATURE"] = args.temperature
    globals()["TWO_PASS"] = not args.one_pass
    shared = Path(args.shared)
    sq = scorer(shared)
    folders = sorted(p for p in (shared / "data" / "pdnc").iterdir() if p.is_dir())
    # both settings (found cast, gold cast) are training data: the features are the same kind
    stories = {(f.name, cast): prepared(f.name, f, cast, Path(args.cache)) for f in folders for cast in (False, True)}
    data = {key: examples(sq, shared / "data" / "pdnc" / key[0], st) for key, st in stories.items()}
    print("turns with a reachable gold speaker:", sum(len(d) for d, _ in data.values()), flush=True)
    if args.cv:
        tot = {(cast, key): np.zeros(6) for cast in (False, True) for key in ("rules", "model")}
        k = args.folds or len(folders)
        fold = {f.name: i % k for i, f in enumerate(folders)}
        fitted = {i: as_json(train([d for key, d in data.items() if fold[key[0]] != i])) for i in range(k)}
        for f in folders:
            w = fitted[fold[f.name]]
            for cast in (False, True):
                line = f"{f.name:30}{' cast' if cast else '     '}"
                for key, weights in (("rules", None), ("model", w)):
                    r = score(sq, f, stories[(f.name, cast)], weights)
                    bt = r["by_type"]
                    n = r["quotes"]
                    tot[(cast, key)] += [n, r["speaker_accuracy"] * n, bt["anaphoric"]["accuracy"] * bt["anaphoric"]["n"],
                                         bt["anaphoric"]["n"], bt["implicit"]["accuracy"] * bt["implicit"]["n"], bt["implicit"]["n"]]
                    line += f"  {key} {r['speaker_accuracy']:.3f} a{bt['anaphoric']['accuracy']:.3f} i{bt['implicit']['accuracy']:.3f}"
                print(line, flush=True)
        for (cast, key), t in tot.items():
            print(f"CV {'cast' if cast else 'found cast'} {key}: all {t[1] / t[0]:.4f} anaphoric {t[2] / t[3]:.4f} "
                  f"implicit {t[4] / t[5]:.4f}")
    if args.write:
        w = as_json(train(list(data.values())))
        WEIGHTS.write_text(json.dumps(w, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(json.dumps(w))
    return 0


if __name__ == "__main__":
    sys.exit(main())
