#!/usr/bin/env python3
# Module cycles between folders: `python3 .ci/module-cycles.py src [-v]`. Not run by CI yet:
# tui/ still has one loop (reader/ is an `impl App` block and imports app.rs; citation/ and
# panel/ read ReaderState), and corpus/ ↔ search/ (the corpus cache finds its directory
# through search::Location).
# Lists edges "folder A uses folder B" from `crate::B` paths (and, inside tui/, `super::B`
# / `crate::tui::B`), then reports every cycle between folders.
import os, re, sys, itertools
root = sys.argv[1]
def modpath(path):
    rel = os.path.relpath(path, root)[:-3].split(os.sep)
    if rel[-1] == 'mod': rel = rel[:-1]
    return rel
def graph(level_prefix):
    edges = {}
    for d, _, fs in os.walk(root):
        for f in fs:
            if not f.endswith('.rs'): continue
            p = os.path.join(d, f)
            mp = modpath(p)
            if mp[:len(level_prefix)] != level_prefix or len(mp) <= len(level_prefix): continue
            me = mp[len(level_prefix)]
            text = open(p).read()
            # drop test modules
            text = text.split("#[cfg(test)]")[0]
            text = re.sub(r"//[^\n]*", "", text)
            refs = set(re.findall(r'crate::' + ''.join(x + '::' for x in level_prefix) + r'(\w+)', text))
            # super:: relative to the file, resolved to the folder level
            for m in re.finditer(r'\b((?:super::)+)(\w+)', text):
                ups = m.group(1).count('super::')
                base = mp if not p.endswith('mod.rs') else mp
                target = base[:len(base) - ups] + [m.group(2)]
                if target[:len(level_prefix)] == level_prefix and len(target) > len(level_prefix):
                    refs.add(target[len(level_prefix)])
            for r in refs:
                if r != me:
                    edges.setdefault(me, set()).add(r)
    return edges
def cycles(edges):
    found = []
    nodes = sorted(edges)
    # strongly connected components (Tarjan)
    index = {}; low = {}; stack = []; on = set(); out = []; c = [0]
    def sc(v):
        index[v] = low[v] = c[0]; c[0] += 1; stack.append(v); on.add(v)
        for w in edges.get(v, ()):
            if w not in index: sc(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: out.append(sorted(comp))
    for v in nodes:
        if v not in index: sc(v)
    return out
for prefix in ([], ['tui']):
    e = graph(prefix)
    name = 'src/' + '/'.join(prefix)
    print(f'{name}: {sum(len(v) for v in e.values())} edges between folders; cycles: {cycles(e) or "none"}')
    if '-v' in sys.argv:
        for k in sorted(e): print('  ', k, '->', sorted(e[k]))
