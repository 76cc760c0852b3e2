"""A throwaway Neo4j for the tests and for trying the Neo4j backend: `make neo4j` / `make neo4j-stop`.

    python tools/neo4j_server.py start    # prints NEO4J_URI=…, NEO4J_USER=…, NEO4J_PASSWORD=… (source them)
    python tools/neo4j_server.py stop

Neo4j Community 5.26 (its official test harness) is fetched by Maven into ~/.m2 on first use
and compiled with tools/neo4j/; it runs on Java 17 with Bolt on a free 127.0.0.1 port and a
random password. The tests call start(watch=os.getpid()) themselves when NEO4J_URI is not set:
the server then stops with the test run, however that ends.
"""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent / "neo4j"
TARGET = HERE / "target"
CLASSPATH = TARGET / "classpath.txt"
STATE = Path(__file__).resolve().parent.parent / ".neo4j"      # make neo4j's pid and settings
MAIN = "policygraph.ThrowawayNeo4j"


class Unavailable(RuntimeError):
    """No Neo4j can be started here: no Java 17 or Maven, or Maven could not fetch it."""


def missing() -> str | None:
    """What this machine lacks to start a Neo4j, or None."""
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            return f"no {tool} on PATH (Java 17 and Maven start a throwaway Neo4j; or set NEO4J_URI)"
    return None


def build() -> list[str]:
    """Compile the launcher and resolve Neo4j's classpath (Maven; cached in ~/.m2); the java command."""
    lack = missing()
    if lack:
        raise Unavailable(lack)
    sources = [HERE / "pom.xml", *sorted((HERE / "src").rglob("*.java"))]
    newest = max(p.stat().st_mtime for p in sources)
    if not CLASSPATH.exists() or CLASSPATH.stat().st_mtime < newest:
        try:
            r = subprocess.run(["mvn", "-q", "-B", "-f", str(HERE / "pom.xml"), "compile", "dependency:build-classpath",
                                f"-Dmdep.outputFile={CLASSPATH}"], capture_output=True, text=True, timeout=900)
        except subprocess.TimeoutExpired:
            raise Unavailable("Maven did not fetch and build Neo4j within 15 minutes") from None
        if r.returncode != 0 or not CLASSPATH.exists():
            tail = " ".join((r.stdout + r.stderr).split())[-300:]
            raise Unavailable(f"Maven could not build the Neo4j launcher: {tail}")
    return ["java", "-XX:+UseSerialGC", "-Xss1m", "-cp", f"{TARGET / 'classes'}:{CLASSPATH.read_text().strip()}",
            MAIN]


def start(watch: int | None = None, log: Path | None = None,
          timeout: float = 240) -> tuple[subprocess.Popen, dict[str, str]]:
    """Start a server; (its process, its NEO4J_* settings) once Bolt answers. Its log goes to `log`."""
    cmd = build() + (["--watch", str(watch)] if watch else [])
    log = log or Path(os.devnull)
    with open(log, "w") as err_out:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err_out, stdin=subprocess.DEVNULL, text=True,
                                start_new_session=True)
    env: dict[str, str] = {}
    lines: queue.Queue = queue.Queue()
    assert proc.stdout is not None
    # Read in a thread, so a server that stalls before printing cannot hang us past the deadline.
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout] + [lines.put("")], daemon=True).start()
    deadline = time.monotonic() + timeout
    try:
        while len(env) < 3:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise Unavailable(f"Neo4j did not answer within {timeout:g} s") from None
            if not line:
                proc.wait()
                err = log.read_text(errors="replace") if log != Path(os.devnull) else ""
                raise Unavailable(f"Neo4j did not start (exit {proc.returncode}): {' '.join(err.split())[-300:]}")
            if line.startswith("NEO4J_") and "=" in line:
                k, v = line.strip().split("=", 1)
                env[k] = v
    except BaseException:
        stop(proc)         # Ctrl-C or a failure while starting: no server left behind
        raise
    return proc, env


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str]) -> int:
    what = argv[1] if len(argv) > 1 else "start"
    pidfile = STATE / "server.pid"
    if what == "stop":
        if not pidfile.exists():
            print("no throwaway Neo4j is running (make neo4j starts one)", file=sys.stderr)
            return 0
        try:
            pid = int(pidfile.read_text())
            os.killpg(pid, signal.SIGTERM)      # the server runs in its own session: pid = group
            for _ in range(300):
                os.kill(pid, 0)
                time.sleep(0.1)
            os.killpg(pid, signal.SIGKILL)      # did not stop within 30 s
        except (ProcessLookupError, ValueError):
            pass
        except PermissionError:
            print(f"the pid in {pidfile} is another user's process: not stopped", file=sys.stderr)
            return 1
        pidfile.unlink()
        (STATE / "env").unlink(missing_ok=True)
        print(f"stopped Neo4j (pid {pid})", file=sys.stderr)
        return 0
    if what != "start":
        print(f"usage: {argv[0]} start|stop", file=sys.stderr)
        return 2
    if pidfile.exists():
        try:
            os.kill(int(pidfile.read_text()), 0)
            print((STATE / "env").read_text(), end="")
            return 0
        except (ProcessLookupError, ValueError):
            pidfile.unlink()
    STATE.mkdir(exist_ok=True)
    try:
        proc, env = start(log=STATE / "server.log")
    except Unavailable as e:
        print(f"neo4j: {e}", file=sys.stderr)
        return 1
    lines = "".join(f"{k}={v}\n" for k, v in env.items())
    (STATE / "env").write_text(lines)
    pidfile.write_text(str(proc.pid))
    print(lines, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
