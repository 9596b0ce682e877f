#!/usr/bin/python3
"""Compares one benchmark run's ratios with the goals (benchmarks/check.sh).  usage: check.py RESULTS BASELINE_PAGE

For each goal of goals.py the run has: it regresses when its ratio is above the larger of the goal's target and the
figure the baseline page (the committed docs/benchmarks.md) records for it, by more than the noise band. So a met goal
may move up to its target (plus the band), a goal already missed may not get worse than the page says. A goal whose
page figure is "pending" (or that the page lacks) is shown and not judged: the next full run records it.
Exit 1 when any goal regressed, 0 otherwise.
"""
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
from goals import evaluate

# Same-round ratios of whole processes on this 2-core machine move by about this much between runs of 2-3 rounds
# (the min-max of per-round ratios in the page's tables); peak RSS moves far less.
BAND_TIME, BAND_RSS = 0.15, 0.10

RES, PAGE = sys.argv[1], sys.argv[2]


def recorded(page):
    """{goal text: recorded figure, or None when pending} from the page's goals table."""
    out = {}
    for line in open(page, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[2].startswith("≤"):
            out[cells[0]] = float(cells[1]) if re.fullmatch(r"[0-9.]+", cells[1]) else None
    return out


def main():
    goals = evaluate(RES)
    if not goals:
        raise SystemExit(f"check.py: no benchmark results in {RES} (run benchmarks/run.sh --quick first)")
    base = recorded(PAGE)
    rows, regressed = [], 0
    for text, value, target in goals:
        band = BAND_RSS if "RSS" in text else BAND_TIME
        was = base.get(text)
        if was is None:
            verdict, allowed = ("not judged: pending a quiet run" if text in base else "not judged: not on the page"), None
        else:
            allowed = max(target, was) * (1 + band)
            verdict = "ok" if value <= allowed else "REGRESSED"
            regressed += verdict == "REGRESSED"
        rows.append((text, f"{value:.2f}", "pending" if was is None else f"{was:.2f}", f"{target:.2f}",
                     "" if allowed is None else f"{allowed:.2f}", verdict))
    head = ("goal", "this run", "page", "target", "allowed", "")
    width = [max(len(r[i]) for r in rows + [head]) for i in range(5)]
    for r in [head] + rows:
        print("  ".join(r[i].ljust(width[i]) if i == 0 else r[i].rjust(width[i]) for i in range(5)) + "  " + r[5])
    absent = [text for text in base if text not in {g[0] for g in goals}]
    print(f"\nallowed = max(target, page) × {1 + BAND_TIME:.2f} (peak RSS × {1 + BAND_RSS:.2f}); "
          f"{len(goals) - len([r for r in rows if r[5].startswith('not')])} goals judged, {regressed} regressed; "
          f"{len(absent)} goals of the page not in this run" + (" (a --quick run has no published apps, S3 or S4)" if absent else ""))
    return 1 if regressed else 0


sys.exit(main())
