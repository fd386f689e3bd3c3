#!/usr/bin/env python3
"""Agreement of report clusters with known groups: govtext against the Python peer, in one run.

    /usr/bin/python3 bench/nmi.py --input DIR --govtext OUT [--k 4] [--eras 1978,2013]

OUT is the output folder of a govtext run over DIR with `--set cluster.k=K`
(clusters.csv, corpus.csv). The script runs bench/peer.py (jieba +
scikit-learn TfidfVectorizer defaults + KMeans, the same k) over the same
files, labels each report with its era from its year (before 1978,
1978-2012, 2013 on by default: --eras gives the first year of each later
era) and prints the normalized mutual information (scikit-learn's
normalized_mutual_info_score, arithmetic mean) of each clustering with the
eras, as JSON. Needs python3-sklearn, python3-jieba and python3-pandas.
"""
import argparse
import bisect
import csv
import json
import os
import subprocess
import sys
import tempfile

from sklearn.metrics import normalized_mutual_info_score

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--input", required=True)
parser.add_argument("--govtext", required=True, help="output folder of the govtext run (cluster.k set to --k)")
parser.add_argument("--k", type=int, default=4)
parser.add_argument("--eras", default="1978,2013", help="first year of each era after the first")
args = parser.parse_args()
starts = [int(y) for y in args.eras.split(",")]


def era(year):
    return bisect.bisect_right(starts, int(year))


def rows(path):
    with open(path, encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


corpus = {r["doc_id"]: r for r in rows(os.path.join(args.govtext, "corpus.csv"))}
clusters = rows(os.path.join(args.govtext, "clusters.csv"))
k_govtext = len({r["cluster"] for r in clusters})
if k_govtext != args.k:
    sys.exit(f"nmi: {args.govtext}/clusters.csv has {k_govtext} clusters, expected --k {args.k} (run govtext with --set cluster.k={args.k})")
g_true = [era(corpus[r["doc_id"]]["year"]) for r in clusters]
g_pred = [r["cluster"] for r in clusters]

with tempfile.TemporaryDirectory() as tmp:
    labels = os.path.join(tmp, "labels.csv")
    peer = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "peer.py"), "--input", args.input, "--k", str(args.k), "--labels", labels], capture_output=True, text=True)
    if peer.returncode != 0:
        sys.exit(f"nmi: peer.py failed: {peer.stderr.strip()}")
    # The peer's files by name; govtext's source_file names the same files.
    by_file = {r["file"]: r["cluster"] for r in rows(labels)}
source = {r["doc_id"]: os.path.basename(r["source_file"]) for r in corpus.values()}
p_true, p_pred = [], []
for r in clusters:
    f = source[r["doc_id"]]
    if f in by_file:
        p_true.append(era(corpus[r["doc_id"]]["year"]))
        p_pred.append(by_file[f])

json.dump(
    {
        "k": args.k,
        "eras": ["before %d" % starts[0]] + ["%d-%d" % (a, b - 1) for a, b in zip(starts, starts[1:])] + ["%d on" % starts[-1]],
        "reports": len(g_true),
        "nmi_govtext": round(normalized_mutual_info_score(g_true, g_pred), 4),
        "nmi_peer": round(normalized_mutual_info_score(p_true, p_pred), 4),
        "peer_reports": len(p_true),
    },
    sys.stdout,
)
sys.stdout.write("\n")
