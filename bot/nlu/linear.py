"""Pure-numpy inference for the TF-IDF + logistic-regression text classifier.

Training uses scikit-learn (imported lazily); the trained pipeline is then compiled into
vocabularies, IDF vectors and coefficients so that a bot process that loads a cached model never
imports scikit-learn or scipy (≈110 MB of resident memory saved). :func:`compile_pipeline`
reproduces ``TfidfVectorizer`` (word 1-2-grams + ``char_wb`` 2-5-grams, sublinear TF, L2 norm)
exactly; a test checks the probabilities against scikit-learn.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

WORD_PATTERN = r"(?u)\b\w+\b"
_WORD_RE = re.compile(WORD_PATTERN)
_SPACES = re.compile(r"\s\s+")


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


def _char_wb_ngrams(text: str, lo: int = 2, hi: int = 5) -> list[str]:
    grams: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(lo, hi + 1):
            offset = 0
            grams.append(padded[offset : offset + n])
            while offset + n < size:
                offset += 1
                grams.append(padded[offset : offset + n])
            if offset == 0:
                break
    return grams


def _tfidf(
    grams: list[str], vocab: dict[str, int], idf: np.ndarray
) -> tuple[list[int], np.ndarray]:
    counts = Counter(vocab[g] for g in grams if g in vocab)
    if not counts:
        return [], np.zeros(0)
    idx = list(counts)
    vals = np.array([(1.0 + math.log(counts[i])) * idf[i] for i in idx])
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
        offset = len(self.word_vocab)
        out = np.empty((len(texts), len(self.classes)))
        for row, text in enumerate(texts):
            w_idx, w_val = _tfidf(_word_ngrams(text), self.word_vocab, self.word_idf)
            c_idx, c_val = _tfidf(_char_wb_ngrams(text), self.char_vocab, self.char_idf)
            scores = self.intercept.copy()
            if w_idx:
                scores += self.coef[:, w_idx] @ w_val
            if c_idx:
                scores += self.coef[:, [offset + i for i in c_idx]] @ c_val
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
