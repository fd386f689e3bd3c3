#!/usr/bin/env python3
"""The Python peer of the govtext bench: what researchers do today, timed.

    /usr/bin/python3 bench/peer.py --input DIR --k 3 [--n-init 10] [--seed 42]
        [--userdict FILE] [--stopwords FILE]

Reads every .txt file of DIR (sorted), segments each non-empty line with
jieba (HMM on, as govtext's default) after adding the user dictionary (one
word per line: govtext's lexicon terms and the phrases the govtext run made
into tokens), drops the tokens govtext's default segment stage drops
(stopwords, numbers, punctuation and symbols, single characters), fits
scikit-learn's TfidfVectorizer with its defaults on those tokens and KMeans
with the same k and restarts (n_init) as the govtext run. Prints one JSON
object on stdout: wall time of each step, peak RSS (getrusage), characters
and tokens. Needs the Debian packages python3-jieba and python3-sklearn
(apt-get install python3-jieba python3-sklearn) or jieba and scikit-learn
from pip.
"""
import time

T0 = time.perf_counter()  # before the imports: a researcher's script pays for them too

import argparse
import json
import logging
import os
import re
import resource
import sys

STEPS = {}


def step(name, since):
    now = time.perf_counter()
    STEPS[name] = round((now - since) * 1000)
    return now


parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--input", required=True, help="folder of report .txt files")
parser.add_argument("--k", type=int, required=True, help="number of clusters (govtext's chosen k)")
parser.add_argument("--n-init", type=int, default=10, help="k-means restarts (govtext cluster.restarts)")
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--userdict", help="words jieba must keep whole, one per line")
parser.add_argument("--stopwords", help="stopwords, one per line")
parser.add_argument("--labels", help="also write each file's k-means cluster to this CSV (file,cluster), for agreement measures such as NMI")
args = parser.parse_args()

t = time.perf_counter()
try:
    import jieba
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    import sklearn
except ImportError as err:
    sys.stderr.write(f"peer: {err}. Install with: apt-get install python3-jieba python3-sklearn (then run with /usr/bin/python3)\n")
    sys.exit(3)
jieba.setLogLevel(logging.WARNING)
t = step("import", t)

# 1. read: the same files govtext reads
files = sorted(os.path.join(root, f) for root, _, names in os.walk(args.input) for f in names if f.endswith(".txt"))
texts = []
for f in files:
    with open(f, encoding="utf-8") as fh:
        texts.append(fh.read())
t = step("read", t)

# 2. jieba: default dictionary, then the user words (add_word without a frequency
#    makes jieba suggest one that keeps the word whole)
jieba.initialize()
if args.userdict:
    with open(args.userdict, encoding="utf-8") as fh:
        for w in fh:
            w = w.strip()
            if w:
                jieba.add_word(w)
stopwords = set()
if args.stopwords:
    with open(args.stopwords, encoding="utf-8") as fh:
        stopwords = {w.strip() for w in fh if w.strip()}
t = step("dictionary", t)

# 3. segment and filter as govtext's segment stage does by default
NUMBER = re.compile(r"^(?:[0-9.,%‰+\-~]+|[零〇一二三四五六七八九十百千万亿两]+)$")


def keep(tok):
    return (
        any(c.isalnum() for c in tok)  # punctuation and symbols go
        and tok.strip() != ""
        and not NUMBER.match(tok)
        and len(tok) >= 2
        and tok not in stopwords
    )


# Each document kept as its tokens joined by spaces (the usual practice: a
# list of 10^8 Python strings would need some 8 GB at 10,000 reports).
docs = []
chars = 0
tokens = 0
for i, text in enumerate(texts):
    if len(texts) >= 20 and i % (len(texts) // 10) == 0:
        sys.stderr.write(f"peer: segment: {i}/{len(texts)} documents\n")
        sys.stderr.flush()
    toks = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        chars += len(line)
        toks.extend(w for w in jieba.lcut(line, HMM=True) if keep(w))
    tokens += len(toks)
    docs.append(" ".join(toks))
t = step("segment", t)

# 4. TF-IDF: scikit-learn's defaults over exactly these tokens (jieba's
#    tokens hold no spaces, so splitting on them gives the tokens back)
vec = TfidfVectorizer(analyzer=str.split)
X = vec.fit_transform(docs)
t = step("tfidf", t)

# 5. k-means with govtext's k and restarts
km = KMeans(n_clusters=args.k, n_init=args.n_init, random_state=args.seed).fit(X)
t = step("kmeans", t)
if args.labels:
    with open(args.labels, "w", encoding="utf-8") as fh:
        fh.write("file,cluster\n")
        for f, c in zip(files, km.labels_):
            fh.write(f"{os.path.basename(f)},{int(c) + 1}\n")

json.dump(
    {
        "wall_ms": round((time.perf_counter() - T0) * 1000),
        "steps_ms": STEPS,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,  # Linux: kilobytes
        "files": len(files),
        "chars": chars,
        "tokens": tokens,
        "vocabulary": len(vec.vocabulary_),
        "k": args.k,
        "n_init": args.n_init,
        "inertia": float(km.inertia_),
        "python": sys.version.split()[0],
        "jieba": jieba.__version__,
        "sklearn": sklearn.__version__,
        "python_executable": sys.executable,
    },
    sys.stdout,
)
sys.stdout.write("\n")
