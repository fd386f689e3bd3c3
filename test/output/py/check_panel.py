"""Checks a govtext run's panel files against the cleaned text, the lexicon, targets.csv and each other.

Independent of govtext's code: a term's hits are its exact substring count in clean/DOC_ID.txt, as Ctrl-F
counts it (str.count per line: left to right, non-overlapping; the enumeration marks and spaces of
src/text/count.ts, 、·・• space tab, removed from line and term first); a category's hits the sum of its terms'
counts; the per_10k denominator is the token count of tokens.jsonl; rates and pooled rates are recomputed
with pandas, the .dta files are read with pandas.read_stata. argv: output folder, lexicon file, then the
study's own terms (phrases.terms, category study). Prints a JSON summary (numbers of rows checked and of
mismatches) for the test to assert on.
"""
import collections, json, math, re, sys
import pandas as pd

out, lexicon_file, study = sys.argv[1], sys.argv[2], sys.argv[3:]
read = lambda f: pd.read_csv(f'{out}/{f}', encoding='utf-8-sig', keep_default_na=False, dtype=str)
counts, lengths = {}, {}
for line in open(f'{out}/tokens.jsonl', encoding='utf-8'):
    j = json.loads(line)
    counts[j['doc_id']] = collections.Counter(j['tokens'])
    lengths[j['doc_id']] = len(j['tokens'])
lexicon = pd.read_csv(lexicon_file, encoding='utf-8-sig', keep_default_na=False, dtype=str)
categories = collections.defaultdict(list)
for t, c in zip(lexicon.term, lexicon.category):
    categories[c].append(t)
categories['study'] += [t for t in study if t not in set(lexicon.term)]
IGNORED = str.maketrans('', '', '、·・• \t')
lines = {}
def substring_count(doc_id, term):
    if doc_id not in lines:
        lines[doc_id] = [l.translate(IGNORED) for l in open(f'{out}/clean/{doc_id}.txt', encoding='utf-8').read().split('\n')]
    key = term.translate(IGNORED)
    return sum(l.count(key) for l in lines[doc_id])
# Rows whose token count (the old measure) differs from the substring count: the check can tell them apart.
token_differs = 0
corpus, panel, targets = read('corpus.csv'), read('panel.csv'), read('targets.csv').set_index('doc_id')
reports = corpus[corpus.kind == 'report']
num = lambda s: float(s) if s != '' else None
bad = collections.Counter()
for r in panel.itertuples(index=False):
    if r.kind == 'term':
        expected = substring_count(r.doc_id, r.variable)
        token_differs += counts[r.doc_id][r.variable] != expected
    elif r.kind == 'category':
        expected = sum(substring_count(r.doc_id, t) for t in set(categories[r.variable]))
    elif r.kind == 'target':
        want = targets.loc[r.doc_id, r.variable]
        bad['target'] += num(r.value) != num(want) or r.hits != ''
        continue
    else:
        expected = None  # dictionary: substring matching, checked against attention.csv below
    n = lengths[r.doc_id]
    if expected is not None:
        bad[r.kind] += float(r.hits) != expected
    bad['tokens'] += float(r.tokens) != n
    bad['per_10k'] += float(r.per_10k) != (float(r.hits) / n * 10000 if n else 0) or r.value != r.per_10k
attention = read('attention.csv')
att = {(a.doc_id, a.category if a.dictionary == 'lexicon' else f'{a.dictionary}:{a.category}'): a.hits for a in attention.itertuples()}
for r in panel[panel.kind.isin(['category', 'dictionary'])].itertuples():
    bad['attention'] += float(att[(r.doc_id, r.variable)]) != float(r.hits)
per_doc = panel.groupby('doc_id').size()
bad['corpus_tokens'] = sum((t != '' or d in lengths) if d not in lengths else float(t) != lengths[d] for d, t in zip(corpus.doc_id, corpus.tokens))

# policy_terms.csv: the same count for every (document, term) it lists (it may list a term of the lexicon under
# another category only when the lexicon does); every term row of the panel with hits is there.
policy = read('policy_terms.csv')
pcount = {(a.doc_id, a.term): float(a.count) for a in policy.itertuples()}
for r in panel[panel.kind == 'term'].itertuples():
    bad['policy_terms'] += pcount.get((r.doc_id, r.variable), 0.0) != float(r.hits)

# panel.dta: every value and label as in panel.csv.
dta_reader = pd.io.stata.StataReader(f'{out}/panel.dta')
dta = dta_reader.read()
labels = dta_reader.variable_labels()
for c in panel.columns:
    for a, b in zip(panel[c], dta[c]):
        if isinstance(b, str):
            bad['panel.dta'] += a != b
        else:
            bad['panel.dta'] += not ((a == '' and math.isnan(b)) or (a != '' and float(a) == b))

# panel_wide: pooled rates recomputed from panel.csv; targets: the first report's; names valid; .dta agrees.
wide, names = read('panel_wide.csv'), read('panel_wide_variables.csv')
name_ok = re.compile(r'^[A-Za-z_][A-Za-z0-9_]{0,31}$')
bad['names'] = sum(not name_ok.match(c) for c in wide.columns) + (len(set(wide.columns)) != len(wide.columns))
p = panel.copy()
for c in ['hits', 'tokens', 'value']:
    p[c] = pd.to_numeric(p[c])
p['year'] = p.year
column = dict(zip(names.variable + '|' + names.kind, names.column))
cells = 0
for (region, year), g in p[p.region != ''].groupby(['region', 'year']):
    row = wide[(wide.region == region) & (wide.year == year)]
    assert len(row) == 1, (region, year)
    row = row.iloc[0]
    docs = g.drop_duplicates('doc_id')
    bad['wide_tokens'] += float(row.tokens) != docs.tokens.sum() or int(row.reports) != len(docs)
    for (variable, kind), v in g.groupby(['variable', 'kind'], sort=False):
        got = num(row[column[variable + '|' + kind]])
        if kind == 'target':
            values = [x for x in v.value if not math.isnan(x)]
            want = values[0] if values else None
        else:
            want = v.hits.sum() / v.tokens.sum() * 10000 if v.tokens.sum() else 0
        bad['wide'] += got != want
        cells += 1
wide_reader = pd.io.stata.StataReader(f'{out}/panel_wide.dta')
wdta = wide_reader.read()
wlabels = wide_reader.variable_labels()
bad['wide.dta_labels'] = sum(wlabels[c] != l for c, l in zip(names.column, names.label))
for c in wide.columns:
    for a, b in zip(wide[c], wdta[c]):
        bad['wide.dta'] += (a != b) if isinstance(b, str) else not ((a == '' and math.isnan(b)) or (a != '' and float(a) == b))

# corpus.dta: every value as in corpus.csv.
cdta = pd.read_stata(f'{out}/corpus.dta')
for c in corpus.columns:
    for a, b in zip(corpus[c], cdta[c]):
        bad['corpus.dta'] += (a != b) if isinstance(b, str) else not ((a == '' and math.isnan(b)) or (a != '' and float(a) == b))

print(json.dumps({
    'rows': len(panel), 'reports': len(reports), 'panel_docs': sorted(per_doc.index) == sorted(reports.doc_id), 'per_doc': sorted(set(per_doc)),
    'kinds': dict(collections.Counter(panel.kind)), 'terms': sorted(set(panel[panel.kind == 'term'].variable)) == sorted(set(lexicon.term) | set(study)),
    'study': {t: int(pd.to_numeric(panel[(panel.kind == 'term') & (panel.variable == t)].hits).sum()) for t in study}, 'token_differs': token_differs,
    'zeros': int((panel[panel.kind == 'term'].hits == '0').sum()), 'wide_rows': len(wide), 'wide_cells': cells,
    'labels': [labels[c] for c in panel.columns], 'dta_rows': len(dta), 'bad': bad,
    'chinese': sorted(set(dta[dta.kind == 'term'].variable))[:3],
}, ensure_ascii=False, default=int))
