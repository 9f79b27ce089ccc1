"""The short summary printed on stderr at exit in headless mode."""
from .recorder import relative


def _ms(value):
    return ("%.0f ms" % value) if value >= 10 else ("%.1f ms" % value)


def format_summary(profile, cwd, written=None, limit=5):
    lines = []
    target = profile.get("target") or "?"
    status = "exit code %s" % profile.get("exitCode")
    if profile.get("error"):
        status += ", " + profile["error"]
    lines.append(
        "aiolint profile: %s ran %.2f s on %s (%s)"
        % (target, profile.get("durationS", 0.0), profile.get("loop") or "no event loop", status)
    )
    lag = profile["lag"]
    if profile.get("loop"):
        lines.append("  loop lag: p50 %s, p99 %s, max %s" % (_ms(lag["p50Ms"]), _ms(lag["p99Ms"]), _ms(lag["maxMs"])))
    blocks = profile["blocks"]
    if blocks:
        lines.append("  blocking hot spots (>= %s ms):" % (("%g" % profile.get("thresholdMs", 0))))
        for block in blocks[:limit]:
            lines.append(
                "    %s:%d in %s: %d\u00d7, total %s, worst %s%s"
                % (
                    relative(block["file"], cwd),
                    block["line"],
                    block["function"],
                    block["count"],
                    _ms(block["totalMs"]),
                    _ms(block["maxMs"]),
                    (" (%s)" % block["task"]) if block.get("task") else "",
                )
            )
        if len(blocks) > limit:
            lines.append("    ... and %d more" % (len(blocks) - limit))
    elif profile.get("loop"):
        lines.append("  no blocking periods over %g ms" % profile.get("thresholdMs", 0))
    starved = profile.get("starved") or {}
    if starved.get("count"):
        lines.append("  starved (loop idle but late: CPU or GIL contention): %d\u00d7, total %s" % (starved["count"], _ms(starved["totalMs"])))
    tasks = profile["tasks"]
    if tasks["created"]:
        lines.append(
            "  tasks: %d created, %d finished, %d cancelled, %d failed, at most %d pending"
            % (tasks["created"], tasks["finished"], tasks["cancelled"], tasks["failed"], tasks["maxPending"])
        )
    for item in profile["unawaited"][:limit]:
        lines.append("  coroutine never awaited: %s at %s:%d" % (item["coroutine"], relative(item["file"], cwd), item["line"]))
    for item in profile["unretrievedExceptions"][:limit]:
        lines.append(
            "  task exception never retrieved: %s in %s, created at %s:%d"
            % (item["exception"], item["task"], relative(item["file"], cwd), item["line"])
        )
    for note in profile.get("unavailable") or []:
        lines.append("  not measured: %s" % note)
    if profile.get("failedOnBlock"):
        lines.append("  FAILED: a block exceeded --fail-on-block-ms %g" % profile["failOnBlockMs"])
    if written:
        lines.append("  profile written to %s" % written)
    return "\n".join(lines) + "\n"
