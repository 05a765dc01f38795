#!/usr/bin/env python3
"""Times husk, runc and crun command by command, interleaved, plus a JDK Hello world with husk's launcher flags.

Started by bench.sh (root, private mount namespace). Each figure is a whole process measured from outside:
wall time around spawn..wait4, CPU and peak RSS from wait4's rusage (the largest single process it waited for).
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import report  # noqa: E402  (bench/report.py: table and chart)

JDK = os.environ.get("HUSK_JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
LAUNCHER_FLAGS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xms4m", "-Xmx256m",
                  "--enable-native-access=ALL-UNNAMED"]
GNU_TIME = "/usr/bin/time"


def spawn(argv, env=None):
    """Runs argv to completion: (wall ms, CPU ms, peak RSS MiB of the largest process, exit status)."""
    # stderr goes to a file, not a pipe: a created container's init keeps the runtime's stdio open.
    # GNU time reports the peak RSS: a child forked from this Python would inherit its RSS as a floor.
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as peak:
        argv = [GNU_TIME, "-f", "%M", "-o", peak.name] + argv
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = (time.perf_counter() - t0) * 1000
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            err.seek(0)
            sys.stderr.write("bench: %s exited %d: %s\n" % (" ".join(argv[-3:]), p.returncode,
                                                            err.read().decode(errors="replace").strip()[:300]))
        rss = peak.read().decode().split()
    return wall, (ru.ru_utime + ru.ru_stime) * 1000, int(rss[-1]) / 1024.0 if rss else float("nan"), p.returncode


def output(argv):
    with tempfile.TemporaryFile() as out:
        subprocess.run(argv, check=True, stdout=out, stderr=subprocess.DEVNULL)
        out.seek(0)
        return out.read().decode()


class Runtime:
    def __init__(self, name, argv, root):
        self.name, self.argv, self.root = name, argv, root

    def cmd(self, *args):
        return self.argv + ["--root", self.root] + list(args)

    def pid(self, cid):
        return json.loads(output(self.cmd("state", cid)))["pid"]


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def wait_gone(pid, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with open("/proc/%d/stat" % pid) as f:
                if f.read().rsplit(")", 1)[1].split()[0] in "ZX":
                    return
        except FileNotFoundError:
            return
        time.sleep(0.005)


def make_bundles(work, husk):
    bundles = {}
    for name, args in (("sleep", ["sleep", "1000"]), ("true", ["/bin/true"])):
        b = os.path.join(work, "bundle-" + name)
        subprocess.run([os.path.join(HERE, "..", "scripts", "make-busybox-bundle.sh"), b], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run(husk + ["spec", "--bundle", b], check=True, env=dict(os.environ, HUSK_AOT="off"))
        path = os.path.join(b, "config.json")
        with open(path) as f:
            config = json.load(f)
        config["process"]["args"] = args
        config["ociVersion"] = "1.0.2"  # crun 1.8 refuses 1.2.0 ("unknown version specified")
        # After spec's deny-all rule, the devices every container is given (runc's default spec has them too).
        config["linux"]["resources"]["devices"] += [
            {"allow": True, "type": "c", "major": ma, "minor": mi, "access": "rwm"}
            for ma, mi in ((1, 3), (1, 5), (1, 7), (1, 8), (1, 9), (5, 0), (5, 2))]
        config["linux"]["resources"]["devices"].append({"allow": True, "type": "c", "major": 136, "access": "rwm"})
        with open(path, "w") as f:
            json.dump(config, f, indent=1)
        bundles[name] = b
    return bundles


def make_hello(work):
    """Hello world in a jar with its own AOT cache, trained and launched with husk's launcher flags."""
    src = os.path.join(work, "Hello.java")
    with open(src, "w") as f:
        f.write('public class Hello { public static void main(String[] a) { System.out.println("Hello world"); } }\n')
    javac = os.path.join(os.path.dirname(JDK), "javac")
    jar = os.path.join(os.path.dirname(JDK), "jar")
    subprocess.run([javac, "-d", work, src], check=True)
    subprocess.run([jar, "cf", os.path.join(work, "hello.jar"), "-C", work, "Hello.class"], check=True)
    cache = os.path.join(work, "hello.aot")
    base = [JDK] + LAUNCHER_FLAGS + ["-cp", os.path.join(work, "hello.jar")]
    subprocess.run(base[:1] + ["-XX:AOTCacheOutput=" + cache] + base[1:] + ["Hello"], check=True,
                   capture_output=True)
    return base[:1] + ["-XX:AOTCache=" + cache] + base[1:]


def lifecycle(rt, bundle, cid, samples, created_rss):
    """One container through create, state, start, list, kill, delete; each command timed."""
    def timed(label, *args):
        samples.setdefault((rt.name, label), []).append(spawn(rt.cmd(*args)))

    timed("create", "create", "--bundle", bundle, cid)
    try:
        pid = rt.pid(cid)
    except subprocess.CalledProcessError:
        return  # create failed (reported above); the round goes on with the other runtimes
    created_rss.setdefault(rt.name, []).append(rss_kib(pid) / 1024.0)
    timed("state", "state", cid)
    timed("start", "start", cid)
    timed("list", "list")
    timed("kill", "kill", cid, "KILL")
    wait_gone(pid)
    timed("delete", "delete", cid)


def batches(rt, bundle, prefix, seq, par):
    t0 = time.perf_counter()
    for i in range(seq):
        spawn(rt.cmd("run", "--bundle", bundle, "%s-s%d" % (prefix, i)))
    seq_ms = (time.perf_counter() - t0) * 1000 / max(seq, 1)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=par) as ex:
        list(ex.map(lambda i: spawn(rt.cmd("run", "--bundle", bundle, "%s-p%d" % (prefix, i))), range(par)))
    return seq_ms, (time.perf_counter() - t0) * 1000


def cleanup(runtimes):
    for rt in runtimes:
        if not os.path.isdir(rt.root):
            continue
        for cid in os.listdir(rt.root):
            subprocess.run(rt.cmd("delete", "--force", cid), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=dict(os.environ, HUSK_AOT="off"))


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    java = subprocess.run([JDK, "-version"], capture_output=True, text=True).stderr.splitlines()
    return {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
            "load": os.getloadavg(), "java": java[1] if len(java) > 1 else "?",
            "runc": output(["runc", "--version"]).splitlines()[0],
            "crun": output(["crun", "--version"]).splitlines()[0],
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=10, help="rounds of the interleaved lifecycle (default 10)")
    ap.add_argument("--seq", type=int, default=50, help="sequential runs per runtime (default 50)")
    ap.add_argument("--par", type=int, default=10, help="parallel runs per runtime (default 10)")
    ap.add_argument("--husk-home", default=os.path.join(HERE, ".."), help="checkout whose bin/husk to time")
    args = ap.parse_args()

    husk = [os.path.abspath(os.path.join(args.husk_home, "bin", "husk"))]
    aot = subprocess.run(husk + ["--version"], env=dict(os.environ, HUSK_AOT="require"), capture_output=True)
    work = tempfile.mkdtemp(prefix="husk-bench.")
    runtimes = [Runtime("husk", husk, os.path.join(work, "root-husk")),
                Runtime("runc", ["runc"], os.path.join(work, "root-runc")),
                Runtime("crun", ["crun"], os.path.join(work, "root-crun"))]
    samples, created_rss, extra = {}, {}, {}
    try:
        bundles = make_bundles(work, husk)
        hello = make_hello(work)
        for r in range(args.n):
            for rt in runtimes:
                lifecycle(rt, bundles["sleep"], "bench-%s-%d" % (rt.name, r), samples, created_rss)
                samples.setdefault((rt.name, "run"), []).append(
                    spawn(rt.cmd("run", "--bundle", bundles["true"], "bench-%s-run%d" % (rt.name, r))))
            samples.setdefault(("java", "hello"), []).append(spawn(hello + ["Hello"]))
            samples.setdefault(("java", "hello -Xint"), []).append(spawn(hello[:1] + ["-Xint"] + hello[1:]
                                                                         + ["Hello"]))
        for rt in runtimes:
            extra[rt.name] = batches(rt, bundles["true"], "bench-%s-b" % rt.name, args.seq, args.par)
    finally:
        cleanup(runtimes)
        shutil.rmtree(work, ignore_errors=True)

    result = {"machine": machine(), "husk_aot_cache": aot.returncode == 0, "rounds": args.n,
              "seq": args.seq, "par": args.par,
              "samples": {"%s %s" % k: v for k, v in samples.items()},
              "created_rss_mib": created_rss, "batches_ms": extra}
    out = os.path.join(HERE, "results")
    os.makedirs(out, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    with open(os.path.join(out, stamp + ".json"), "w") as f:
        json.dump(result, f, indent=1)
    table = report.table(result)
    with open(os.path.join(out, stamp + ".md"), "w") as f:
        f.write(table)
    with open(os.path.join(out, stamp + ".svg"), "w") as f:
        f.write(report.chart(result))
    print(table)
    print("raw numbers, table and chart: %s/%s.{json,md,svg}" % (out, stamp))


if __name__ == "__main__":
    main()
