"""The benchmark's table (Markdown) and chart of ratios (SVG), from bench.py's result dictionary."""
import math
import statistics

SHORT = ["state", "start", "kill", "delete", "list"]
ROWS = ["create", "state", "start", "list", "kill", "delete", "run"]
GOAL_SHORT, GOAL_RUN, GOAL_PEAK, GOAL_CREATED = 1.5, 2.0, 64.0, 2.0


def _col(result, name, i):
    return [s[i] for s in result["samples"].get(name, [])]


def _median(v):
    return statistics.median(v) if v else float("nan")


def _med(result, name, i=0):
    return _median(_col(result, name, i))


def _mmm(result, name, i=0):
    v = _col(result, name, i)
    if not v:
        return "n/a"
    return "%.1f / **%.1f** / %.1f" % (min(v), statistics.median(v), max(v))


def ratios(result):
    """(label, ratio, goal) for the chart and the goals."""
    hello = _med(result, "java hello -Xint")
    out = [("husk %s / Hello" % c, _med(result, "husk " + c) / hello, GOAL_SHORT) for c in SHORT]
    out.append(("husk run / runc run", _med(result, "husk run") / _med(result, "runc run"), GOAL_RUN))
    out.append(("husk create / runc", _med(result, "husk create") / _med(result, "runc create"), None))
    out.append(("crun run / runc run", _med(result, "crun run") / _med(result, "runc run"), None))
    return out


def table(result):
    m = result["machine"]
    lines = ["Machine: %s, %s cores, Linux %s, load %.1f/%.1f/%.1f at start; %s; %s; %s; %s." % (
        m["cpu"], m["cores"], m["kernel"], *m["load"], m["java"], m["runc"], m["crun"], m["date"]),
        "husk AOT cache in use: %s. %d interleaved rounds; wall ms as min / **median** / max; CPU ms and peak "
        "RSS (MiB) are medians." % ("yes" if result["husk_aot_cache"] else "NO", result["rounds"]),
        "",
        "| command | husk wall | runc wall | crun wall | husk CPU | husk peak | runc peak | crun peak |",
        "|---|---|---|---|---|---|---|---|"]
    for c in ROWS:
        lines.append("| %s | %s | %s | %s | %.0f | %.1f | %.1f | %.1f |" % (
            c, _mmm(result, "husk " + c), _mmm(result, "runc " + c), _mmm(result, "crun " + c),
            _med(result, "husk " + c, 1), _med(result, "husk " + c, 2), _med(result, "runc " + c, 2),
            _med(result, "crun " + c, 2)))
    for h in ("hello", "hello -Xint"):
        lines.append("| JDK Hello world (%s, AOT cache, launcher flags) | %s | | | %.0f | %.1f | | |" % (
            h, _mmm(result, "java " + h), _med(result, "java " + h, 1), _med(result, "java " + h, 2)))
    b = result["batches_ms"]
    lines.append("| %d × run, one after another (ms per container) | %.0f | %.0f | %.0f | | | | |" % (
        result["seq"], b["husk"][0], b["runc"][0], b["crun"][0]))
    lines.append("| %d × run in parallel (batch wall ms) | %.0f | %.0f | %.0f | | | | |" % (
        result["par"], b["husk"][1], b["runc"][1], b["crun"][1]))
    rss = {k: _median(result["created_rss_mib"].get(k)) for k in ("husk", "runc", "crun")}
    lines.append("| created container waiting for start (RSS MiB of its init) | %.2f | %.2f | %.2f | | | | |" % (
        rss["husk"], rss["runc"], rss["crun"]))
    lines += ["", "| goal | measured | met |", "|---|---|---|"]
    for label, r, goal in ratios(result):
        if goal:
            lines.append("| %s ≤ %.1f× | %.2f× | %s |" % (label, goal, r, "yes" if r <= goal else "**no**"))
    peak = max(_med(result, "husk " + c, 2) for c in ROWS)
    lines.append("| husk peak RSS < %.0f MiB | %.1f MiB | %s |" % (GOAL_PEAK, peak,
                                                                  "yes" if peak < GOAL_PEAK else "**no**"))
    created = rss["husk"]
    lines.append("| created container < %.0f MiB | %.2f MiB | %s |" % (
        GOAL_CREATED, created, "yes" if created < GOAL_CREATED else "**no**"))
    return "\n".join(lines) + "\n"


def chart(result):
    """Horizontal bars on a log scale, one per ratio, with the goal marked where there is one."""
    rows = ratios(result)
    width, left, bar, gap = 720, 210, 18, 10
    height = 40 + len(rows) * (bar + gap) + 30
    lo, hi = 0.1, max(100.0, max(r for _, r, _ in rows if r == r) * 1.2)

    def x(v):
        return left + (width - left - 20) * (math.log10(max(v, lo)) - math.log10(lo)) / (
            math.log10(hi) - math.log10(lo))

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
           'font-size="12">' % (width, height),
           '<text x="10" y="18" font-size="14">husk start-up ratios (median wall time; log scale; '
           'goal marked in red)</text>']
    for tick in (0.1, 0.5, 1, 2, 5, 10, 20, 50, 100):
        if tick <= hi:
            out.append('<line x1="%.1f" y1="30" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x(tick), x(tick), height - 25))
            out.append('<text x="%.1f" y="%d" text-anchor="middle">%g×</text>' % (x(tick), height - 10, tick))
    for i, (label, r, goal) in enumerate(rows):
        y = 40 + i * (bar + gap)
        colour = "#4a7" if goal is None or r <= goal else "#c84"
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (left - 6, y + 13, label))
        out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (left, y, x(r) - left, bar, colour))
        out.append('<text x="%.1f" y="%d">%.2f×</text>' % (x(r) + 4, y + 13, r))
        if goal:
            out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="red" stroke-width="2"/>' % (
                x(goal), y - 3, x(goal), y + bar + 3))
    out.append("</svg>")
    return "\n".join(out) + "\n"
