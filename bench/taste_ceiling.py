#!/usr/bin/env python3
"""Issue 22: how far a taste can go with a representation, whatever the ranker does.

A reader likes 20 papers of one primary category drawn from arXiv days 1-5 of ../shared/arxiv and
hides 15 others; each held-out day (6 and 7) is ranked whole by the centroid taste (mean of the
liked vectors less half the mean of the hidden ones), and the share of the category among the
first 10 is averaged over 20 draws. With --prior, papers matching the "privacy" topic's keywords
(config/topics.yaml) get a bonus, as a reader subscribed to the topic gets. Representations: TF-IDF
hashed into 512 dimensions (as Paperboy's, on a plain tokenizer), into 8,192, and all-MiniLM-L6-v2
(quantised) when bench/taste.sh minilm-q has cached its vectors in bench/work/taste/, and e5-small-v2
(quantised) when bench/taste.sh e5-q has.
With --supervised, the taste is not a reader's but an oracle's: the labels of every paper of days 1-5
(all of the category's papers against all others, centroid difference), the most a linear taste on
the representation could learn from those days; printed for the held-out days 6-7, for the
rotated window (days 3-7 to days 1-2) and as the mean of all seven windows (bench/taste.sh's).
    python3 bench/taste_ceiling.py [--prior | --supervised]      (needs numpy)
"""
import collections, glob, json, math, os, re, struct, sys, zlib
import numpy as np

root = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'arxiv')
if not os.path.isdir(root):
    sys.exit('../shared/arxiv is absent: nothing to measure')
labels = json.load(open(os.path.join(root, 'labels.json')))
days, texts = [], {}
for f in sorted(glob.glob(os.path.join(root, '*.xml'))):
    ids = []
    for e in re.findall(r'<entry>(.*?)</entry>', open(f, encoding='utf8').read(), re.S):
        i = re.search(r'<id>[^<]*abs/([^<v]+)(v\d+)?</id>', e).group(1)
        texts[i] = (re.search(r'<title>(.*?)</title>', e, re.S).group(1), re.search(r'<summary>(.*?)</summary>', e, re.S).group(1))
        ids.append(i)
    days.append(ids)
STOP = set('the of and a to in for we is on with that this by as are an be from our it at or which can these their has have not its'
           ' also such both than into using based show results method methods paper propose proposed approach'.split())

def tfidf(dim):
    tok = lambda s: [w for w in re.findall(r'[a-z][a-z0-9]+', s.lower()) if w not in STOP]
    out = {}
    for ids in days:
        docs = [collections.Counter(tok(texts[i][0]) * 2 + tok(texts[i][1])) for i in ids]
        df = collections.Counter()
        for d in docs:
            df.update(d.keys())
        for i, d in zip(ids, docs):
            x = np.zeros(dim, dtype='f4')
            for w, c in d.items():
                if df[w] >= 2:
                    h = zlib.crc32(w.encode())
                    x[h % dim] += (1 + math.log(c)) * math.log((len(ids) + 1) / (df[w] + 0.5)) * (1 if h >> 31 else -1)
            out[i] = x / max(np.linalg.norm(x), 1e-9)
    return out

def cached(path):  # bench/TasteBench.java's cache: int n, then (UTF id, int length, little-endian floats) n times
    b, o, out = open(path, 'rb').read(), 4, {}
    for _ in range(struct.unpack('>i', b[:4])[0]):
        n = struct.unpack('>H', b[o:o + 2])[0]; i = b[o + 2:o + 2 + n].decode(); o += 2 + n
        m = struct.unpack('>i', b[o:o + 4])[0]; out[i] = np.frombuffer(b[o + 4:o + 4 + m], dtype='<f4'); o += 4 + m
    return out

KEYWORDS = [k.strip() for k in re.search(r'slug: privacy.*?keywords:(.*?)\n\s*- slug:', open(
    os.path.join(os.path.dirname(__file__), '..', 'config', 'topics.yaml')).read(), re.S).group(1).split('- ') if k.strip()]

def topical(i):
    s = (texts[i][0] + ' ' + texts[i][1]).lower()
    return min(sum(s.count(k) for k in KEYWORDS), 4) / 4

def ceiling(vec, cat, prior):
    shares = []
    train = [i for d in range(5) for i in days[d]]
    pos = [i for i in train if labels.get(i) == cat and (not prior or topical(i) >= 0.5)]
    neg = [i for i in train if labels.get(i) != cat]
    for seed in range(20):
        rng = np.random.default_rng(seed)
        liked = np.array([vec[i] for i in rng.choice(pos, min(20, len(pos)), replace=False)])
        hidden = np.array([vec[i] for i in rng.choice(neg, 15, replace=False)])
        for d in (5, 6):
            fit = np.array([vec[i] for i in days[d]]) @ (liked.mean(0) - 0.5 * hidden.mean(0))
            score = (fit - fit.mean()) / fit.std() + (2 * np.array([topical(i) for i in days[d]]) if prior else 0)
            shares.append(np.mean([labels.get(days[d][j]) == cat for j in np.argsort(-score)[:10]]))
    return np.mean(shares)

def supervised(vec, cat, train, test):
    tr = [i for d in train for i in days[d]]
    pos = np.array([vec[i] for i in tr if labels.get(i) == cat])
    neg = np.array([vec[i] for i in tr if labels.get(i) != cat])
    shares = []
    for d in test:
        fit = np.array([vec[i] for i in days[d]]) @ (pos.mean(0) - neg.mean(0))
        shares.append(np.mean([labels.get(days[d][j]) == cat for j in np.argsort(-fit)[:10]]))
    return len(pos), shares

prior = '--prior' in sys.argv
reps = {'tfidf, 512 hashed dimensions': tfidf(512), 'tfidf, 8192 hashed dimensions': tfidf(8192)}
minilm = os.path.join(os.path.dirname(__file__), 'work', 'taste', 'all-minilm-q-l6-v2.bin')
if os.path.exists(minilm):
    reps['all-MiniLM-L6-v2, quantised'] = cached(minilm)
e5 = os.path.join(os.path.dirname(__file__), 'work', 'taste', 'e5-small-v2-q.bin')
if os.path.exists(e5):
    reps['e5-small-v2, quantised'] = cached(e5)
if '--supervised' in sys.argv:
    for cat in ('cs.CR', 'cs.RO'):
        print(f'{cat}: {[sum(labels.get(i) == cat for i in d) for d in days]} papers a day; the labels of every paper as the taste')
        for name, vec in reps.items():
            for train, test in (([0, 1, 2, 3, 4], [5, 6]), ([2, 3, 4, 5, 6], [0, 1])):
                n, shares = supervised(vec, cat, train, test)
                print(f'  {name:32s} {n} liked, days {train[0] + 1}-{train[-1] + 1} -> days {test[0] + 1}-{test[-1] + 1}: '
                      f'share of the first 10 {np.mean(shares):.2f} (by day {", ".join(f"{x:.1f}" for x in shares)})')
            cycles = [[(start + k) % len(days) for k in range(len(days))] for start in range(len(days))]
            every = [x for c in cycles for x in supervised(vec, cat, c[:5], c[5:])[1]]
            print(f'  {name:32s} all {len(cycles)} windows (5 days in a row -> the 2 after): mean share {np.mean(every):.2f}')
    sys.exit()
for cat in ('cs.CR', 'cs.RO'):
    print(f'{cat}: {[sum(labels.get(i) == cat for i in d) for d in days]} papers a day; held-out days 6-7')
    for name, vec in reps.items():
        print(f'  {name:32s} share of the first 10: {ceiling(vec, cat, prior and cat == "cs.CR"):.2f}'
              + (' (with the topic\'s keywords as a prior)' if prior and cat == 'cs.CR' else ''))
