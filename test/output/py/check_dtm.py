"""Loads dtm.mtx with scipy.io.mmread and compares it, cell by cell, with counts taken from tokens.jsonl."""
import collections, json, sys
import pandas as pd
import scipy.io

out = sys.argv[1]
m = scipy.io.mmread(f'{out}/dtm.mtx').tocsr()
docs = pd.read_csv(f'{out}/dtm_documents.csv', encoding='utf-8-sig', keep_default_na=False, dtype=str)
terms = pd.read_csv(f'{out}/dtm_terms.csv', encoding='utf-8-sig', keep_default_na=False, dtype=str)
column = {t: int(c) - 1 for t, c in zip(terms.term, terms.column)}
bad = collections.Counter()
entries = 0
for i, line in enumerate(open(f'{out}/tokens.jsonl', encoding='utf-8')):
    j = json.loads(line)
    bad['doc_id'] += docs.doc_id[i] != j['doc_id'] or int(docs.row[i]) != i + 1
    bad['tokens'] += int(docs.tokens[i]) != len(j['tokens'])
    c = collections.Counter(j['tokens'])
    row = m.getrow(i)
    got = {int(k): int(v) for k, v in zip(row.indices, row.data)}
    want = {column[t]: n for t, n in c.items()}
    bad['cells'] += got != want
    entries += len(want)
bad['doc_freq'] = int(((m > 0).sum(axis=0).A1 != terms.doc_freq.astype(int).values).sum())
bad['count'] = int((m.sum(axis=0).A1 != terms['count'].astype(int).values).sum())
print(json.dumps({'shape': list(m.shape), 'nnz': int(m.nnz), 'entries': entries, 'dtype': str(m.dtype), 'terms_unique': terms.term.is_unique, 'bad': bad}, ensure_ascii=False))
