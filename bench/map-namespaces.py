#!/usr/bin/env python3
"""Sums the ILCompiler's map file (IlcGenerateMapFile) by assembly and by namespace.

usage: map-namespaces.py MAP.xml [TOP]

Compiled code (MethodCode), type structures (EEType variants), GC info and frozen data are
attributed to the assembly and namespace their mangled name starts with; nodes without a
managed name (metadata blobs, hashtables, the dehydrated data) are listed under "(runtime
tables)". Mangled names are '<assembly>_<namespace>_<type>__<member>' with '.' as '_'; the
assembly is the prefix before the namespace repeats (S_P_CoreLib is System.Private.CoreLib).
"""
import collections, re, sys

def split(name):
    name = re.sub(r'^_ZTV\d+', '', name)
    if name.startswith('_') or name.startswith('&lt;'):
        return None, name
    if name.startswith('S_P_CoreLib_'):
        return 'System.Private.CoreLib', name[len('S_P_CoreLib_'):]
    m = re.match(r'S_P_(\w+?)_(System_.*)', name)
    if m:
        return 'System.Private.' + m.group(1), m.group(2)
    tokens = name.split('_')
    for i in range(1, min(len(tokens), 6)):
        if tokens[i] == tokens[0]:
            return '.'.join(tokens[:i]), '_'.join(tokens[i:])
    return None, name

def namespace(rest):
    parts = [p for p in rest.split('_') if p]
    keep = []
    for p in parts[:4]:
        if not p[:1].isupper() or p.startswith('__'):
            break
        keep.append(p)
    return '.'.join(keep[:3]) if keep else rest[:40]

text = open(sys.argv[1]).read()
top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
by_assembly = collections.Counter(); by_namespace = collections.Counter(); total = 0
for kind, name, length in re.findall(r'<(\w+) Name="([^"]*)" Length="(\d+)"', text):
    n = int(length); total += n
    assembly, rest = split(name)
    if assembly is None:
        by_assembly['(runtime tables, metadata, unattributed)'] += n
        continue
    by_assembly[assembly] += n
    by_namespace[namespace(rest)] += n
print(f"{'total in the map':48} {total:10,}")
print()
print("by assembly:")
for k, v in by_assembly.most_common(top):
    print(f"  {k:46} {v:10,}  {100 * v / total:5.1f}%")
print()
print("by namespace:")
for k, v in by_namespace.most_common(top):
    print(f"  {k:46} {v:10,}  {100 * v / total:5.1f}%")
