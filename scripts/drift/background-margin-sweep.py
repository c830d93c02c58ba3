# In-sample sweep of the background-topic margin (issue 15 round 3): reads the exact inputs dumped by
# DriftFeatureTool#dumpBackgroundMargins (in-sample sets only: drift-corpus, tuning2, tuning3, tuning4), replays the
# shipped blend (0 mismatches expected), re-judges candidate 2 of round 2 and gated variants, and picks settings by the
# lower of pooled precision and recall among those that lose at most one case net on every in-sample set.
# Usage: python3 scripts/drift/background-margin-sweep.py [guard-workers/semantic/target/drift-margins.tsv]
import csv, itertools, collections, math
rows=list(csv.DictReader(open((__import__('sys').argv[1] if len(__import__('sys').argv)>1 else 'guard-workers/semantic/target/drift-margins.tsv')),delimiter='\t'))
for r in rows:
    for k in ['off','lex','back','cos','cover','shipped','bg0.2000','bg0.3000','bg0.4000','bg1.1000']:
        r[k]=float(r[k])
sets=list(dict.fromkeys(r['set'] for r in rows))
def ramp(x,on,off): return max(0,min(1,(on-x)/(on-off)))
def shipped(r):
    if r['reason'] in ('warmup','no topical words'): return r['lex']>=0.5
    s=0.6*ramp(r['cos'],0.4,0.0)+0.4*r['lex']
    if r['back']: s*=0.6
    return s>=0.5
bad=sum(1 for r in rows if shipped(r)!=bool(r['shipped'])); print('replay mismatches',bad)
def cand(tau,on,off,w,bk=0.6,gate=None):
    def p(r):
        if r['reason'] in ('warmup','no topical words'): return r['lex']>=0.5
        bg=r['bg%.4f'%tau]
        use = not math.isnan(bg) and (gate is None or gate(r))
        if use:
            s=w*ramp(r['cos']-bg,on,off)+(1-w)*r['lex']
        else:
            s=0.6*ramp(r['cos'],0.4,0.0)+0.4*r['lex']
        if r['back']: s*=bk
        return s>=0.5
    return p
def cnt(p,sub):
    tp=sum(1 for r in sub if p(r) and r['off']); fp=sum(1 for r in sub if p(r) and not r['off']); fn=sum(1 for r in sub if not p(r) and r['off'])
    return tp,fp,fn
def prf(c):
    tp,fp,fn=c; return (tp/(tp+fp) if tp+fp else 1, tp/(tp+fn) if tp+fn else 1)
def correct(p,sub): return sum(1 for r in sub if p(r)==bool(r['off']))
def report(name,p):
    out=[]
    for s in sets:
        sub=[r for r in rows if r['set']==s]; c=cnt(p,sub); P,R=prf(c)
        out.append('%s %.3f/%.3f (%d/%d/%d) net%+d'%(s.split('/')[-1].replace('.json',''),P,R,*c,correct(p,sub)-correct(shipped,sub)))
    P,R=prf(cnt(p,rows)); print('%-40s pooled %.3f/%.3f | '%(name,P,R)+' | '.join(out))
report('shipped',shipped)
report('cand2 drift6 settings',cand(0.3,0.20,-0.30,0.5))
gates={'none':None,
 'abstain':lambda r:r['reason']=='dissimilar but unfamiliar words'}
for c in [0.3,0.35,0.4,0.45,0.5]:
    gates['cover<%.2f'%c]=(lambda c: lambda r:r['cover']<c)(c)
    gates['abstain|cover<%.2f'%c]=(lambda c: lambda r:r['cover']<c or r['reason']=='dissimilar but unfamiliar words')(c)
for g,fn in gates.items():
    report('cand2 settings, gate '+g,cand(0.3,0.20,-0.30,0.5,gate=fn))
import collections
print('cover by set', {s:round(sum(r['cover'] for r in rows if r['set']==s)/sum(1 for r in rows if r['set']==s),3) for s in sets})
print('reasons', collections.Counter((r['set'].split('/')[-1],r['reason']) for r in rows))
import numpy as np
def crit(p,sub=rows):
    P,R=prf(cnt(p,sub)); return min(P,R)
def ok(p,sub=rows):
    return all(correct(p,[r for r in sub if r['set']==s])-correct(shipped,[r for r in sub if r['set']==s])>=-1 for s in set(r['set'] for r in sub))
res=[]
G={'abstain':gates['abstain'],'abstain|cover<0.30':gates['abstain|cover<0.30'],'none':None,'cover<0.30':gates['cover<0.30']}
for gname,g in G.items():
  for tau in [0.2,0.3,0.4,1.1]:
    for on in np.arange(-0.05,0.31,0.05):
      for off in np.arange(-0.40,0.01,0.05):
        if off>=on: continue
        for w in [0.5,0.6,0.7]:
          for bk in [0.6]:
            p=cand(tau,on,off,w,bk,g)
            res.append((ok(p),round(crit(p),3),correct(p,rows),gname,tau,round(on,2),round(off,2),w,bk))
res.sort(key=lambda x:(x[0],x[1],x[2]),reverse=True)
for x in res[:15]: print(x)
for gname in G:
    best=[x for x in res if x[3]==gname][0]; print('best for gate',gname,best)
print('shipped correct',correct(shipped,rows))
report('B abstain|cover<0.30 t0.2 .30/-.30 w.7',cand(0.2,0.30,-0.30,0.7,0.6,G['abstain|cover<0.30']))
report('B2 none t0.3 .20/-.25 w.5',cand(0.3,0.20,-0.25,0.5,0.6,None))
# leave-one-set-out selection for the gated family
for gname in ['abstain|cover<0.30','none']:
  tot=collections.Counter()
  for hold in sets:
    tr=[r for r in rows if r['set']!=hold]; te=[r for r in rows if r['set']==hold]
    cands=[x for x in res if x[3]==gname]
    best=max(cands,key=lambda x:(ok(cand(*x[4:],G[gname]),tr),crit(cand(*x[4:],G[gname]),tr)))
    p=cand(*best[4:],G[gname]); c=cnt(p,te); tot.update(dict(zip('tp fp fn'.split(),c)))
    print(gname,'hold',hold.split('/')[-1],best[4:],'%.3f/%.3f'%prf(c),'net',correct(p,te)-correct(shipped,te))
  print(gname,'LOSO pooled %.3f/%.3f'%prf((tot['tp'],tot['fp'],tot['fn'])))
