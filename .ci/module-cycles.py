#!/usr/bin/env python3
# The house rule for modules, checked by CI: `python3 .ci/module-cycles.py src [-v]`.
# Lists edges "folder A uses folder B" from `crate::B` paths (and, inside tui/, `super::B`
# / `crate::tui::B`), outside #[cfg(test)], then fails (exit 1) when
# - src/ has a cycle between its folders, or src/tui has one between its modules;
# - a tui module imports one of a layer above its own, or a feature imports another feature.
# The layers of src/tui, bottom up (README, "The reader's architecture"):
#   floor    shared types and services every feature may use;
#   reader   the reading surface, which features read through contexts or directly;
#   panel    the side panel, whose sections features add;
#   features one folder each; they talk to each other only through Effects and Msgs;
#   top      the app, its routing, drawing of the whole screen, the terminal.
# A tui module in no list is taken as a feature: add it to its layer when it is not one.
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
LAYERS = [
    ('floor', {'action', 'config', 'context', 'effect', 'focus', 'keymap', 'line_edit',
               'msg', 'overlay', 'pinpoint', 'positions', 'status', 'styled_wrap', 'theme', 'workers'}),
    ('reader', {'reader'}),
    ('panel', {'panel'}),
    ('features', set()),
    ('top', {'app', 'apply', 'layout', 'routing', 'parallel_routing', 'reload_routing', 'settings', 'terminal', 'ui'}),
]
FEATURES = 3
def layer(m):
    for i, (_, names) in enumerate(LAYERS):
        if m in names: return i
    return FEATURES
failed = False
for prefix in ([], ['tui']):
    e = graph(prefix)
    name = 'src/' + '/'.join(prefix)
    found = cycles(e)
    print(f'{name}: {sum(len(v) for v in e.values())} edges between folders; cycles: {found or "none"}')
    failed |= bool(found)
    if '-v' in sys.argv:
        for k in sorted(e): print('  ', k, '->', sorted(e[k]))
    if prefix == ['tui']:
        for a in sorted(e):
            for b in sorted(e[a]):
                la, lb = layer(a), layer(b)
                if lb > la or (la == lb == FEATURES):
                    print(f'  src/tui/{a} ({LAYERS[la][0]}) imports src/tui/{b} ({LAYERS[lb][0]}): '
                          + ('features talk through Effects and Msgs, not imports' if la == lb
                             else 'a module imports only layers below its own'))
                    failed = True
sys.exit(1 if failed else 0)
