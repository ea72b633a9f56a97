"""The PostgreSQL half of the benchmarks, run by bench.py when scripts/bench has started a private
cluster (XUNCHA_BENCH_PG, a URI of its `postgres` database as its superuser over the socket).

Side by side, tools alternating in each round: the workload entered by xuncha into a ledger made
by `store init`, against psql loading the same final rows as INSERTs in one transaction
(`psql -f load.sql`) and through `\\copy` (the engine's limit); cold `stats --by unit` against
psql's GROUP BY; an interactive session's latency; commands/s of 8 writers on each engine; and
the first prompt on a PostgreSQL ledger against psql's.
"""

import os
import statistics
import subprocess
import sys
import time

from bench import percentile, run, time_to_prompt

# psql's GROUP BY over the final rows, as bench.py's sqlite3 one (PostgreSQL spelling).
GROUP_BY = ("SELECT unit, count(*), count(*) FILTER (WHERE status = 'withdrawn'), count(*) FILTER (WHERE status = 'closed'), "
            "count(*) FILTER (WHERE status NOT IN ('closed', 'withdrawn')), "
            "count(*) FILTER (WHERE status NOT IN ('closed', 'withdrawn', 'longterm') AND due < current_date::text), "
            "count(*) FILTER (WHERE status = 'longterm') FROM issues GROUP BY unit ORDER BY unit COLLATE \"C\";")
WRITERS, WRITER_COMMANDS = 8, 100


class Cluster:
    def __init__(self, uri):
        self.uri = uri

    def url(self, db):
        return self.uri.replace("@/postgres?", "@/%s?" % db)

    def sql(self, statement, db="postgres"):
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url(db), "-c", statement],
                       check=True, capture_output=True)

    def fresh(self, db):
        self.sql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % db)
        self.sql("CREATE DATABASE %s" % db)
        return self.url(db)


def copy_script(data, sqlite_store):
    """A psql script that loads the final rows through \\copy, from CSV files that sqlite3 writes
    out of the store it loaded: the same tables and rows as load.sql."""
    with open(os.path.join(data, "load.sql"), encoding="utf-8") as f:
        ddl = [line for line in f if line.startswith("CREATE TABLE")]
    lines = ["BEGIN;"] + [d.rstrip("\n") for d in ddl]
    for table in ("units", "issues", "transfers"):
        csv = os.path.join(data, "%s.csv" % table)
        with open(csv, "wb") as out:
            subprocess.run(["sqlite3", "-csv", sqlite_store, "SELECT * FROM %s" % table], stdout=out, check=True)
        lines.append("\\copy %s FROM '%s' WITH (FORMAT csv)" % (table, csv))
    lines.append("COMMIT;")
    path = os.path.join(data, "load-copy.sql")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def writers(xuncha, store, env, cwd):
    """Commands/s of WRITERS processes adding problems at once, each command its own transaction."""
    setup = ('unit add FY "舞阳县人民法院"\nround open R5 "第五轮专项巡察" --kind special --from 2024-03-01\n'
             "round target R5 FY\nround feedback R5 --on 2024-05-10 --due +90d\n")
    subprocess.run([xuncha, "--store", store], input=setup.encode(), env=env, cwd=cwd, check=True, capture_output=True)
    started = time.perf_counter()
    procs = []
    for p in range(WRITERS):
        args = [xuncha, "--store", store]
        for k in range(WRITER_COMMANDS):
            args += ["-c", 'issue add R5 FY "P%d #%d" --category conduct' % (p, k)]
        procs.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd))
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            sys.exit("bench: a writer failed: %s" % err.decode()[-1000:])
    return WRITERS * WRITER_COMMANDS / (time.perf_counter() - started)


def bench(uri, xuncha, data, env, rounds, sqlite_store, commands):
    """Runs the PostgreSQL measures; sqlite_store is the sqlite3 tool's loaded store (for CSV)."""
    cluster = Cluster(uri)
    # The test cluster runs with fsync off; a benchmark of an office's server must not.
    cluster.sql("ALTER SYSTEM SET fsync = on")
    cluster.sql("SELECT pg_reload_conf()")
    workload, load = os.path.join(data, "workload.xc"), os.path.join(data, "load.sql")
    copy = copy_script(data, sqlite_store)
    psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]

    def x_load():
        url = cluster.fresh("bench_x")
        subprocess.run([xuncha, "store", "init", url, "--prefix", "bench"], env=env, check=True, capture_output=True)
        return run([xuncha, "--store", url, workload], env=env)

    def p_load():
        return run(psql + ["-d", cluster.fresh("bench_p"), "-f", load], env=env)

    def c_load():
        return run(psql + ["-d", cluster.fresh("bench_c"), "-f", copy], env=env)

    loads = {"xuncha": x_load, "psql -f": p_load, "psql \\copy": c_load}
    queries = {"xuncha": lambda: run([xuncha, "--store", cluster.url("bench_x"), "-c", "stats --by unit"], env=env),
               "psql -f": lambda: run(psql + ["-d", cluster.url("bench_p"), "-c", GROUP_BY], env=env)}
    results = {k: {"load": [], "load_rss": [], "query": []} for k in loads}
    names = list(loads)
    for r in range(rounds):
        order = names[r % len(names):] + names[: r % len(names)]
        for name in order:
            t, rss, _, _ = loads[name]()
            results[name]["load"].append(t)
            results[name]["load_rss"].append(rss)
            print("round %d: pg %-10s load  %.3f s  %.0f MB" % (r + 1, name, t, rss), file=sys.stderr)
        for name in [n for n in order if n in queries]:
            t, _, _, _ = queries[name]()
            results[name]["query"].append(t)
            print("round %d: pg %-10s query %.3f s" % (r + 1, name, t), file=sys.stderr)

    # Interactive latency on the loaded ledger, each command its own transaction.
    argv = [xuncha, "--store", cluster.url("bench_x")]
    for c in commands:
        argv += ["-c", c]
    _, session_rss, _, err = run(argv, env=dict(env, XUNCHA_TIMING="1"))
    import re
    work_ms = [float(m.group(1)) + float(m.group(2))
               for m in re.finditer(r"^timing: ([0-9.]+) ms work, ([0-9.]+) ms flush", err, re.M)]
    if len(work_ms) != len(commands):
        sys.exit("bench: expected %d timing lines on PostgreSQL, got %d:\n%s" % (len(commands), len(work_ms), err[-2000:]))

    # 8 writers on each engine, alternating.
    rates = {"sqlite": [], "postgresql": []}
    for r in range(rounds):
        for engine in (("sqlite", "postgresql") if r % 2 == 0 else ("postgresql", "sqlite")):
            if engine == "sqlite":
                store = os.path.join(data, "writers.db")
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(store + suffix):
                        os.remove(store + suffix)
            else:
                store = cluster.fresh("bench_w")
                subprocess.run([xuncha, "store", "init", store, "--prefix", "bench"], env=env, check=True, capture_output=True)
            rates[engine].append(writers(xuncha, store, env, data))
            print("round %d: %d writers on %s: %.0f commands/s" % (r + 1, WRITERS, engine, rates[engine][-1]), file=sys.stderr)

    # First prompt on an empty PostgreSQL ledger, against psql's own prompt.
    empty = cluster.fresh("bench_e")
    subprocess.run([xuncha, "store", "init", empty, "--prefix", "bench"], env=env, check=True, capture_output=True)
    pty_env = dict(env, TERM="xterm", HOME=data)
    prompt_x, prompt_p = [], []
    for _ in range(2):
        time_to_prompt([xuncha, "--store", empty], b"> ", pty_env, data)
        time_to_prompt(["psql", "-X", "-d", empty], b"bench_e=# ", pty_env, data)
    for _ in range(max(9, rounds * 3)):
        prompt_x.append(time_to_prompt([xuncha, "--store", empty], b"> ", pty_env, data))
        prompt_p.append(time_to_prompt(["psql", "-X", "-d", empty], b"bench_e=# ", pty_env, data))

    med = {k: {m: statistics.median(v) for m, v in d.items() if v} for k, d in results.items()}
    return {"raw": results, "median": med,
            "latency": {"commands": len(work_ms), "p50_ms": percentile(work_ms, 50), "p99_ms": percentile(work_ms, 99),
                        "max_ms": max(work_ms), "rss_mb": session_rss,
                        "slowest": sorted(zip(work_ms, commands), reverse=True)[:5]},
            "writers": {k: statistics.median(v) for k, v in rates.items()},
            "writers_raw": rates,
            "prompt": {"xuncha_ms": statistics.median(prompt_x) * 1000, "psql_ms": statistics.median(prompt_p) * 1000},
            "server": subprocess.run(["psql", "-X", "-A", "-t", "-d", uri, "-c", "SHOW server_version"],
                                     capture_output=True, text=True).stdout.strip()}


def markdown(pg, size):
    m, lat = pg["median"], pg["latency"]
    x, p, c = m["xuncha"], m["psql -f"], m["psql \\copy"]

    def ratio(a, b):
        return "%.2f×" % (a / b) if b else "—"

    return "\n".join([
        "",
        "PostgreSQL %s (a private cluster on a Unix socket, fsync on):" % pg["server"],
        "",
        "| measure | xuncha | psql -f (INSERTs) | psql \\copy | xuncha ÷ psql -f | xuncha ÷ \\copy |",
        "|---|---:|---:|---:|---:|---:|",
        "| batch entry into an empty ledger (s) | %.3f | %.3f | %.3f | %s | %s |"
        % (x["load"], p["load"], c["load"], ratio(x["load"], p["load"]), ratio(x["load"], c["load"])),
        "| peak memory, batch entry (MB) | %.0f | %.0f | %.0f | | |" % (x["load_rss"], p["load_rss"], c["load_rss"]),
        "| cold `stats --by unit` vs psql's GROUP BY (s) | %.3f | %.3f | | %s | |"
        % (x["query"], p["query"], ratio(x["query"], p["query"])),
        "| empty ledger to first prompt (ms) | %.1f | %.1f (psql) | | %s | |"
        % (pg["prompt"]["xuncha_ms"], pg["prompt"]["psql_ms"], ratio(pg["prompt"]["xuncha_ms"], pg["prompt"]["psql_ms"])),
        "",
        "Interactive commands on the %s ledger on PostgreSQL (%d commands, one process, each its own transaction, "
        "commit included): p50 %.3f ms, p99 %.3f ms, max %.3f ms; peak memory %.0f MB."
        % (size, lat["commands"], lat["p50_ms"], lat["p99_ms"], lat["max_ms"], lat["rss_mb"]),
        "Slowest (ms): " + "; ".join("%.2f `%s`" % (ms, cmd) for ms, cmd in lat["slowest"]),
        "",
        "%d writers × %d commands at once, each command its own transaction: SQLite %.0f commands/s, PostgreSQL %.0f commands/s."
        % (WRITERS, WRITER_COMMANDS, pg["writers"]["sqlite"], pg["writers"]["postgresql"]),
    ])
