"""The jobs of ``scripts/check_crash.py``: the generated corpus, one command run and killed
with ``kill -9`` and checked, the rerun that must finish it, and the damaged-state checks."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KEY_RE = re.compile(r"clave (\w+) edición v(\d+)\s*$")
CONSONANTS = "bcdfghjklmnpqrtvxz"  # no vowels: the stemmer leaves the key words alone
Token = int | str  # a record version, or a source sha256
State = dict[str, Token]


@dataclass(frozen=True)
class Job:
    kind: str  # index-records, update-records, index-files, ingest
    engine: str  # whoosh, tantivy, "-" (ingest)
    kills: int
    full: bool = False


@dataclass
class JobResult:
    phases: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    orphans: int = 0


@dataclass(frozen=True)
class Corpus:
    base: list[Any]  # DocumentRecord, without the key line
    docs_dir: Path
    reference: dict[str, str]  # source sha256 → record id, from an ingest run left alone


def key_word(i: int) -> str:
    out = ""
    for _ in range(4):
        i, r = divmod(i, len(CONSONANTS))
        out += CONSONANTS[r]
    return "zq" + out


def versioned(base: list[Any], i: int, version: int) -> Any:
    """Record ``i`` at ``version``: its text ends with its key word and version."""
    rec = base[i]
    return dataclasses.replace(rec, text=f"{rec.text}\n\nclave {key_word(i)} edición v{version}")


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "scripts.cli", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1", "OPENBLAS_NUM_THREADS": "1",
            "PYTHONPATH": str(ROOT)}


def _cwd() -> Path:
    """Commands run in an empty folder: the project's var/ (staff database) is not theirs."""
    folder = Path(tempfile.gettempdir()) / f"check_crash_cwd_{os.getuid()}"
    folder.mkdir(exist_ok=True)
    return folder


def run_quietly(cmd: list[str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=_cwd(), capture_output=True, text=True, timeout=timeout,
                          env=_env())


def make_corpus(folder: Path, *, records: int, files: int, seed: int) -> Corpus:
    """Sample records (with spares for additions) and sample documents without scanned ones
    (OCR would make every run minutes long), with a reference ingest of the documents."""
    from corpus.sample.generate import iter_records, write_corpus

    folder.mkdir(parents=True, exist_ok=True)
    seen: dict[str, Any] = {}
    for rec in iter_records(records + records // 3 + 5, seed):
        seen.setdefault(rec.id, rec)
    base = list(seen.values())
    written = write_corpus(folder, count=files + files // 4 + 4, seed=seed)
    kept = 0
    for w in written:
        path = folder / w.path
        if w.truth.get("scanned") or kept >= files:
            path.unlink()
        else:
            kept += 1
    ref = folder / "reference.jsonl"
    done = run_quietly(cli("ingest", str(folder / "docs"), "--out", str(ref)))
    if done.returncode != 0:
        raise RuntimeError(f"reference ingest failed: {done.stderr[-800:]}")
    reference = {}
    for line in ref.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        reference[item["source_sha256"]] = item["id"]
    return Corpus(base, folder / "docs", reference)


# -- running and killing ---------------------------------------------------------------------


def _group_members(pgid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(entry))
    return out


def run_killed(cmd: list[str], delay: float, observe: Callable[[], None],
               log: Path) -> tuple[int | None, int]:
    """Run ``cmd`` in its own process group; SIGKILL its main process after ``delay`` s
    (calling ``observe`` meanwhile). Returns (exit code, or None when killed; processes of the
    group still alive 3 s later, which are then killed too)."""
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, cwd=_cwd(), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, env=_env())
    start = time.monotonic()
    while time.monotonic() - start < delay and proc.poll() is None:
        observe()
        time.sleep(0.05)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    code = proc.wait()
    left: list[int] = []
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        left = _group_members(proc.pid)
        if not left:
            break
        time.sleep(0.2)
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
    return (None if killed else code), len(left)


# -- reading an index ------------------------------------------------------------------------


def token_of(record: Any, kind: str) -> Token:
    if kind == "index-files":
        return str(record.source_sha256)
    m = KEY_RE.search(record.text)
    return int(m.group(2)) if m else -1


def index_state(index_dir: Path, kind: str) -> State | None:
    """id → version (or source sha256) of every document; None when there is no index yet."""
    from indexer import open_engine
    from indexer.engine import IndexMissingError

    try:
        engine: Any = open_engine(index_dir)
    except IndexMissingError:
        return None
    try:
        return {r.id: token_of(r, kind) for r in engine.iter_records()}
    finally:
        engine.close()


def verify_index(index_dir: Path, kind: str, before: State, target: State,
                 observed: list[State]) -> tuple[State, list[str]]:
    """The checks after a kill (see the module docstring of check_crash)."""
    from indexer import lifecycle, open_engine
    from indexer.engine import SearchParams

    fails: list[str] = []
    if lifecycle.read_manifest(index_dir) is None:
        if observed or before:
            fails.append("no manifest, but states had been committed")
        return {}, fails
    check = run_quietly(cli("index", "--check", "--index", str(index_dir)))
    if check.returncode != 0:
        fails.append(f"--check failed: {check.stdout[-400:]} {check.stderr[-200:]}")
    engine: Any = open_engine(index_dir)
    try:
        if engine.warnings:
            fails.append(f"warnings on open: {engine.warnings}")
        records = list(engine.iter_records())
        state = {r.id: token_of(r, kind) for r in records}
        if len(state) != len(records) or engine.doc_count() != len(records):
            fails.append(f"duplicates: {len(records)} records, {len(state)} ids, "
                         f"doc_count {engine.doc_count()}")
        for r in records:
            doc_id, tok = r.id, state[r.id]
            if tok not in (before.get(doc_id), target.get(doc_id)):
                fails.append(f"{doc_id} at {tok!r}: neither old nor new")
            got = engine.get(doc_id)
            if got is None or token_of(got, kind) != tok:
                fails.append(f"{doc_id}: get() does not return it")
            key = KEY_RE.search(r.text)
            query = (key.group(1) if key and kind != "index-files"
                     else f'expediente:"{r.expediente}"' if r.expediente else None)
            if query:
                ids = [h.id for h in engine.search(SearchParams(q=query, page_size=50, with_facets=False, with_snippets=False)).hits]
                if doc_id not in ids or (kind != "index-files" and ids != [doc_id]):
                    fails.append(f"{doc_id}: search {query!r} found {ids[:3]}")
    finally:
        engine.close()
    for seen in observed:
        for doc_id, tok in seen.items():
            if target.get(doc_id) == tok and state.get(doc_id) != tok:
                fails.append(f"{doc_id}: committed at {tok!r} (seen by a reader), now "
                             f"{state.get(doc_id)!r}")
    return state, fails[:20]


class Observer:
    """Polls the manifest while the child runs; reads the index each time it moves on."""

    def __init__(self, index_dir: Path, kind: str) -> None:
        self.index_dir, self.kind = index_dir, kind
        self.states: list[State] = []
        self.errors: list[str] = []
        self._key: tuple[int, int] | None = None
        self._last = 0.0

    def __call__(self) -> None:
        if time.monotonic() - self._last < 0.15:
            return
        self._last = time.monotonic()
        try:
            st = (self.index_dir / "manifest.json").stat()
        except FileNotFoundError:
            return
        key = (st.st_ino, st.st_mtime_ns)
        if key == self._key:
            return
        self._key = key
        try:
            state = index_state(self.index_dir, self.kind)
        except Exception as exc:  # a reader error during a write is a finding
            self.errors.append(f"reader error while the writer ran: {exc.__class__.__name__}: {exc}")
            return
        if state is not None:
            self.states.append(state)


# -- jobs ------------------------------------------------------------------------------------


def _write_input(path: Path, corpus: Corpus, target: dict[str, int], index_of: dict[str, int]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, version in target.items():
            rec = versioned(corpus.base, index_of[doc_id], version)
            fh.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")


def _phase(code: int | None, after: State, before: State, target: State) -> str:
    if code is not None:
        return "terminó antes"
    if after == before:
        return "antes de confirmar"
    if after == target:
        return "después de la última"
    return "entre confirmaciones"


def run_job(job: Job, corpus: Corpus, work: Path, rng: random.Random, *, batch: int,
            memory: dict[str, Any]) -> JobResult:
    """One job: ``job.kills`` killed runs, each checked, then a rerun that must finish."""
    if job.kind == "ingest":
        return _ingest_job(job, corpus, work, rng, memory)
    result = JobResult()
    index_of = {r.id: i for i, r in enumerate(corpus.base)}
    n_main = len(corpus.base) * 3 // 4
    if job.kind == "index-files":
        index_dir = work / f"files-{job.engine}"
        shutil.rmtree(index_dir, ignore_errors=True)
        before: State = {}
        target: State = dict(zip(corpus.reference.values(), corpus.reference.keys(), strict=True))
        cmd = cli("index", str(corpus.docs_dir), "--index", str(index_dir), "--engine", job.engine,
                  "--batch-size", str(max(2, batch // 3)), "--no-topics", "--sin-revision")
    else:
        index_dir = work / f"records-{job.engine}"
        versions: dict[str, int] = memory.get(f"versions-{job.engine}", {})
        version = memory.get("version", 0) + 1
        memory["version"] = version
        if job.full or not versions:
            shutil.rmtree(index_dir, ignore_errors=True)
            versions = {}
            new = {r.id: version for r in corpus.base[:n_main]}
        else:
            new = {d: (version if rng.random() < 0.5 else v) for d, v in versions.items()
                   if rng.random() > 0.1}  # about half replaced, a tenth pruned
            spares = [r.id for r in corpus.base if r.id not in versions]
            for doc_id in rng.sample(spares, min(5, len(spares))):
                new[doc_id] = version
        before, target = dict(versions), dict(new)
        source = work / f"input-{job.engine}-{version}.jsonl"
        _write_input(source, corpus, new, index_of)
        cmd = cli("index", str(source), "--index", str(index_dir), "--engine", job.engine,
                  "--batch-size", str(batch), "--no-topics", "--prune", "--sin-revision")
    key = f"{job.kind}-{job.engine}"
    log = work / "runs.log"
    for _ in range(job.kills):
        observer = Observer(index_dir, job.kind)
        # the first third of a run is mostly interpreter start-up and imports
        delay = rng.uniform(0.3, 1.0) * memory.get(key, 8.0)
        code, orphans = run_killed(cmd, delay, observer, log)
        result.orphans += orphans
        after, fails = verify_index(index_dir, job.kind, before, target, observer.states)
        result.failures.extend(observer.errors + fails)
        result.phases.append(_phase(code, after, before, target))
        if code not in (None, 0):
            result.failures.append(f"exit code {code} (see {log})")
        before = {d: t for d, t in after.items()}  # the next kill starts from here
    started = time.monotonic()
    done = run_quietly(cmd)
    took = time.monotonic() - started  # the next kills land within a run's time
    memory[key] = (memory[key] + took) / 2 if key in memory else took
    if done.returncode != 0:
        result.failures.append(f"rerun exit {done.returncode}: {done.stderr[-400:]}")
    final, fails = verify_index(index_dir, job.kind, before, target, [])
    result.failures.extend(fails)
    if final != target:
        missing = sorted(set(target) - set(final))[:3]
        wrong = sorted(d for d in final if final[d] != target.get(d))[:3]
        result.failures.append(f"rerun did not finish the job: missing {missing}, wrong {wrong}")
    if job.kind != "index-files":
        memory[f"versions-{job.engine}"] = {d: int(v) for d, v in final.items()}
    return result


def _read_out(path: Path) -> tuple[list[dict[str, Any]], int, list[str]]:
    """(records of the complete lines, bytes of a torn tail, problems)."""
    problems: list[str] = []
    data = path.read_bytes() if path.exists() else b""
    lines = data.split(b"\n")
    tail = lines.pop()  # after the last newline: empty, or a torn line
    items = []
    for n, line in enumerate(lines, 1):
        try:
            item = json.loads(line)
            assert isinstance(item, dict) and item.get("id")
            items.append(item)
        except (ValueError, AssertionError):
            problems.append(f"line {n} is not a whole record")
    return items, len(tail), problems


def _ingest_job(job: Job, corpus: Corpus, work: Path, rng: random.Random,
                memory: dict[str, Any]) -> JobResult:
    result = JobResult()
    out = work / "ingest.jsonl"
    out.unlink(missing_ok=True)
    log = work / "runs.log"
    seen = [0]

    def observe() -> None:
        if out.exists():
            seen[0] = max(seen[0], out.read_bytes().count(b"\n"))

    def check(items: list[dict[str, Any]]) -> list[str]:
        fails = []
        shas = [i.get("source_sha256") for i in items]
        if len(set(shas)) != len(shas):
            fails.append("a source ingested twice")
        for item in items:
            if corpus.reference.get(str(item.get("source_sha256"))) != item["id"]:
                fails.append(f"record {item['id']} does not match the reference ingest")
        return fails

    total = len(corpus.reference)
    for n in range(job.kills):
        cmd = cli("ingest", str(corpus.docs_dir), "--out", str(out), *(["--resume"] if n else []))
        code, orphans = run_killed(cmd, rng.uniform(0.3, 1.0) * memory.get("ingest", 8.0),
                                   observe, log)
        result.orphans += orphans
        items, torn, problems = _read_out(out)
        result.failures.extend(problems + check(items))
        if len(items) < seen[0]:
            result.failures.append(f"{seen[0]} lines were written, {len(items)} are left")
        result.phases.append("terminó antes" if code is not None else
                             "antes de confirmar" if not items else
                             "después de la última" if len(items) == total else
                             "entre confirmaciones")
        if code not in (None, 0):
            result.failures.append(f"exit code {code}")
    started = time.monotonic()
    done = run_quietly(cli("ingest", str(corpus.docs_dir), "--out", str(out), "--resume"))
    took = time.monotonic() - started
    memory["ingest"] = (memory["ingest"] + took) / 2 if "ingest" in memory else took
    items, torn, problems = _read_out(out)
    result.failures.extend(problems + check(items))
    if done.returncode != 0 or torn or sorted(i["source_sha256"] for i in items) != sorted(corpus.reference):
        result.failures.append(f"the --resume rerun did not finish: exit {done.returncode}, "
                               f"{len(items)} of {total} records, torn tail {torn} bytes")
    return result
