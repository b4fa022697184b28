"""Pure-numpy inference for the TF-IDF + logistic-regression text classifier.

Training uses scikit-learn (imported lazily); the trained pipeline is then compiled into
vocabularies, IDF vectors and coefficients so that a bot process that loads a cached model never
imports scikit-learn or scipy (≈110 MB of resident memory saved). :func:`compile_pipeline`
reproduces ``TfidfVectorizer`` (word 1-2-grams + ``char_wb`` 2-5-grams, sublinear TF, L2 norm)
exactly; a test checks the probabilities against scikit-learn.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

WORD_PATTERN = r"(?u)\b\w+\b"
_WORD_RE = re.compile(WORD_PATTERN)


def train_pipeline(texts: Sequence[str], labels: Sequence[str], c: float) -> Any:
    """Fit the scikit-learn pipeline (word + char TF-IDF, multinomial logistic regression)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD_PATTERN)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    pipe = Pipeline([("features", FeatureUnion([("word", word), ("char", char)])), ("clf", clf)])
    return pipe.fit(list(texts), list(labels))


def _word_ngrams(text: str) -> list[str]:
    tokens = _WORD_RE.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


@functools.lru_cache(maxsize=65536)
def _word_char_grams(word: str, lo: int, hi: int) -> tuple[str, ...]:
    padded = f" {word} "
    size = len(padded)
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if size <= n:
            grams.append(padded)
            break
        grams.extend([padded[k : k + n] for k in range(size - n + 1)])
    return tuple(grams)


def _char_wb_ngrams(text: str, lo: int = 2, hi: int = 5) -> list[str]:
    """scikit-learn's ``char_wb`` analyzer (a word shorter than ``n`` counts once, whole).

    A word's n-grams do not depend on its neighbours, so they are cached per word.
    """
    grams: list[str] = []
    for word in text.lower().split():
        grams.extend(_word_char_grams(word, lo, hi))
    return grams


Grams = tuple[Counter[str], Counter[str]]


def text_grams(text: str) -> Grams:
    """Counted word 1-2-grams and ``char_wb`` 2-5-grams of ``text`` (shared by every model)."""
    return Counter(_word_ngrams(text)), Counter(_char_wb_ngrams(text))


def _tfidf(
    counts: Counter[str], vocab: dict[str, int], idf: np.ndarray
) -> tuple[list[int], np.ndarray]:
    hits = counts.keys() & vocab.keys()  # set intersection in C: most grams are unknown
    if not hits:
        return [], np.zeros(0)
    idx = [vocab[g] for g in hits]
    vals = (1.0 + np.log(np.array([counts[g] for g in hits], dtype=np.float64))) * idf[idx]
    return idx, vals / np.linalg.norm(vals)


@dataclass
class LinearTextModel:
    """Compiled classifier: ``predict_proba`` with numpy only."""

    classes: list[str]
    word_vocab: dict[str, int]
    word_idf: np.ndarray
    char_vocab: dict[str, int]
    char_idf: np.ndarray
    coef: np.ndarray  # (n_classes, n_word + n_char)
    intercept: np.ndarray

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities (rows follow ``texts``, columns follow ``classes``)."""
        return self.predict_proba_grams([text_grams(t) for t in texts])

    def __post_init__(self) -> None:
        # Rows per feature: gathering a text's few hundred features is one contiguous take.
        self.coef_t = np.ascontiguousarray(self.coef.T)

    def predict_proba_grams(self, grams: Sequence[Grams]) -> np.ndarray:
        """Like :meth:`predict_proba`, from :func:`text_grams` computed once per text."""
        offset = len(self.word_vocab)
        out = np.empty((len(grams), len(self.classes)))
        for row, (words, chars) in enumerate(grams):
            w_idx, w_val = _tfidf(words, self.word_vocab, self.word_idf)
            c_idx, c_val = _tfidf(chars, self.char_vocab, self.char_idf)
            scores = self.intercept.copy()
            if w_idx or c_idx:
                idx = np.array(w_idx + c_idx, dtype=np.intp)
                idx[len(w_idx) :] += offset
                scores += np.concatenate([w_val, c_val]) @ self.coef_t[idx]
            scores -= scores.max()
            exp = np.exp(scores)
            out[row] = exp / exp.sum()
        return out


def compile_pipeline(pipe: Any) -> LinearTextModel:
    """Turn a fitted :func:`train_pipeline` result into a :class:`LinearTextModel`."""
    union = pipe.named_steps["features"]
    word = dict(union.transformer_list)["word"]
    char = dict(union.transformer_list)["char"]
    clf = pipe.named_steps["clf"]
    coef = np.asarray(clf.coef_, dtype=np.float64)
    intercept = np.asarray(clf.intercept_, dtype=np.float64)
    if coef.shape[0] == 1:  # binary problem: sklearn stores one row for the positive class
        coef = np.vstack([-coef / 2, coef / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return LinearTextModel(
        classes=[str(c) for c in clf.classes_],
        word_vocab={k: int(v) for k, v in word.vocabulary_.items()},
        word_idf=np.asarray(word.idf_, dtype=np.float64),
        char_vocab={k: int(v) for k, v in char.vocabulary_.items()},
        char_idf=np.asarray(char.idf_, dtype=np.float64),
        coef=np.ascontiguousarray(coef),
        intercept=intercept,
    )
