"""Fail when a dev-gold figure falls below its floor in gold_floor.json (each issue raises them).

usage: gate.py FLOORS SET RESULT_JSON   (SET names an entry of FLOORS: dev, dev2)
"""
import json
import sys

floors = json.load(open(sys.argv[1]))[sys.argv[2]]
result = json.loads(sys.argv[3])
failed = []
for key, floor in floors.items():
    value = result[key]
    ceiling = key.endswith("_pp")  # errors in points must stay at or under their bound
    ok = value <= floor if ceiling else value >= floor
    print(f"  {sys.argv[2]} {key}: {value} ({'<=' if ceiling else '>='} {floor}) {'ok' if ok else 'FAIL'}")
    if not ok:
        failed.append(key)
if failed:
    sys.exit(f"{sys.argv[2]} gold gate failed: {', '.join(failed)}")
