"""Independent check of a shipped CIF, used to produce the tables of doc/structures.md and the
expected values of test_shipped_structures.cpp. Not run by ctest; needs python3-gemmi and
python3-spglib (Debian), which are NOT ionhop dependencies (install them only to re-run this).
  usage: /usr/bin/python3 check_cif.py structures/FILE.cif SPACE_GROUP_NUMBER
Symmetry expansion from the _space_group_symop_operation_xyz loop (gemmi.Op), composition,
formal charge from _atom_type_oxidation_number, spglib space group and Wyckoff letters (1e-3 Å),
shortest distance per site pair; exits 1 if a check fails."""
import itertools, math, sys
import numpy as np
import gemmi, spglib

def load(path):
    doc = gemmi.cif.read_file(path)
    b = doc.sole_block()
    cell = [float(b.find_value('_cell_' + t)) for t in
            ('length_a', 'length_b', 'length_c', 'angle_alpha', 'angle_beta', 'angle_gamma')]
    ops = [gemmi.Op(gemmi.cif.as_string(v)) for v in b.find_values('_space_group_symop_operation_xyz')]
    ox = {}
    for r in b.find('_atom_type_', ['symbol', 'oxidation_number']):
        ox[r[0]] = float(r[1])
    rows = []
    for r in b.find('_atom_site_', ['label', 'type_symbol', 'symmetry_multiplicity', 'Wyckoff_symbol',
                                     'fract_x', 'fract_y', 'fract_z', 'occupancy']):
        rows.append(dict(label=r[0], el=r[1], wyck=r[2] + r[3],
                         frac=np.array([gemmi.cif.as_number(r[i]) for i in (4, 5, 6)]),
                         occ=gemmi.cif.as_number(r[7])))
    hm = gemmi.cif.as_string(b.find_value('_symmetry_space_group_name_H-M'))
    num = int(b.find_value('_space_group_IT_number'))
    return dict(cell=cell, ops=ops, ox=ox, rows=rows, hm=hm, number=num)

def lattice(cell):
    a, b, c, al, be, ga = cell
    al, be, ga = map(math.radians, (al, be, ga))
    ax = np.array([a, 0, 0])
    bx = np.array([b * math.cos(ga), b * math.sin(ga), 0])
    cx = c * math.cos(be)
    cy = c * (math.cos(al) - math.cos(be) * math.cos(ga)) / math.sin(ga)
    cz = math.sqrt(c * c - cx * cx - cy * cy)
    return np.array([ax, bx, [cx, cy, cz]])

def mind(L, f1, f2):
    d = (f2 - f1)
    d -= np.round(d)
    best = 1e9
    for s in itertools.product((-1, 0, 1), repeat=3):
        best = min(best, np.linalg.norm((d + s) @ L))
    return best

def build(s):
    """Group rows at one position into sites, expand each site with the symop loop."""
    L = lattice(s['cell'])
    sites = []
    for r in s['rows']:
        for st in sites:
            if mind(L, st['frac'], r['frac']) < 1e-4:
                st['occ'].append((r['el'], r['occ'], r['label'])); break
        else:
            sites.append(dict(frac=r['frac'], wyck=r['wyck'], occ=[(r['el'], r['occ'], r['label'])]))
    for st in sites:
        pos = []
        for op in s['ops']:
            p = np.array(op.apply_to_xyz(list(st['frac']))) % 1.0
            if all(mind(L, p, q) > 1e-3 for q in pos):
                pos.append(p)
        st['pos'] = pos
    return L, sites

def report(path, expect_number, verbose=True):
    s = load(path)
    L, sites = build(s)
    comp, charge = {}, 0.0
    for st in sites:
        tot = sum(o for _, o, _ in st['occ'])
        assert tot <= 1 + 1e-9, (path, st)
        for el, o, _ in st['occ']:
            comp[el] = comp.get(el, 0) + o * len(st['pos'])
            charge += o * len(st['pos']) * s['ox'][el]
    # spglib: one type per distinct occupant set
    keys, types, pos = [], [], []
    for st in sites:
        k = tuple(sorted((el, round(o, 6)) for el, o, _ in st['occ']))
        if k not in keys: keys.append(k)
        for p in st['pos']:
            types.append(keys.index(k)); pos.append(p)
    ds = spglib.get_symmetry_dataset((L, np.array(pos), types), symprec=1e-3)
    out = []
    out.append(f"{path}: {len(sites)} sites, {len(pos)} positions")
    out.append("  composition per cell: " + " ".join(f"{k}{v:.6g}" for k, v in comp.items()))
    out.append(f"  formal charge per cell: {charge:+.3e} e")
    out.append(f"  spglib (1e-3 Å): {ds['international']} No. {ds['number']} (expected {expect_number})")
    i0 = 0
    wy_ok = True
    for st in sites:
        n = len(st['pos'])
        w = ds['wyckoffs'][i0]
        lab = "/".join(l for _, _, l in st['occ'])
        occ = "/".join(f"{el}{o:.4g}" for el, o, _ in st['occ'])
        flag = "" if f"{n}{w}" == st['wyck'] or st['wyck'] == f"{n}{w}" else f"  <-- file says {st['wyck']}"
        if flag: wy_ok = False
        out.append(f"  {lab:10s} {occ:20s} {n}{w} {flag}")
        i0 += n
    # shortest distances per site pair
    out.append("  shortest distances (Å):")
    close = []
    for i, a in enumerate(sites):
        for j, b in enumerate(sites):
            if j < i: continue
            d = min(mind(L, a['pos'][0], q) for q in b['pos'] if not (i == j and np.allclose(q, a['pos'][0])))  if len(b['pos']) > (1 if i==j else 0) else None
            if d is None: continue
            la = "/".join(l for _, _, l in a['occ']); lb = "/".join(l for _, _, l in b['occ'])
            out.append(f"    {la}-{lb}: {d:.3f}")
            if d < 0.5:
                pa = sum(o for _, o, _ in a['occ']) < 1; pb = sum(o for _, o, _ in b['occ']) < 1
                close.append((la, lb, d, pa and pb))
    ok = abs(charge) < 1e-6 and ds['number'] == expect_number and wy_ok and all(c[3] for c in close)
    out.append(f"  pairs < 0.5 Å: {close}")
    out.append(f"  RESULT: {'OK' if ok else 'FAIL'}")
    if verbose: print("\n".join(out))
    return ok, dict(L=L, sites=sites, comp=comp, charge=charge, ds=ds)

def neighbours(info, label, cutoff=3.2):
    """All distances < cutoff from the first position of the site labelled `label`."""
    L, sites = info['L'], info['sites']
    a = next(st for st in sites if any(l == label for _, _, l in st['occ']))
    res = []
    for b in sites:
        lb = "/".join(l for _, _, l in b['occ'])
        for q in b['pos']:
            d = q - a['pos'][0]
            for sft in itertools.product((-1, 0, 1), repeat=3):
                dd = np.linalg.norm((d - np.round(d) + sft) @ L)
                if 1e-6 < dd < cutoff: res.append((round(dd, 3), lb))
    return sorted(res)

if __name__ == '__main__':
    ok = report(sys.argv[1], int(sys.argv[2]))[0]
    sys.exit(0 if ok else 1)
