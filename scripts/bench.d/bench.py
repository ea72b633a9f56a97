#!/usr/bin/env python3
"""Runs xuncha, sqlite3 and Taskwarrior side by side on one generated workload
and prints medians and ratios as a Markdown table. Called by scripts/bench, which installs
the tools and builds the release binary first.

Usage: bench.py city|province|nation XUNCHA_BINARY WORKDIR [ROUNDS]

On the nation workload (500,000 problems) Taskwarrior is left out: its import of that size
takes many minutes and gigabytes, and the point there is how xuncha's answers grow with the
store, which the answer-sized queries show against the province's.

Every timing is wall-clock time of the whole process, from Python's perf_counter around the
run; every process runs under /usr/bin/time -v, which gives its peak resident set size. The
three tools take turns inside each round (the order rotates), so a burst of load on the
machine hits all of them rather than one.
"""

import json
import os
import platform
import pty
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))


def run(argv, env=None, stdin=None, cwd=None):
    """Runs argv under /usr/bin/time -v; returns (seconds, peak RSS in MB, stdout, stderr)."""
    full = ["/usr/bin/time", "-v"] + argv
    started = time.perf_counter()
    proc = subprocess.run(full, env=env, stdin=stdin, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit("bench: %s failed (%d):\n%s" % (" ".join(argv[:3]), proc.returncode, err[-3000:]))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    rss = int(m.group(1)) / 1024 if m else float("nan")
    # What the program itself wrote to stderr comes before time's report.
    own = err[: err.rfind("\tCommand being timed")] if "\tCommand being timed" in err else err
    return elapsed, rss, proc.stdout, own


def remove_store(path):
    for suffix in ("", "-wal", "-shm", "-journal", ".history"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = "%.1f GB" % (kb / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "kernel": platform.release(),
            "load": open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []}


def version(argv):
    try:
        return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout.decode().strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def time_to_prompt(argv, prompt, env, cwd):
    """Seconds from fork to the prompt text appearing on a pseudo-terminal."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execvpe(argv[0], argv, env)
    seen = b""
    try:
        while prompt not in seen:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                raise RuntimeError("no prompt from %s: %r" % (argv[0], seen[-200:]))
            chunk = os.read(fd, 4096)
            if not chunk:
                raise RuntimeError("%s ended before its prompt: %r" % (argv[0], seen[-200:]))
            # Colour codes may sit inside the prompt; compare the plain text.
            seen += re.sub(rb"\x1b\[[0-9;]*[A-Za-z]", b"", chunk)
        elapsed = time.perf_counter() - started
    finally:
        try:
            os.write(fd, b"\x04")
            deadline = time.time() + 5
            while time.time() < deadline:
                done, _ = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                try:
                    ready, _, _ = select.select([fd], [], [], 0.05)
                    if ready:
                        os.read(fd, 4096)
                except OSError:
                    pass
            else:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        finally:
            os.close(fd)
    return elapsed


def percentile(values, p):
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    size, xuncha, work = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else (5 if size == "city" else 3)
    data = os.path.join(work, size)
    os.makedirs(data, exist_ok=True)
    gen = subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), size, data],
                         stdout=subprocess.PIPE, check=True).stdout.decode().strip()
    print(gen, file=sys.stderr)
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", XUNCHA_USER="巡察办", NO_COLOR="1")
    env.pop("XUNCHA_STORE", None)
    taskrc = os.path.join(data, "taskrc")
    tw_dir = os.path.join(data, "taskdata")
    tw_env = dict(env, TASKRC=taskrc, TASKDATA=tw_dir)
    tw = ["task", "rc:" + taskrc, "rc.data.location=" + tw_dir, "rc.confirmation=off", "rc.hooks=off",
          "rc.verbose=nothing", "rc.json.array=off"]
    xdb, sdb = os.path.join(data, "store.db"), os.path.join(data, "store.sqlite")
    workload, load, tasks = (os.path.join(data, n) for n in ("workload.xc", "load.sql", "tasks.json"))
    group_by = ("SELECT unit, count(*), sum(status = 'withdrawn'), sum(status = 'closed'), "
                "sum(status NOT IN ('closed', 'withdrawn')), "
                "sum(status NOT IN ('closed', 'withdrawn', 'longterm') AND due < date('now')), "
                "sum(status = 'longterm') FROM issues GROUP BY unit ORDER BY unit;")

    def x_load():
        remove_store(xdb)
        return run([xuncha, "--store", xdb, workload], env=env)

    def s_load():
        remove_store(sdb)
        with open(load, "rb") as f:
            return run(["sqlite3", sdb], env=env, stdin=f)

    def t_load():
        shutil.rmtree(tw_dir, ignore_errors=True)
        os.makedirs(tw_dir)
        return run(tw + ["import", tasks], env=tw_env)

    loads = {"xuncha": x_load, "sqlite3": s_load, "task": t_load}
    if size == "nation":
        del loads["task"]
    queries = {
        "xuncha": lambda: run([xuncha, "--store", xdb, "-c", "stats --by unit"], env=env),
        "sqlite3": lambda: run(["sqlite3", sdb, group_by], env=env),
        "task": lambda: run(tw + ["summary"], env=tw_env),
    }
    queries = {k: v for k, v in queries.items() if k in loads}
    results = {k: {"load": [], "load_rss": [], "query": [], "query_rss": []} for k in loads}
    names = list(loads)
    for r in range(rounds):
        order = names[r % len(names):] + names[: r % len(names)]
        for name in order:
            t, rss, _, _ = loads[name]()
            results[name]["load"].append(t)
            results[name]["load_rss"].append(rss)
            print("round %d: %-7s load  %.3f s  %.0f MB" % (r + 1, name, t, rss), file=sys.stderr)
        for name in order:
            t, rss, out, _ = queries[name]()
            results[name]["query"].append(t)
            results[name]["query_rss"].append(rss)
            print("round %d: %-7s query %.3f s  %.0f MB" % (r + 1, name, t, rss), file=sys.stderr)
    x_out = run([xuncha, "--store", xdb, "-c", "stats --by unit"], env=env)[2].decode()
    units_line = [line for line in x_out.splitlines() if "problem(s)" in line]
    print("xuncha stats footer: %s" % (units_line[0].strip() if units_line else "?"), file=sys.stderr)

    # Queries whose answer is small, and a whole-store export that must stream: cost should
    # follow the answer, not the store. Medians of alternating rounds, with peak memory.
    probe = subprocess.run(["sqlite3", xdb, "SELECT id FROM issues ORDER BY round, number LIMIT 1 OFFSET 1000;"
                            "SELECT unit FROM issues GROUP BY unit ORDER BY count(*) DESC, unit LIMIT 1;"],
                           stdout=subprocess.PIPE, check=True).stdout.decode().split()
    some_issue, big_unit = probe[0], probe[1]
    answers = {
        "issue show %s" % some_issue: ["-c", "issue show " + some_issue],
        "ledger --unit %s" % big_unit: ["-c", "ledger --unit " + big_unit],
        "stats --by unit": ["-c", "stats --by unit"],
        "ledger --format csv (whole store)": ["-c", "ledger --format csv"],
    }
    answer_results = {k: {"s": [], "rss": []} for k in answers}
    for r in range(max(3, rounds)):
        for label, args in answers.items():
            t, rss, _, _ = run([xuncha, "--store", xdb] + args, env=env)
            answer_results[label]["s"].append(t)
            answer_results[label]["rss"].append(rss)
    answer_med = {k: {"s": statistics.median(v["s"]), "rss": statistics.median(v["rss"])} for k, v in answer_results.items()}

    # Interactive latency: a few hundred typical commands through one process, each its own
    # transaction as at the prompt. XUNCHA_TIMING=1 makes the shell print each command's own
    # time and, apart, the time its commit took (SQLite's flush with synchronous=FULL).
    session_db = os.path.join(data, "session.db")
    remove_store(session_db)
    for suffix in ("", "-wal"):
        if os.path.exists(xdb + suffix):
            shutil.copyfile(xdb + suffix, session_db + suffix)
    with open(os.path.join(data, "session.txt"), encoding="utf-8") as f:
        commands = [line for line in f.read().splitlines() if line]
    argv = [xuncha, "--store", session_db]
    for c in commands:
        argv += ["-c", c]
    _, session_rss, _, err = run(argv, env=dict(env, XUNCHA_TIMING="1"))
    work_ms, total_ms = [], []
    for m in re.finditer(r"^timing: ([0-9.]+) ms work, ([0-9.]+) ms flush", err, re.M):
        work_ms.append(float(m.group(1)))
        total_ms.append(float(m.group(1)) + float(m.group(2)))
    if len(work_ms) != len(commands):
        sys.exit("bench: expected %d timing lines, got %d:\n%s" % (len(commands), len(work_ms), err[-2000:]))

    # Empty store to first prompt, on a pseudo-terminal; sqlite3's shell for comparison.
    empty_db = os.path.join(data, "empty.db")
    remove_store(empty_db)
    run([xuncha, "--store", empty_db, "-c", "help"], env=env)
    empty_sqlite = os.path.join(data, "empty.sqlite")
    if os.path.exists(empty_sqlite):
        os.remove(empty_sqlite)
    pty_env = dict(env, TERM="xterm", HOME=data)
    prompt_x, prompt_s = [], []
    # Two unmeasured runs first: the first start after a long batch pays for cold caches.
    for _ in range(2):
        time_to_prompt([xuncha, "--store", empty_db], b"> ", pty_env, data)
        time_to_prompt(["sqlite3", empty_sqlite], b"sqlite> ", pty_env, data)
    for _ in range(max(9, rounds * 3)):
        prompt_x.append(time_to_prompt([xuncha, "--store", empty_db], b"> ", pty_env, data))
        prompt_s.append(time_to_prompt(["sqlite3", empty_sqlite], b"sqlite> ", pty_env, data))

    med = {k: {m: statistics.median(v) for m, v in d.items()} for k, d in results.items()}
    postgres = None
    if os.environ.get("XUNCHA_BENCH_PG"):
        import bench_pg
        postgres = bench_pg.bench(os.environ["XUNCHA_BENCH_PG"], xuncha, data, env, rounds, sdb, commands)
    report = {
        "size": size, "rounds": rounds, "workload": gen,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "versions": {"xuncha": os.environ.get("XUNCHA_BENCH_COMMIT", "?"),
                     "sqlite3": version(["sqlite3", "--version"]), "task": version(["task", "--version"])},
        "raw": results, "median": med, "answers": answer_med,
        "latency": {"commands": len(work_ms), "work_p50_ms": percentile(work_ms, 50), "work_p99_ms": percentile(work_ms, 99),
                    "work_max_ms": max(work_ms), "with_flush_p50_ms": percentile(total_ms, 50),
                    "with_flush_p99_ms": percentile(total_ms, 99), "rss_mb": session_rss,
                    "slowest": sorted(zip(work_ms, commands), reverse=True)[:5]},
        "prompt": {"xuncha_ms": statistics.median(prompt_x) * 1000, "sqlite3_ms": statistics.median(prompt_s) * 1000},
        "postgres": postgres,
    }
    with open(os.path.join(work, "results-%s.json" % size), "w") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    print(markdown(report))


def markdown(r):
    m, lat, pr = r["median"], r["latency"], r["prompt"]
    nan = float("nan")
    x, s = m["xuncha"], m["sqlite3"]
    t = m.get("task", {"load": nan, "query": nan, "load_rss": nan, "query_rss": nan})

    def ratio(a, b):
        return "%.2f×" % (a / b) if b and a == a and b == b else "—"

    rows = [
        "| measure | xuncha | sqlite3 | Taskwarrior | xuncha ÷ sqlite3 | Taskwarrior ÷ xuncha |",
        "|---|---:|---:|---:|---:|---:|",
        "| batch entry into an empty store (s) | %.3f | %.3f | %.3f | %s | %s |"
        % (x["load"], s["load"], t["load"], ratio(x["load"], s["load"]), ratio(t["load"], x["load"])),
        "| cold open + stats by unit (s) | %.3f | %.3f | %.3f | %s | %s |"
        % (x["query"], s["query"], t["query"], ratio(x["query"], s["query"]), ratio(t["query"], x["query"])),
        "| peak memory, batch entry (MB) | %.0f | %.0f | %.0f | %s | %s |"
        % (x["load_rss"], s["load_rss"], t["load_rss"], ratio(x["load_rss"], s["load_rss"]), ratio(t["load_rss"], x["load_rss"])),
        "| peak memory, cold stats (MB) | %.0f | %.0f | %.0f | %s | %s |"
        % (x["query_rss"], s["query_rss"], t["query_rss"], ratio(x["query_rss"], s["query_rss"]), ratio(t["query_rss"], x["query_rss"])),
        "| empty store to first prompt (ms) | %.1f | %.1f | — | %s | — |"
        % (pr["xuncha_ms"], pr["sqlite3_ms"], ratio(pr["xuncha_ms"], pr["sqlite3_ms"])),
        "",
        "Interactive commands on the %s store (%d commands, one process, each its own transaction):" % (r["size"], lat["commands"]),
        "p50 %.3f ms, p99 %.3f ms, max %.3f ms excluding the flush; p50 %.3f ms, p99 %.3f ms including it; peak memory %.0f MB."
        % (lat["work_p50_ms"], lat["work_p99_ms"], lat["work_max_ms"], lat["with_flush_p50_ms"], lat["with_flush_p99_ms"], lat["rss_mb"]),
        "Slowest (ms, excluding the flush): " + "; ".join("%.2f `%s`" % (ms, c) for ms, c in lat["slowest"]),
        "",
        "| answer-sized query (whole process) | s | peak MB |",
        "|---|---:|---:|",
    ] + ["| `%s` | %.3f | %.0f |" % (k, v["s"], v["rss"]) for k, v in r.get("answers", {}).items()]
    mc = r["machine"]
    head = ["Workload: %s. Medians of %d rounds, tools alternating; %s." % (r["workload"], r["rounds"], r["date"]),
            "Machine: %s cores, %s, %s RAM, Linux %s; load average at the end %s." % (
                mc["nproc"], mc["cpu"], mc["memory"], mc["kernel"], " ".join(mc["load"])),
            "xuncha %s (release), sqlite3 %s, Taskwarrior %s." % (
                r["versions"]["xuncha"], r["versions"]["sqlite3"].split(" ")[0], r["versions"]["task"]), ""]
    tail = []
    if r.get("postgres"):
        import bench_pg
        tail = [bench_pg.markdown(r["postgres"], r["size"])]
    return "\n".join(head + rows + tail)


if __name__ == "__main__":
    main()
