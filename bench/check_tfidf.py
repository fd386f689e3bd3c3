#!/usr/bin/env python3
"""Compare govtext's tfidf.csv with scikit-learn's TfidfVectorizer on the same tokens.

    /usr/bin/python3 bench/check_tfidf.py output/default   (Debian python3-sklearn)

Reads tokens.jsonl (exactly the tokens govtext counted) and fits
TfidfVectorizer with its defaults (smooth idf, raw counts, L2 norm) on them;
prints the number of (document, term) cells compared and the largest absolute
difference. Exits 1 when the cells differ or the difference is 1e-9 or more.
Needs python3-sklearn (Debian) or scikit-learn (pip).
"""
import csv
import json
import sys

from sklearn.feature_extraction.text import TfidfVectorizer

out = sys.argv[1] if len(sys.argv) > 1 else "output/default"
docs = [json.loads(line) for line in open(f"{out}/tokens.jsonl", encoding="utf-8")]
vec = TfidfVectorizer(analyzer=lambda tokens: tokens)  # the tokens as they are: no lowercasing, no re-tokenising
X = vec.fit_transform([d["tokens"] for d in docs]).tocsr()
vocab = vec.vocabulary_
row_of = {d["doc_id"]: i for i, d in enumerate(docs)}

ours = {}
with open(f"{out}/tfidf.csv", encoding="utf-8-sig", newline="") as f:
    for r in csv.DictReader(f):
        term = r["term"][1:] if r["term"][:1] == "'" and r["term"][1:2] in "=+-@" else r["term"]
        ours[(r["doc_id"], term)] = float(r["tfidf"])

term_of = {j: t for t, j in vocab.items()}
theirs = {}
for doc_id, i in row_of.items():
    start, end = X.indptr[i], X.indptr[i + 1]
    for j, v in zip(X.indices[start:end], X.data[start:end]):
        theirs[(doc_id, term_of[j])] = float(v)

missing = set(theirs) ^ set(ours)
diff = max(abs(ours[k] - theirs[k]) for k in theirs if k in ours)
print(f"cells compared: {len(theirs)}; cells in only one: {len(missing)}; max abs difference: {diff:.3e}")
sys.exit(0 if not missing and diff < 1e-9 else 1)
