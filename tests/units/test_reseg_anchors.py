"""Re-segmentation split at anchors: exactly mweralign's optimum on the whole unit, in a fraction of the time.

The property test draws seeded random noisy documents (small vocabularies, so words repeat and
cuts are often ambiguous; dropped, doubled, inserted and swapped words and sentences) and compares
the anchored search with plain mweralign on the whole unit.
"""

from __future__ import annotations

import random

from rapidfuzz.distance import Levenshtein

from harness.reseg import ANCHOR_ABOVE, _token, resegment
from harness.reseg_anchors import anchors

WHOLE = 10**9  # anchor_above that never anchors: plain mweralign on the whole unit


def tokens(text: str) -> list[str]:
    return [_token(word) for word in text.split()]


def total_cost(pieces: list[str], refs: list[str]) -> int:
    """Sum over sentences of the word edit distance, on the aligner's own tokens."""
    return sum(Levenshtein.distance(tokens(ref), tokens(piece)) for piece, ref in zip(pieces, refs, strict=True))


def test_anchors_are_boundaries_inside_matched_runs():
    refs = [["a", "b"], ["c", "d"], ["e"]]
    assert anchors(["a", "b", "c", "d", "e"], refs) == [(1, 2), (2, 4)]
    # 'b' dropped: the path does not match the words on both sides of the first boundary
    assert anchors(["a", "c", "d", "e"], refs) == [(2, 3)]
    # a word inserted at a boundary: no match right after it... nor anchor
    assert anchors(["a", "b", "x", "c", "d", "e"], refs) == [(2, 5)]
    # an empty sentence puts two boundaries on one row: neither is an anchor
    assert anchors(["a", "b", "c"], [["a", "b"], [], ["c"]]) == []
    assert anchors([], refs) == []


def test_a_long_document_is_cut_as_whole_unit_mweralign_cuts_it():
    sentences = [f"Sentence number {n} says that the {n % 7} cats sat on mat {n}." for n in range(60)]
    hyp = " ".join(s.replace("cats", "dogs").replace("sat on", "lay near") for s in sentences)
    assert sum(len(s.split()) for s in sentences) > ANCHOR_ABOVE
    assert len(anchors(tokens(hyp), [tokens(s) for s in sentences])) == 59
    expected = [s.replace("cats", "dogs").replace("sat on", "lay near") for s in sentences]
    assert resegment(hyp, sentences) == expected == resegment(hyp, sentences, anchor_above=WHOLE)


def noisy_document(rng: random.Random) -> tuple[list[str], str]:
    """Reference sentences and a hypothesis of the whole document with sentence- and word-level noise."""
    vocabulary = [f"w{n}" for n in range(rng.choice([6, 30, 500]))] + ["the", "The", "the,", "a.", "—"]
    size = rng.randint(50, 3000)
    refs: list[str] = []
    while sum(len(r.split()) for r in refs) < size:
        refs.append(" ".join(rng.choice(vocabulary) for _ in range(rng.choice([0, 1, 3, 8, 15, 25, 40]))))
    rate = rng.choice([0.0, 0.05, 0.2, 0.4])
    order = list(range(len(refs)))
    for n in range(len(order) - 1):
        if rng.random() < 0.03:
            order[n], order[n + 1] = order[n + 1], order[n]
    hyp: list[str] = []
    for n in order:
        if rng.random() < 0.05:
            continue  # a dropped sentence
        for word in refs[n].split():
            roll = rng.random()
            if roll < rate / 4:
                continue
            hyp.append(rng.choice(vocabulary) if roll < rate / 2 else word)
            if roll > 1 - rate / 4:
                hyp.append(rng.choice([word, rng.choice(vocabulary)]))
    return refs, " ".join(hyp)


def test_random_documents_keep_the_optimum_and_nearly_always_the_pieces():
    rng = random.Random(20261201)
    identical = anchored_docs = 0
    documents = 40
    for _ in range(documents):
        refs, hyp = noisy_document(rng)
        whole = resegment(hyp, refs, anchor_above=WHOLE)
        anchored = resegment(hyp, refs, anchor_above=0)
        assert len(anchored) == len(refs)
        assert " ".join(piece for piece in anchored if piece) == hyp
        optimum = Levenshtein.distance([t for r in refs for t in tokens(r)], tokens(hyp))
        assert total_cost(anchored, refs) == total_cost(whole, refs) == optimum
        identical += anchored == whole
        anchored_docs += len(anchors(tokens(hyp), [tokens(r) for r in refs])) >= 10
    assert anchored_docs >= documents // 2  # the anchors did split most documents
    assert identical >= documents - 2  # all 40 at present; only ties could ever differ


def test_sentence_runs_do_not_import_rapidfuzz() -> None:
    """Every evaluation imports the re-segmentation modules (harness.merge); only unit != sentence needs rapidfuzz."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = ("import sys, harness.evaluate, harness.sweep, harness.metrics.sacrebleu, harness.reseg_anchors; "
            "assert 'rapidfuzz' not in sys.modules, 'rapidfuzz imported'")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, env=env)
