"""`lontar drill BACKUP`: proves that a backup restores, by restoring it into a scratch
directory and checking what came back; `check_restored` runs the same checks on a home that
`lontar restore` has just filled (or any restored copy, e.g. one a test damaged on purpose).

The checks (docs/backup.md has the list with what each one catches):

- **manifest**: every file of the set matches its SHA-256 (before anything is restored);
- **objects**: every object's current record unpickles (classes found, as zodbverify
  does), no reference points at a missing object (fsrefs), every blob object has its file;
- **files**: every attachment's blob (and OCR derivative) is there and hashes to the SHA-256
  the record holds; sealed (R/SR) files are decrypted with the key given and compared with
  their real digest, their text decrypts too;
- **audit**: the hash chain is intact, reaches the entry the backup ended on, and every
  record has the creation entry it had at backup time;
- **letters**: a sample of signed letters: stored bytes as signed, signature valid;
- **counts**: records per unit as the manifest says;
- **index**: the index rebuilt from the restored database holds every record, and title
  searches for words of a sample of records find exactly the records whose titles hold them.

The time from the start of the restore to the end of the checks is the measured recovery time.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import random
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import ZODB
from ZODB.blob import Blob
from ZODB.broken import Broken
from ZODB.FileStorage import FileStorage
from ZODB.POSException import POSKeyError
from ZODB.serialize import PersistentUnpickler, referencesf
from ZODB.utils import load_current, oid_repr

from indexes.analysis import indonesian_analyzer, normalise
from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core import clock
from repository.core.audit import AuditLog
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import LontarError
from repository.core.i18n import translate
from repository.core.keys import KeyMismatch, KeyMissing, Keyring
from repository.core.moved import class_factory
from repository.core.sealing import digest, original_bytes, pages_of
from repository.core.security import ADMIN, Caller
from repository.ingest.recovery import audited_ids
from repository.letters.signing.verify import validate
from repository.run.backup import dest_lock
from repository.run.manifest import LAST_DRILL, BackupSet, moment_of, pick, record_operation
from repository.run.restore import restore

CHUNK = 1000  # records per transaction of the walk (the cache is emptied after each)
SHOWN = 20  # findings listed per check; the rest are counted
LETTER_SAMPLE = 5
SEARCHES = 8
CANDIDATES = 24
MAX_HITS = 1000  # a search finding more makes a poor (and slow) sample
WORD = re.compile(r"^[^\W\d_]{5,}$")


@dataclass
class Check:
    name: str
    ok: bool
    summary: str
    findings: list[str] = field(default_factory=list)
    detail: dict = field(default_factory=dict)


@dataclass
class DrillReport:
    backup: str
    stamp: str
    backup_time: str  # the backup's moment, local
    seconds: float  # the measured recovery time
    checks: list[Check]
    home: str = ""  # a restore's target; "" for a drill (the scratch copy is gone)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def findings(self) -> list[str]:
        return [f"{c.name}: {line}" for c in self.checks for line in c.findings]

    def as_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}


def _limited(found: list[str]) -> list[str]:
    if len(found) <= SHOWN:
        return found
    return [*found[:SHOWN], translate("drill_more", count=len(found) - SHOWN)]


# -- objects ------------------------------------------------------------------------------------
def _find_class(module: str, name: str):
    return class_factory(None, module, name)


def check_objects(storage: FileStorage) -> Check:
    """Every current object record unpickles with the classes this code has, every reference
    names an object that exists, and every blob object's file is present."""
    oids, refs, found, blobs = set(), {}, [], 0
    for oid in storage._index:  # fsrefs reads the index the same way
        try:
            data, tid = load_current(storage, oid)
        except POSKeyError:  # its creation was undone (deleted): only a reference is wrong
            continue
        except Exception as exc:  # a damaged data record
            data, tid, problem = None, None, exc
        oids.add(oid)
        if data is not None:
            klass, problem = _loaded(data, oid, refs)
            if problem is None and _is_blob(klass):
                blobs += 1
                problem = _blob_problem(storage, oid, tid)
        if isinstance(problem, str):
            found.append(problem)
        elif problem is not None:
            error = f"{type(problem).__name__}: {problem}"
            found.append(translate("drill_object_unloadable", oid=oid_repr(oid), error=error))
    found += [
        translate("drill_object_dangling", oid=oid_repr(holder), ref=oid_repr(ref))
        for ref, holder in refs.items()
        if ref not in oids
    ]
    summary = translate("drill_check_objects", objects=len(oids), blobs=blobs)
    detail = {"objects": len(oids), "blobs": blobs}
    return Check("objects", not found, summary, _limited(found), detail)


def _loaded(data: bytes, oid: bytes, refs: dict) -> tuple[type | None, Exception | None]:
    """(the record's class, None) or (None, why it does not load); its references noted."""
    try:
        klass = _unpickled(data)
        for ref in referencesf(data):
            refs.setdefault(ref, oid)
        if isinstance(klass, type) and issubclass(klass, Broken):
            raise ImportError(f"class {klass.__module__}.{klass.__name__} is missing")
    except Exception as exc:  # any failure to load is the finding this check exists for
        return None, exc
    return klass, None


def _is_blob(klass: type | None) -> bool:
    return isinstance(klass, type) and issubclass(klass, Blob)


def _blob_problem(storage: FileStorage, oid: bytes, tid: bytes) -> str | None:
    try:
        storage.loadBlob(oid, tid)
    except POSKeyError as exc:
        error = exc.args[0] if exc.args else ""
        return translate("drill_object_blob_missing", oid=oid_repr(oid), error=error)
    return None


def _unpickled(data: bytes):
    """The class of a record's pickle, after unpickling its state too (so every class and
    global the state names is looked up), without loading the objects it refers to."""
    unpickler = PersistentUnpickler(_find_class, lambda ref: None, io.BytesIO(data))
    klass = unpickler.load()
    unpickler.load()
    return klass[0] if isinstance(klass, tuple) else klass


# -- records and their files ----------------------------------------------------------------------
@dataclass
class Walk:
    """What one pass over every record found."""

    counts: Counter = field(default_factory=Counter)
    ids: set = field(default_factory=set)
    files: int = 0
    sealed: int = 0
    sealed_unchecked: int = 0
    file_findings: list[str] = field(default_factory=list)
    sealed_findings: list[str] = field(default_factory=list)
    expected: dict = field(default_factory=dict)  # word -> ids whose titles hold it


def walk_records(db: ZODB.DB, keyring: Keyring, words: dict[str, set[str]]) -> Walk:
    """Reads every record in chunks, each in its own transaction with the cache emptied."""
    walk, analyzer, last = Walk(expected={w: set() for w in words}), indonesian_analyzer(), None
    while True:
        with reading(db) as root:
            records = pemda_of(root).records
            keys = records.keys(min=last, excludemin=last is not None)
            batch = list(itertools.islice(keys, CHUNK))
            for record_id in batch:
                try:
                    _walk_record(records[record_id], walk, keyring, analyzer, words)
                except Exception as exc:  # a damaged copy: the finding, not a crash
                    error = f"{type(exc).__name__}: {exc}"
                    walk.file_findings.append(
                        translate("drill_record_unreadable", id=record_id, error=error)
                    )
            root._p_jar.cacheMinimize()
        if not batch:
            return walk
        last = batch[-1]


def _walk_record(record, walk: Walk, keyring: Keyring, analyzer, words) -> None:
    walk.counts[record.unit_code] += 1
    walk.ids.add(record.id)
    if words:
        tokens = {token.text for token in analyzer(normalise(record.title or ""))}
        for word, stems in words.items():
            if stems <= tokens:
                walk.expected[word].add(record.id)
    for position, attachment in record.attachments.items():
        walk.files += 1
        where = {"id": record.id, "file": f"{position} {attachment.filename}"}
        if attachment.sealed:
            _check_sealed(attachment, walk, keyring, where)
        else:
            _check_plain(attachment, walk, where)


def _blob_sha256(blob: Blob) -> str:
    sha = hashlib.sha256()
    with blob.open("r") as handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


def _check_plain(attachment, walk: Walk, where: dict) -> None:
    try:
        if _blob_sha256(attachment.blob) != attachment.sha256:
            walk.file_findings.append(translate("drill_blob_hash", **where))
        if attachment.ocr_blob is not None:
            _blob_sha256(attachment.ocr_blob)  # it must be there; its digest is not kept
    except (POSKeyError, OSError):
        walk.file_findings.append(translate("drill_blob_missing", **where))


def _check_sealed(attachment, walk: Walk, keyring: Keyring, where: dict) -> None:
    walk.sealed += 1
    if not keyring.available:
        walk.sealed_unchecked += 1
        return
    try:
        data = original_bytes(attachment, keyring)
        if hashlib.sha256(data).hexdigest() != digest(attachment, keyring):
            walk.file_findings.append(translate("drill_blob_hash", **where))
        if attachment.ocr_blob is not None:
            original_bytes_of_derivative(attachment, keyring)
        pages_of(attachment, attachment.text, keyring)
        pages_of(attachment, attachment.ocr_text, keyring)
    except (POSKeyError, OSError):
        walk.file_findings.append(translate("drill_blob_missing", **where))
    except (KeyMismatch, KeyMissing, ValueError):
        walk.sealed_findings.append(translate("drill_sealed_undecryptable", **where))


def original_bytes_of_derivative(attachment, keyring: Keyring) -> bytes:
    with attachment.ocr_blob.open("r") as handle:
        return keyring.decrypt(attachment.wrapped_key, handle.read(), "ocr")


def files_check(walk: Walk) -> Check:
    summary = translate("drill_check_files", files=walk.files, records=len(walk.ids))
    detail = {"files": walk.files, "records": len(walk.ids)}
    return Check("files", not walk.file_findings, summary, _limited(walk.file_findings), detail)


def sealed_check(walk: Walk, keyring: Keyring, info: dict) -> Check:
    needed = (info.get("keys") or {}).get("master_key_id")
    found = list(walk.sealed_findings)
    if walk.sealed_unchecked:
        found.insert(0, translate("drill_sealed_no_key", count=walk.sealed_unchecked))
    elif walk.sealed and needed and keyring.key_id != needed:
        found.insert(0, translate("drill_sealed_wrong_key", key_id=keyring.key_id, needed=needed))
    summary = translate("drill_check_sealed", files=walk.sealed, key_id=needed or "-")
    detail = {"sealed": walk.sealed, "unchecked": walk.sealed_unchecked, "key_id": needed}
    return Check("sealed", not found, summary, _limited(found), detail)


def counts_check(walk: Walk, info: dict) -> Check:
    expected = info.get("counts") or {}
    found = [
        translate("drill_count_unit", unit=unit, found=walk.counts.get(unit, 0), expected=n)
        for unit, n in sorted(expected.items())
        if walk.counts.get(unit, 0) != n
    ]
    found += [
        translate("drill_count_unit", unit=unit, found=n, expected=0)
        for unit, n in sorted(walk.counts.items())
        if unit not in expected
    ]
    total = len(walk.ids)
    if total != info.get("records"):
        found.append(translate("drill_count_total", found=total, expected=info.get("records")))
    summary = translate("drill_check_counts", records=total, units=len(expected))
    return Check("counts", not found, summary, _limited(found), {"records": total})


# -- the audit trail ------------------------------------------------------------------------------
def audit_check(home: Home, info: dict, walk: Walk) -> Check:
    """Intact, reaching the backup's last entry, and as complete for the records as it was."""
    log = AuditLog(home.path / "audit" / "audit.jsonl")
    verdict = log.verify()
    found = [
        translate("drill_audit_problem", line=p["line"], problem=p["problem"])
        for p in verdict.problems
    ]
    expected = info.get("audit") or {}
    if expected.get("seq") is not None:
        entry = next((e for e in log.entries() if e.get("seq") == expected["seq"]), None)
        if entry is None or entry.get("hash") != expected.get("hash"):
            found.append(
                translate("drill_audit_head", seq=expected["seq"], found=verdict.head.get("seq"))
            )
    unaudited = len(walk.ids - audited_ids(log))
    if unaudited != info.get("unaudited", unaudited):
        found.append(
            translate("drill_audit_unaudited", found=unaudited, expected=info.get("unaudited"))
        )
    summary = translate("drill_check_audit", entries=verdict.count, seq=verdict.head.get("seq"))
    detail = {"entries": verdict.count, "head": verdict.head, "unaudited": unaudited}
    return Check("audit", not found, summary, _limited(found), detail)


# -- signed letters -------------------------------------------------------------------------------
def letters_check(db: ZODB.DB, home: Home, keyring: Keyring, seed: str) -> Check:
    """A sample: each letter's stored bytes are the signed bytes, and the signature holds."""
    with reading(db) as root:
        registry = pemda_of(root).letters
        letters = getattr(registry, "letters", None) or {}
        signed = sorted(lid for lid, letter in letters.items() if letter.signed is not None)
        sample = sorted(random.Random(seed).sample(signed, min(LETTER_SAMPLE, len(signed))))
        found = [f for lid in sample for f in _letter_findings(letters[lid], home, keyring)]
    summary = translate("drill_check_letters", checked=len(sample), signed=len(signed))
    detail = {"checked": sample, "signed": len(signed)}
    return Check("letters", not found, summary, _limited(found), detail)


def _letter_findings(letter, home: Home, keyring: Keyring) -> list[str]:
    try:
        pdf = original_bytes(letter.signed, keyring)
    except (POSKeyError, OSError, KeyMismatch, KeyMissing) as exc:
        return [translate("drill_letter_invalid", id=letter.id, verdict=type(exc).__name__)]
    if letter.signed_sha256 and hashlib.sha256(pdf).hexdigest() != letter.signed_sha256:
        return [translate("drill_letter_invalid", id=letter.id, verdict="sha256")]
    verdict = validate(pdf, home)
    if verdict.summary != "signature_valid":
        return [translate("drill_letter_invalid", id=letter.id, verdict=verdict.summary)]
    return []


# -- the index ----------------------------------------------------------------------------------
def sample_words(db: ZODB.DB, seed: str) -> dict[str, set[str]]:
    """Title searches to try, each with the stems a title must hold to be found: one, two and
    three words of the title of each of a seeded sample of records (`title:a title:b`, all
    required). Several words make a search that finds few records among many similar ones."""
    analyzer, queries = indonesian_analyzer(), {}
    with reading(db) as root:
        records = pemda_of(root).records
        ids = list(records.keys())
        rng = random.Random(seed)
        for record_id in rng.sample(ids, min(CANDIDATES, len(ids))):
            title = records[record_id].title or ""
            words = sorted({w.lower() for w in title.split() if WORD.match(w)})
            stems = {w: {t.text for t in analyzer(w, mode="query")} for w in words}
            words = [w for w in words if stems[w]]  # a stop word is searched for nowhere
            for size in range(1, min(3, len(words)) + 1):
                chosen = rng.sample(words, size)
                query = " ".join(f"title:{w}" for w in chosen)
                queries.setdefault(query, set().union(*(stems[w] for w in chosen)))
    return queries


def index_check(home: Home, db: ZODB.DB, keyring: Keyring, walk: Walk, rebuild: bool) -> Check:
    """Builds the index from the restored database (or brings a restored index up to it),
    then compares: one document per record, and title searches that find what the
    database's titles hold."""
    lontar = Lontar(home, db=db, isolated=True)
    lontar.context.keyring = lontar.store.keyring = keyring
    docs, found, searched = 0, [], {}
    try:
        if rebuild or not lontar.store.exists():
            lontar.index.reindex()
        else:
            lontar.index.check(repair=True, audit=False)
        docs = lontar.store.doc_count()
        if docs != len(walk.ids):
            found.append(translate("drill_index_docs", docs=docs, records=len(walk.ids)))
        searched = _searches(lontar, walk, found)
    except (KeyMissing, KeyMismatch):  # sealed text is indexed as blind terms of the key
        found.append(translate("drill_index_no_key"))
    except Exception as exc:  # a damaged copy the index cannot be built from: the finding
        error = f"{type(exc).__name__}: {exc}"
        found.append(translate("drill_index_failed", error=error))
    finally:
        lontar.ingest.close()
        lontar.store.close()
    summary = translate("drill_check_index", docs=docs, searches=len(searched))
    detail = {"docs": docs, "searches": searched, "rebuilt": rebuild}
    return Check("index", not found, summary, _limited(found), detail)


def _searches(lontar: Lontar, walk: Walk, found: list[str]) -> dict[str, int]:
    """The sample's searches that find between 1 and MAX_HITS records (the broadest first),
    each compared with the records the database's titles say it must find."""
    fitting = [(len(ids), q) for q, ids in walk.expected.items() if 0 < len(ids) <= MAX_HITS]
    searched = {}
    for _count, query in sorted(fitting, reverse=True)[:SEARCHES]:
        expected = walk.expected[query]
        request = SearchRequest(
            query=query, page_size=len(expected) + 20, facets=False, expand=False, fallback=False
        )
        result = lontar.store.search(ADMIN, request)
        hits = {hit.id for hit in result.hits}
        missing, extra = len(expected - hits), max(result.total - len(expected & hits), 0)
        if missing or extra:
            found.append(translate("drill_index_search", query=query, missing=missing, extra=extra))
        searched[query] = result.total
    return searched


# -- running the checks ----------------------------------------------------------------------------
@contextmanager
def restored_db(home: Home) -> Iterator[tuple[ZODB.DB, FileStorage]]:
    """The restored FileStorage, opened directly: never through `$LONTAR_STORAGE`, which
    names the live storage."""
    storage = FileStorage(str(home.data_fs), blob_dir=str(home.blobs), pack_keep_old=False)
    db = ZODB.DB(storage, class_factory=class_factory)
    try:
        yield db, storage
    finally:
        db.close()


def check_restored(
    home: Home, info: dict, keyring: Keyring, *, rebuild_index: bool = True
) -> list[Check]:
    """The checks on a restored home (everything but the manifest, which was checked before
    the restore). `info` is the set's backup-info."""
    seed = info.get("stamp", "")
    with restored_db(home) as (db, storage):
        checks = [check_objects(storage)]
        walk = walk_records(db, keyring, sample_words(db, seed))
        checks += [files_check(walk), sealed_check(walk, keyring, info)]
        checks += [audit_check(home, info, walk), letters_check(db, home, keyring, seed)]
        checks += [counts_check(walk, info), index_check(home, db, keyring, walk, rebuild_index)]
    return checks


def manifest_check(problems: list[tuple[str, str]], files: int) -> Check:
    found = [translate("drill_manifest_problem", file=rel, problem=what) for rel, what in problems]
    summary = translate("drill_check_manifest", files=files)
    return Check("manifest", not problems, summary, _limited(found), {"files": files})


def restore_and_check(
    backup: Path, target: Home, keyring: Keyring, at=None, *, damaged_raises: bool = False
) -> DrillReport:
    """Restores the latest set at or before `at` into the empty `target` and checks it; the
    report's time is the recovery time, from the first byte read to the last check. A set
    whose files do not match the manifest is not restored: the report says which files (or,
    with `damaged_raises`, LontarError `restore_damaged` names the first)."""
    started = time.monotonic()
    dest = backup.expanduser().resolve()
    with dest_lock(dest, shared=True):  # no backup run changes the set while it is read
        chosen = pick(dest, at)
        problems = chosen.verify()
        if problems and damaged_raises:
            path, what = problems[0]
            raise LontarError("restore_damaged", file=path, detail=what, count=len(problems))
        files = 0 if problems else len(chosen.manifest())
        checks = [manifest_check(problems, files)]
        info = restore(dest, target, chosen=chosen)[1] if not problems else {}
    if not problems:
        rebuild = not info.get("index")
        checks += check_restored(target, info, keyring, rebuild_index=rebuild)
    return report_of(chosen, checks, time.monotonic() - started, str(target.path))


def drill(backup: Path, keyring: Keyring, at=None, work: Path | None = None) -> DrillReport:
    """`restore_and_check` into a scratch directory (under `work`), removed afterwards."""
    scratch = Path(tempfile.mkdtemp(prefix="lontar-drill-", dir=work))
    try:
        report = restore_and_check(backup, Home(scratch / "home"), keyring, at)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report.home = ""
    return report


def report_of(
    chosen: BackupSet, checks: list[Check], seconds: float, home: str = ""
) -> DrillReport:
    moment = clock.local(moment_of(chosen.stamp)).isoformat(timespec="seconds")
    return DrillReport(str(chosen.dest), chosen.stamp, moment, round(seconds, 2), checks, home)


def record(db: ZODB.DB, audit: AuditLog, caller: Caller, report: DrillReport) -> None:
    """`ops_last_drill` and the audit entry `drill`, in one commit."""
    value = {
        "at": clock.now().isoformat(timespec="seconds"),
        "backup": report.backup,
        "stamp": report.stamp,
        "ok": report.ok,
        "seconds": report.seconds,
        "findings": report.findings[:50],
        "checks": {check.name: check.ok for check in report.checks},
    }
    record_operation(db, audit, caller, LAST_DRILL, value, "drill", report.stamp)
