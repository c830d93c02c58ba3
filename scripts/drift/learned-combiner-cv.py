# In-sample exploration for a learned drift combiner (issue 15 rounds 4 and 5): reads the per-turn features
# DriftFeatureTool#dumpInSampleFeatures writes (in-sample sets only: drift-corpus, tuning2 .. tuning7; held-out
# sets play no part), replays the shipped blend, and compares feature sets for an L2 logistic regression (or
# boosted decision stumps). The decision threshold is chosen inside each training part by an inner 5-fold CV
# (over sessions, or with INNER=sets over the training part's sets), never on the part scored. "net vs shipped"
# = errors the shipped blend makes minus errors the candidate makes, per in-sample set (in file order).
# Usage (CRIT = lower | errors: threshold criterion, lower of P/R or fp+fn; FEATS = a+b+c,d+e,...):
#   python3 scripts/drift/learned-combiner-cv.py TSV CRIT FEATS          5-fold CV over sessions (SEEDS=n, L2S=1,10,30)
#   python3 scripts/drift/learned-combiner-cv.py TSV CRIT FEATS loso     leave one in-sample set out (L2S=1,10)
#   python3 scripts/drift/learned-combiner-cv.py TSV CRIT - losotable    drift9's leave-one-set-out table: the shipped
#       blend, drift8's A and B with their shipped weights and refitted, and the pre-declared candidates, each with
#       the lower of P/R and the net cases per left-out set (FEATS ignored; INNER=sessions|sets)
#   python3 scripts/drift/learned-combiner-cv.py TSV CRIT FEATS stumps   boosted stumps, 5-fold session CV
#   python3 scripts/drift/learned-combiner-cv.py TSV CRIT FEATS final L2 fit on all judged turns, print the weights
# TSV: guard-workers/semantic/target/drift-features.tsv. docs/guards/semantic.md, "A learned drift combiner"
# and "Drift, round 9".
import csv, sys, math, random
import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else 'guard-workers/semantic/target/drift-features.tsv'
rows = list(csv.DictReader(open(path), delimiter='\t'))
num = ['off', 'lex', 'lexsim', 'back', 'words', 'cos_dec', 'cos_first', 'cos_max1', 'cos_max_all', 'cos_max_user',
       'cos_dec_user', 'coh_first', 'coh_last', 'ctx_dec', 'known', 'nuser', 'nall', 'concept']
for r in rows:
    for k in num:
        r[k] = float(r[k])
    r['sess'] = r['set'] + '|' + r['domain']
judged = [r for r in rows if r['reason'] not in ('warmup', 'no topical words')]
fixed = [r for r in rows if r['reason'] in ('warmup', 'no topical words')]

def ramp(x, on, off): return max(0.0, min(1.0, (on - x) / (on - off)))
def blend(r):
    s = 0.6 * ramp(r['cos_dec'], 0.4, 0.0) + 0.4 * r['lex']
    return s * 0.6 if r['back'] else s

FEATS = {
    'lex': lambda r: r['lex'],
    'lexsim': lambda r: r['lexsim'],
    'known': lambda r: r['known'],
    'back': lambda r: r['back'],
    'cos': lambda r: r['cos_dec'],
    'prev': lambda r: r['cos_max1'],
    'first': lambda r: r['cos_first'],
    'maxall': lambda r: r['cos_max_all'],
    'maxuser': lambda r: r['cos_max_user'],
    'logw': lambda r: math.log(r['words']),
    'pos': lambda r: math.log(r['nall']),
    'blend': blend,
    'lexXknown': lambda r: r['lexsim'] * r['known'],
    'anchor': lambda r: r['coh_first'],
    'cohlast': lambda r: r['coh_last'],
    'ctx': lambda r: r['ctx_dec'],
    'concept': lambda r: 0.5 if math.isnan(r['concept']) else r['concept'],
    'hasconcept': lambda r: 0.0 if math.isnan(r['concept']) else 1.0,
    'cosXknown': lambda r: r['cos_dec'] * r['known'],
    'lexramp': lambda r: ramp(r['lexsim'], 0.4, 0.0),
    'lexrampXknown': lambda r: ramp(r['lexsim'], 0.4, 0.0) * r['known'],
    'abstain': lambda r: 1.0 if r['reason'].startswith('dissimilar but') else 0.0,
    'lexflag': lambda r: 1.0 if r['lex'] >= 0.5 else 0.0,
    'cosramp': lambda r: ramp(r['cos_dec'], 0.4, 0.0),
    'maxramp': lambda r: ramp(r['cos_max_all'], 0.5, 0.1),
    'cosuser': lambda r: r['cos_dec_user'],
    'cosXback': lambda r: r['cos_dec'] * r['back'],
    'short': lambda r: 1.0 if r['words'] <= 5 else 0.0,
    'cosrampXshort': lambda r: ramp(r['cos_dec'], 0.4, 0.0) * (1.0 if r['words'] <= 5 else 0.0),
}
CRIT = 'errors'
INNER = __import__('os').environ.get('INNER', 'sessions')
NSEEDS = int(__import__('os').environ.get('SEEDS', '1'))

def fit(X, y, l2):
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = (X - mu) / sd
    w = np.zeros(Z.shape[1]); b = 0.0
    # Newton iterations (L2 on weights, not bias)
    for _ in range(50):
        p = 1 / (1 + np.exp(-(Z @ w + b)))
        g = Z.T @ (p - y) + l2 * w
        gb = (p - y).sum()
        W = p * (1 - p)
        H = Z.T @ (Z * W[:, None]) + l2 * np.eye(len(w))
        Hb = W.sum(); Hwb = Z.T @ W
        A = np.block([[H, Hwb[:, None]], [Hwb[None, :], np.array([[Hb]])]])
        step = np.linalg.solve(A, np.concatenate([g, [gb]]))
        w -= step[:-1]; b -= step[-1]
        if np.abs(step).max() < 1e-9: break
    return w / sd, b - (w * mu / sd).sum()

def prob(X, wb): return 1 / (1 + np.exp(-(X @ wb[0] + wb[1])))

def folds(sessions, k, seed):
    s = sorted(sessions); random.Random(seed).shuffle(s)
    return [set(s[i::k]) for i in range(k)]

def prf(pred, y):
    tp = int(((pred == 1) & (y == 1)).sum()); fp = int(((pred == 1) & (y == 0)).sum()); fn = int(((pred == 0) & (y == 1)).sum())
    return tp, fp, fn

def lowerpr(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1; r = tp / (tp + fn) if tp + fn else 1
    return min(p, r)

THS = np.round(np.arange(0.25, 0.751, 0.025), 3)
def choose_threshold(X, y, sess, l2, seed=0):
    # inner 5-fold session CV on the training part; criterion: errors (fp+fn) with the fixed-rule turns added
    scores = np.zeros(len(y))
    if INNER == 'sets':
        groups = [s.split('|')[0] for s in sess]
        inner = [{g} for g in sorted(set(groups))]
    else:
        groups, inner = sess, folds(set(sess), 5, seed + 101)
    for f in inner:
        te = np.array([g in f for g in groups])
        scores[te] = prob(X[te], fit(X[~te], y[~te], l2))
    best = None
    for t in THS:
        tp, fp, fn = prf((scores >= t).astype(int), y)
        key = ((fp + fn) if CRIT == 'errors' else -lowerpr(tp, fp, fn), abs(t - 0.5))
        if best is None or key < best[0]: best = (key, t)
    return best[1]

def data(names, rs):
    X = np.array([[FEATS[n](r) for n in names] for r in rs]); y = np.array([r['off'] for r in rs]); s = [r['sess'] for r in rs]
    return X, y, s

def cv(names, l2, seeds=(0, 1, 2)):
    X, y, sess = data(names, judged)
    sets = [r['set'] for r in judged]
    out = []
    for seed in seeds:
        pred = np.zeros(len(y), dtype=int)
        for f in folds(set(sess), 5, seed):
            te = np.array([s in f for s in sess])
            t = choose_threshold(X[~te], y[~te], [s for s, m in zip(sess, te) if not m], l2, seed)
            pred[te] = (prob(X[te], fit(X[~te], y[~te], l2)) >= t).astype(int)
        out.append(pred)
    return out, y, sets

fx = np.array([1 if r['lex'] >= 0.5 else 0 for r in fixed]); fy = np.array([r['off'] for r in fixed])
fsets = [r['set'] for r in fixed]
SETS = list(dict.fromkeys(r['set'] for r in rows))
ship = np.array([1 if blend(r) >= 0.5 else 0 for r in judged]); jy = np.array([r['off'] for r in judged])
jsets = [r['set'] for r in judged]

def per_set(pred, y, sets):
    res = {}
    for S in SETS:
        m = np.array([s == S for s in sets]); fm = np.array([s == S for s in fsets])
        tp, fp, fn = prf(pred[m], y[m]); a, b, c = prf(fx[fm], fy[fm])
        res[S] = (tp + a, fp + b, fn + c)
    return res

def show(label, pred):
    ps = per_set(pred, jy, jsets); bs = per_set(ship, jy, jsets)
    tot = [sum(v[i] for v in ps.values()) for i in range(3)]
    net = {S: (bs[S][1] + bs[S][2]) - (ps[S][1] + ps[S][2]) for S in SETS}
    worst = min(net.values())
    print('%-38s pooled P %.3f R %.3f lower %.3f | net vs shipped %s | worst %+d' % (label,
          tot[0] / (tot[0] + tot[1]), tot[0] / (tot[0] + tot[2]), lowerpr(*tot),
          ' '.join('%+d' % net[S] for S in SETS), worst))

def main():
    print('judged turns', len(judged), 'fixed (warm-up / contentless)', len(fixed))
    show('shipped blend (replayed)', ship)
    cands = [
        ['blend'],
        ['cos', 'lex', 'back'],
        ['cos', 'lex', 'back', 'known'],
        ['cos', 'lex', 'back', 'lexsim', 'known'],
        ['cos', 'lex', 'back', 'prev'],
        ['cos', 'lex', 'back', 'first'],
        ['cos', 'lex', 'back', 'maxall'],
        ['cos', 'lex', 'back', 'maxuser'],
        ['cos', 'lex', 'back', 'prev', 'first', 'maxall'],
        ['cos', 'lex', 'back', 'known', 'prev', 'first', 'maxall'],
        ['cos', 'lex', 'back', 'known', 'maxall'],
        ['cos', 'lex', 'back', 'known', 'maxall', 'pos'],
        ['cos', 'lex', 'back', 'known', 'maxall', 'logw'],
        ['cos', 'lex', 'lexsim', 'back', 'known', 'prev', 'first', 'maxall', 'logw', 'pos'],
    ]
    global CRIT
    CRIT = sys.argv[2] if len(sys.argv) > 2 else 'errors'
    cands = [c.split('+') for c in sys.argv[3].split(',')] if len(sys.argv) > 3 else cands
    for l2 in [float(v) for v in __import__('os').environ.get('L2S', '1,10,30').split(',')]:
        print('--- L2', l2)
        for c in cands:
            preds, y, sets = cv(c, l2)
            for i, p in enumerate(preds[:NSEEDS]):
                show('+'.join(c) + ' s%d' % i, p)

# A tiny ensemble of decision stumps (logistic boosting, shrinkage), the non-linear alternative.
def fit_stumps(X, y, rounds=30, shrink=0.3):
    F = np.zeros(len(y)); base = math.log((y.mean() + 1e-6) / (1 - y.mean() + 1e-6)); F += base
    stumps = []
    qs = [np.unique(np.quantile(X[:, j], np.linspace(0.05, 0.95, 19))) for j in range(X.shape[1])]
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-F)); g = y - p; h = p * (1 - p) + 1e-9
        best = None
        for j in range(X.shape[1]):
            for t in qs[j]:
                m = X[:, j] >= t
                if m.sum() < 5 or (~m).sum() < 5: continue
                gl, hl, gr, hr = g[~m].sum(), h[~m].sum(), g[m].sum(), h[m].sum()
                gain = gl * gl / (hl + 1) + gr * gr / (hr + 1)
                if best is None or gain > best[0]: best = (gain, j, t, gl / (hl + 1), gr / (hr + 1))
        _, j, t, vl, vr = best
        stumps.append((j, t, shrink * vl, shrink * vr))
        F += np.where(X[:, j] >= t, shrink * vr, shrink * vl)
    return base, stumps

def prob_stumps(X, model):
    base, stumps = model; F = np.full(len(X), base)
    for j, t, vl, vr in stumps: F += np.where(X[:, j] >= t, vr, vl)
    return 1 / (1 + np.exp(-F))

def cv_stumps(names, rounds, seed=0):
    X, y, sess = data(names, judged)
    pred = np.zeros(len(y), dtype=int)
    for f in folds(set(sess), 5, seed):
        te = np.array([s in f for s in sess])
        tr_s = [s for s, m in zip(sess, te) if not m]
        Xtr, ytr = X[~te], y[~te]
        sc = np.zeros(len(ytr))
        for g in folds(set(tr_s), 5, seed + 101):
            it = np.array([s in g for s in tr_s])
            sc[it] = prob_stumps(Xtr[it], fit_stumps(Xtr[~it], ytr[~it], rounds))
        best = None
        for t in THS:
            tp, fp, fn = prf((sc >= t).astype(int), ytr)
            key = ((fp + fn) if CRIT == 'errors' else -lowerpr(tp, fp, fn), abs(t - 0.5))
            if best is None or key < best[0]: best = (key, t)
        pred[te] = (prob_stumps(X[te], fit_stumps(Xtr, ytr, rounds)) >= best[1]).astype(int)
    return pred

def main_stumps():
    global CRIT
    CRIT = sys.argv[2]
    show('shipped blend (replayed)', ship)
    for c in sys.argv[3].split(','):
        for rounds in (10, 30, 60):
            show('stumps %d %s' % (rounds, c), cv_stumps(c.split('+'), rounds))

def loso(names, l2):
    show('LOSO ' + '+'.join(names) + ' L2 %g' % l2, loso_pred(names, l2))

def loso_pred(names, l2):
    # Leave one in-sample set out: fit and choose the threshold on the other sets, judge the one left out.
    X, y, sess = data(names, judged)
    sets = np.array(jsets); pred = np.zeros(len(y), dtype=int)
    for S in SETS:
        te = sets == S
        t = choose_threshold(X[~te], y[~te], [s for s, m in zip(sess, te) if not m], l2, 0)
        pred[te] = (prob(X[te], fit(X[~te], y[~te], l2)) >= t).astype(int)
    return pred

# drift8's candidates with the weights their patches ship (docs/experiments/drift-learned-combiner-a/-b.patch),
# fitted on drift-corpus and tuning2..4: on tuning5..7 these are out-of-sample readings.
def frozen_a(r):
    c = r['concept']
    z = (0.761755 - 7.256357 * r['cos_dec'] + 0.727145 * r['lex'] - 1.999275 * r['back']
         + (-2.495400 * 0.5 if math.isnan(c) else -2.495400 * c + 1.368243))
    return 1 if z >= 0 else 0

def frozen_b(r):
    c = r['concept']; lx = ramp(r['lexsim'], 0.4, 0.0)
    z = (1.437638 + 3.418198 * ramp(r['cos_dec'], 0.4, 0.0) - 2.614898 * lx + 1.712747 * lx * r['known']
         - 2.049875 * r['back'] + (-5.011912 * 0.5 if math.isnan(c) else -5.011912 * c - 0.500847))
    return 1 if z >= 0 else 0

# Pre-declared in the commit that added this table (drift9), before it was run: the blend recalibrated, drift8's
# A and B refitted, and feature sets that do not read the lexicon's coverage (embedding cosines to the centroid,
# to the previous and to the first user turn, back-reference, length), alone or added to the blend's score.
LOSO_TABLE = [
    (['blend'], 1), (['blend'], 10),
    (['cos', 'lex', 'back', 'concept', 'hasconcept'], 3),
    (['cosramp', 'lexramp', 'lexrampXknown', 'back', 'concept', 'hasconcept'], 1),
    (['cosramp', 'lex', 'back'], 1), (['cosramp', 'lex', 'back'], 10),
    (['cos', 'back'], 1), (['cos', 'first', 'back'], 1), (['cos', 'prev', 'back'], 1),
    (['cos', 'first', 'prev', 'back', 'logw'], 1), (['cos', 'first', 'prev', 'back', 'logw'], 10),
    (['blend', 'first'], 1), (['blend', 'prev'], 1), (['blend', 'logw'], 1), (['blend', 'cos'], 1),
    (['blend', 'first', 'prev', 'logw'], 1), (['blend', 'first', 'prev', 'logw'], 10),
    (['cos', 'lex', 'back', 'first', 'prev', 'logw'], 1), (['cos', 'lex', 'back', 'first', 'prev', 'logw'], 10),
]

# Second batch, pre-declared in its own commit after the first table and a look at the shipped blend's errors on
# tuning5..7 (in-sample): short turns (<= 5 words) whose embedding says little ("should i slow down"), the anchor
# shift, the user-turn centroid, the back-reference as a free weight.
LOSO_TABLE2 = [
    (['blend', 'short'], 1), (['blend', 'short', 'cosrampXshort'], 1), (['blend', 'anchor'], 1),
    (['blend', 'cosuser'], 1), (['blend', 'back'], 1), (['cosramp', 'lex', 'back', 'short', 'cosrampXshort'], 1),
]

def table_row(label, pred):
    ps = per_set(pred, jy, jsets); bs = per_set(ship, jy, jsets)
    tot = [sum(v[i] for v in ps.values()) for i in range(3)]
    net = {S: (bs[S][1] + bs[S][2]) - (ps[S][1] + ps[S][2]) for S in SETS}
    cells = ' '.join('%.3f(%+d)' % (lowerpr(*ps[S]), net[S]) for S in SETS)
    print('%-52s %.3f/%.3f %s | total %+d worst %+d' % (label, tot[0] / max(1, tot[0] + tot[1]),
          tot[0] / max(1, tot[0] + tot[2]), cells, sum(net.values()), min(net.values())))

def losotable():
    print('judged turns', len(judged), 'fixed', len(fixed), '| inner threshold CV over', INNER, '| criterion', CRIT)
    print('%-52s %s %s' % ('candidate', 'pooled P/R ', ' '.join(S.replace('context/', '').replace('.json', '')
          .replace('drift-', '') for S in SETS)), '(lower of P/R per left-out set, net cases vs shipped)')
    table_row('shipped blend (replayed)', ship)
    table_row('drift8 A, shipped weights (fit on corpus..tuning4)', np.array([frozen_a(r) for r in judged]))
    table_row('drift8 B, shipped weights (fit on corpus..tuning4)', np.array([frozen_b(r) for r in judged]))
    for names, l2 in LOSO_TABLE + (LOSO_TABLE2 if __import__('os').environ.get('BATCH2') else []):
        table_row('LOSO ' + '+'.join(names) + ' L2 %g' % l2, loso_pred(names, l2))

def final(names, l2):
    # The shipped fit: all in-sample judged turns; threshold by 5-fold session CV (lower of P/R), folded into the bias.
    X, y, sess = data(names, judged)
    t = choose_threshold(X, y, sess, l2, 0)
    w, b = fit(X, y, l2)
    b2 = b - math.log(t / (1 - t))
    print('features', names, 'L2', l2, 'threshold', t)
    print('weights', ' '.join('%s=%.6f' % (n, v) for n, v in zip(names, w)), 'bias(threshold folded)=%.6f' % b2)
    pred = (X @ w + b2 >= 0).astype(int)
    show('in-sample refit (not CV)', pred)

if __name__ == '__main__':
    mode = sys.argv[4] if len(sys.argv) > 4 else 'cv'
    if mode == 'loso':
        CRIT = sys.argv[2]
        for c in sys.argv[3].split(','):
            for l2 in [float(v) for v in __import__('os').environ.get('L2S', '1,10').split(',')]:
                loso(c.split('+'), l2)
    elif mode == 'losotable':
        CRIT = sys.argv[2]
        losotable()
    elif mode == 'final':
        CRIT = sys.argv[2]
        final(sys.argv[3].split('+'), float(sys.argv[5]))
    else:
        main_stumps() if mode == 'stumps' else main()
