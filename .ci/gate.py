"""Fail when a dev-gold figure falls below its floor in gold_floor.json (each issue raises them)."""
import json
import sys

floors = json.load(open(sys.argv[1]))
result = json.loads(sys.argv[2])
failed = []
for key, floor in floors.items():
    value = result[key]
    ceiling = key.endswith("_pp")  # errors in points must stay at or under their bound
    ok = value <= floor if ceiling else value >= floor
    print(f"  {key}: {value} ({'<=' if ceiling else '>='} {floor}) {'ok' if ok else 'FAIL'}")
    if not ok:
        failed.append(key)
if failed:
    sys.exit(f"dev-gold gate failed: {', '.join(failed)}")
