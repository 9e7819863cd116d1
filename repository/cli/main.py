"""`lontar`: a thin shell over the `Lontar` service (repository/app.py).

Commands act as the system administrator unless `--as USER` names an account (or
`anonymous`): the CLI runs on the server, where whoever may run it may read the data directory
anyway; `--as` is for seeing what a user would see. What commands do is in the audit trail.
Every read command takes `--json`. Errors are printed once, in the user's language (`--lang`
or `$LONTAR_LANG`), and give exit status 1; a bad command line gives 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import os
import re
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from indexes.search import SORTS, SearchRequest
from repository.core.config import Home
from repository.core.content import LEVELS, SECURITY_CLASSES
from repository.core.errors import InvalidInput, LontarError
from repository.core.i18n import flag_label, translate
from repository.core.security import ADMIN, ANONYMOUS, ROLES, Caller
from repository.ingest.pipeline import ImportOptions, iter_paths

COMMANDS: dict[str, Callable] = {}


def command(name: str):
    def register(fn: Callable) -> Callable:
        COMMANDS[name] = fn
        return fn

    return register


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", default=argparse.SUPPRESS, help="data directory")
    common.add_argument(
        "--as", dest="as_user", default=argparse.SUPPRESS, help="act as USER (or anonymous)"
    )
    common.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS)
    return common


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("bad_date", value=value)) from None


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="lontar", parents=[common], description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init", parents=[common], help="create a repository")
    p.add_argument("--demo", action="store_true", help="fill it with the demo Pemda")
    p.add_argument("--code", default="ID-PEMDA")
    p.add_argument("--name", default="Pemerintah Daerah")

    p = sub.add_parser("unit", parents=[common], help="manage units")
    unit_sub = p.add_subparsers(dest="unit_command", required=True)
    add = unit_sub.add_parser("add", parents=[common], help="add a unit (OPD or sub-unit)")
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--parent")
    block = unit_sub.add_parser("block", parents=[common], help="stop grants from above")
    block.add_argument("code")
    block.add_argument("--off", action="store_true", help="let grants from above in again")

    p = sub.add_parser("user", parents=[common], help="manage accounts")
    user_sub = p.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", parents=[common], help="add an account")
    add.add_argument("name")
    add.add_argument("--role", action="append", required=True, choices=ROLES)
    add.add_argument("--unit", help="the roles hold in this unit and below (else everywhere)")
    add.add_argument("--clearance", choices=SECURITY_CLASSES, default="B")
    add.add_argument("--full-name", default="")
    add.add_argument("--password-file", required=True, help="first line is the password")
    grant = user_sub.add_parser("grant", parents=[common], help="set roles in a unit")
    grant.add_argument("name")
    grant.add_argument("--role", action="append", default=[], choices=ROLES)
    grant.add_argument("--unit")
    p = sub.add_parser("users", parents=[common], help="list accounts")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("share", parents=[common], help="share a record read-only")
    p.add_argument("id")
    p.add_argument("--with", dest="target", required=True, help="unit code or account name")
    p.add_argument("--until", type=_date, help="last day of the share")
    p.add_argument("--remove", action="store_true", help="withdraw the share")

    p = sub.add_parser("audit", parents=[common], help="the audit trail")
    audit_sub = p.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", parents=[common], help="check the hash chain")
    verify.add_argument("--json", action="store_true")
    listing = audit_sub.add_parser("list", parents=[common], help="entries, filtered")
    for name in ("actor", "action", "target"):
        listing.add_argument(f"--{name}")
    listing.add_argument("--since", type=_date)
    listing.add_argument("--until", type=_date)
    listing.add_argument("--json", action="store_true")

    _workbench_parsers(sub, common)

    p = sub.add_parser("units", parents=[common], help="list units")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("import", parents=[common], help="import files and folders")
    p.add_argument("paths", nargs="+")
    p.add_argument("--unit", required=True)
    p.add_argument("--into", help="id of the berkas (or series, fonds) to file into")
    p.add_argument("--title")
    p.add_argument("--date", type=_date)
    p.add_argument("--classification", default="")
    p.add_argument("--security", choices=SECURITY_CLASSES, default="B")
    p.add_argument("--no-wait", action="store_true", help="return once stored, before indexing")
    p.add_argument("--timeout", type=float, default=900.0)
    p.add_argument("--json", action="store_true")

    search_args = argparse.ArgumentParser(add_help=False)
    search_args.add_argument("query", nargs="?", default="")
    search_args.add_argument("--unit")
    search_args.add_argument("--level", choices=LEVELS)
    search_args.add_argument("--classification", help="classification code prefix")
    search_args.add_argument("--from", dest="date_from", type=_date)
    search_args.add_argument("--to", dest="date_to", type=_date)
    search_args.add_argument("--security", action="append", choices=SECURITY_CLASSES, default=[])
    search_args.add_argument("--flag", action="append", default=[])
    search_args.add_argument("--sort", choices=SORTS, default="relevance")
    p = sub.add_parser("search", parents=[common, search_args], help="full-text search")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--size", type=int, default=20)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", parents=[common, search_args], help="export every hit of a search")
    p.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    p.add_argument("--out", help="file to write (default: standard output)")

    p = sub.add_parser("show", parents=[common], help="show one record")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    sub.add_parser("reindex", parents=[common], help="rebuild the index from the repository")
    sub.add_parser(
        "pack", parents=[common], help="drop old revisions from storage and rebuild the index"
    )

    p = sub.add_parser("check", parents=[common], help="compare repository and index")
    p.add_argument("--repair", action="store_true")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("serve", parents=[common], help="run ZEO, the worker and the app")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="localhost")
    p.add_argument("--demo-on-first-start", action="store_true")
    return parser


def _workbench_parsers(sub, common) -> None:
    p = sub.add_parser("scheme", parents=[common], help="classification schemes")
    scheme_sub = p.add_subparsers(dest="scheme_command", required=True)
    load = scheme_sub.add_parser("import", parents=[common], help="load a scheme version (CSV)")
    load.add_argument("file")
    load.add_argument("--version", dest="scheme_version", help="default: the file name")
    scheme_sub.add_parser("versions", parents=[common], help="list scheme versions")
    p = sub.add_parser("jra", parents=[common], help="the retention schedule")
    jra_sub = p.add_subparsers(dest="jra_command", required=True)
    jra_sub.add_parser("import", parents=[common], help="load JRA rows (CSV)").add_argument("file")
    jra_sub.add_parser("export", parents=[common], help="print the JRA as CSV")
    p = sub.add_parser("classify", parents=[common], help="file a record under a code")
    p.add_argument("id")
    p.add_argument("code")
    p = sub.add_parser("event", parents=[common], help="record a retention trigger event")
    p.add_argument("id")
    p.add_argument("name")
    p.add_argument("--date", type=_date)
    p = sub.add_parser("hold", parents=[common], help="put a legal hold on a record")
    p.add_argument("id")
    p.add_argument("--reason", default="")
    p.add_argument("--release", metavar="KEY", help="lift this hold instead")
    p = sub.add_parser("transfer", parents=[common], help="transfers (pemindahan)")
    transfer_sub = p.add_subparsers(dest="transfer_command", required=True)
    propose = transfer_sub.add_parser("propose", parents=[common], help="list records to move")
    propose.add_argument("--from", dest="source", required=True)
    propose.add_argument("--to", dest="target", required=True)
    propose.add_argument("--on", type=_date)
    propose.add_argument("ids", nargs="*", help="default: every record due for transfer")
    sign = transfer_sub.add_parser("sign", parents=[common], help="a head signs off")
    sign.add_argument("id")
    sign.add_argument("--side", choices=("sender", "receiver"), required=True)
    transfer_sub.add_parser("show", parents=[common], help="the transfer").add_argument("id")
    report = transfer_sub.add_parser("report", parents=[common], help="berita acara (PDF)")
    report.add_argument("id")
    report.add_argument("--out", required=True)
    _disposal_parsers(sub, common)
    from repository.cli import ppid as cli_ppid

    cli_ppid.add_parsers(sub, common)
    COMMANDS["ppid"] = cli_ppid.cmd_ppid
    p = sub.add_parser("vital", parents=[common], help="vital records")
    vital_sub = p.add_subparsers(dest="vital_command", required=True)
    mark = vital_sub.add_parser("mark", parents=[common], help="mark or update a vital record")
    mark.add_argument("id")
    mark.add_argument("--method", default="", help="Duplikasi, Pemencaran, Penyimpanan khusus")
    mark.add_argument("--copy-location", default="")
    mark.add_argument("--verified", type=_date, help="date the copy was last checked")
    vital_sub.add_parser("unmark", parents=[common], help="no longer vital").add_argument("id")
    vital_sub.add_parser("list", parents=[common], help="the register, as JSON")
    p = sub.add_parser("retention", parents=[common], help="retention lists")
    retention_sub = p.add_subparsers(dest="retention_command", required=True)
    due = retention_sub.add_parser("due", parents=[common], help="records due, per list")
    due.add_argument("--unit")
    due.add_argument("--on", type=_date)
    due.add_argument("--json", action="store_true")


def _disposal_parsers(sub, common) -> None:
    p = sub.add_parser("destroy", parents=[common], help="destruction (pemusnahan)")
    steps = p.add_subparsers(dest="destroy_command", required=True)
    propose = steps.add_parser("propose", parents=[common], help="draw up the DAUM")
    propose.add_argument("--unit", required=True)
    propose.add_argument("--on", type=_date)
    propose.add_argument("ids", nargs="*", help="default: every record due for destruction")
    objection = steps.add_parser("object", parents=[common], help="object to one record")
    objection.add_argument("id")
    objection.add_argument("record")
    objection.add_argument("--reason", required=True)
    dismiss = steps.add_parser("dismiss", parents=[common], help="dismiss an objection")
    dismiss.add_argument("id")
    dismiss.add_argument("record")
    appraise = steps.add_parser("appraise", parents=[common], help="the panel's decision")
    appraise.add_argument("id")
    appraise.add_argument("--panel", action="append", required=True, help="'name; position'")
    appraise.add_argument(
        "--keep", action="append", default=[], help="'record id; reason[; years]' (none: for good)"
    )
    approve = steps.add_parser("approve", parents=[common], help="record the approval")
    approve.add_argument("id")
    approve.add_argument("--authority", choices=("kepala_daerah", "kepala_anri"), required=True)
    approve.add_argument("--decree", required=True, help="the decree number")
    approve.add_argument("--date", type=_date)
    approve.add_argument("--approver", required=True, help="the approving official's name")
    steps.add_parser("execute", parents=[common], help="destroy for good").add_argument("id")
    steps.add_parser("show", parents=[common], help="the list and its state").add_argument("id")
    report = steps.add_parser("report", parents=[common], help="DAUM or berita acara (PDF)")
    report.add_argument("id")
    report.add_argument("--daum", action="store_true", help="the proposal list instead")
    report.add_argument("--out", required=True)
    p = sub.add_parser("handover", parents=[common], help="hand-over (penyerahan) to the LKD")
    steps = p.add_subparsers(dest="handover_command", required=True)
    propose = steps.add_parser("propose", parents=[common], help="list permanent records")
    propose.add_argument("--from", dest="source", required=True)
    propose.add_argument("--to", dest="target", required=True, help="the LKD's unit")
    propose.add_argument("--on", type=_date)
    propose.add_argument("ids", nargs="*", help="default: every record due for hand-over")
    sign = steps.add_parser("sign", parents=[common], help="a head signs off")
    sign.add_argument("id")
    sign.add_argument("--side", choices=("sender", "receiver"), required=True)
    steps.add_parser("show", parents=[common], help="the hand-over").add_argument("id")
    bag = steps.add_parser("bag", parents=[common], help="write the validated BagIt bag")
    bag.add_argument("id")
    bag.add_argument("--out", required=True, help="folder for the bag and its zip")
    report = steps.add_parser("report", parents=[common], help="berita acara (PDF)")
    report.add_argument("id")
    report.add_argument("--statement", action="store_true", help="the authenticity statement")
    report.add_argument("--out", required=True)


def _pairs(values: list[str]) -> list[tuple[str, str]]:
    """'a; b' arguments as (a, b)."""
    found = []
    for value in values:
        first, _, second = value.partition(";")
        found.append((first.strip(), second.strip()))
    return found


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _service(args):
    """The service, and `args.caller` resolved against its accounts."""
    from repository.app import Lontar

    service = Lontar(Home.resolve(getattr(args, "home", None)))
    args.caller = _caller(service, getattr(args, "as_user", None))
    return service


def _caller(service, name: str | None) -> Caller:
    origin = f"cli:{getpass.getuser()}@{socket.gethostname()}"
    if name is None:
        return dataclasses.replace(ADMIN, origin=origin)
    if name.lower() in ("anonymous", "publik"):
        return dataclasses.replace(ANONYMOUS, origin=origin)
    caller = service.access.caller(name.lower(), origin)
    if caller.anonymous:
        service.close()
        raise InvalidInput("unknown_account", name=name)
    return caller


@command("init")
def cmd_init(args) -> int:
    from repository.demo.builder import build_demo

    with _service(args) as service:
        if args.demo:
            summary = build_demo(service)
            print(translate("demo_accounts", home=service.home.path), f"({summary['records']})")
            _print_demo_accounts(service)
        else:
            service.init(args.code, args.name)
            print(f"{args.code}: {args.name} ({service.home.path})")
        print(translate("master_key_created", path=service.keyring.path))
    return 0


@command("unit")
def cmd_unit(args) -> int:
    with _service(args) as service:
        if args.unit_command == "block":
            service.access.set_blocking(args.caller, args.code, not args.off)
            print(f"{args.code.upper()}: {'inherits' if args.off else 'blocks'} grants from above")
            return 0
        row = service.records.add_unit(args.caller, args.code, args.name, args.parent)
    print(f"{row['code']}: {row['name']}")
    return 0


@command("user")
def cmd_user(args) -> int:
    with _service(args) as service:
        if args.user_command == "grant":
            service.access.grant(args.caller, args.name, args.unit, set(args.role))
            print(f"{args.name}: {', '.join(args.role) or '-'} @ {args.unit or '*'}")
            return 0
        password = _read_password(args.password_file)
        details = {"unit": args.unit or "", "clearance": args.clearance}
        name = service.access.add_account(
            args.caller, args.name, password, set(args.role), full_name=args.full_name, **details
        )
    print(f"{name}: {', '.join(args.role)} @ {args.unit or '*'}, clearance {args.clearance}")
    return 0


def _read_password(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.readline().rstrip("\r\n")
    except OSError as exc:
        raise InvalidInput("unreadable_file", path=path, detail=exc.strerror) from None


@command("users")
def cmd_users(args) -> int:
    with _service(args) as service:
        rows = service.access.accounts(args.caller)
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        grants = "; ".join(f"{u}: {', '.join(r)}" for u, r in row["grants"].items())
        print(f"{row['name']:<16} {row['clearance']:<2} {grants}")
    return 0


@command("share")
def cmd_share(args) -> int:
    with _service(args) as service:
        if args.remove:
            service.access.unshare(args.caller, args.id, args.target)
            service.index.catch_up(ocr=False)
            print(f"{args.id}: no longer shared with {args.target}")
            return 0
        principal = service.access.share(args.caller, args.id, args.target, args.until)
        service.index.catch_up(ocr=False)  # return once search shows it, as import does
    print(f"{args.id}: shared with {principal} until {args.until or '-'}")
    return 0


@command("audit")
def cmd_audit(args) -> int:
    with _service(args) as service:
        if args.audit_command == "verify":
            verdict = service.access.audit_verify()
            result = {
                "intact": verdict.intact,
                "entries": verdict.count,
                "head": verdict.head,
                "problems": verdict.problems,
            }
        else:
            filters = {k: getattr(args, k) for k in ("actor", "action", "target", "since", "until")}
            result = service.access.audit_entries(args.caller, **filters)
    if args.json:
        _print_json(result)
    elif args.audit_command == "verify":
        print(f"entries {result['entries']}, head {result['head'] or '-'}")
        for problem in result["problems"]:
            print(f"line {problem['line']}: {problem['problem']}")
        print("intact" if result["intact"] else "TAMPERED")
    else:
        for entry in result:
            print(
                f"{entry['seq']:>6} {entry['at']} {entry['actor']:<12} {entry['action']:<14} "
                f"{entry['target']} {entry['origin']}"
            )
    return 0 if args.audit_command != "verify" or result["intact"] else 1


@command("scheme")
def cmd_scheme(args) -> int:
    with _service(args) as service:
        if args.scheme_command == "versions":
            _print_json(service.workbench.scheme_versions())
            return 0
        path = Path(args.file)
        loaded = service.workbench.load_scheme(
            args.caller, path.read_text(encoding="utf-8"), args.scheme_version or path.stem
        )
    print(f"{loaded['version']}: {loaded['codes']}")
    return 0


@command("jra")
def cmd_jra(args) -> int:
    with _service(args) as service:
        if args.jra_command == "export":
            sys.stdout.write(service.workbench.export_jra())
            return 0
        count = service.workbench.load_jra(args.caller, Path(args.file).read_text(encoding="utf-8"))
    print(count)
    return 0


@command("classify")
def cmd_classify(args) -> int:
    with _service(args) as service:
        _print_json(service.workbench.classify(args.caller, args.id, args.code))
    return 0


@command("event")
def cmd_event(args) -> int:
    with _service(args) as service:
        _print_json(service.workbench.retention_event(args.caller, args.id, args.name, args.date))
    return 0


@command("hold")
def cmd_hold(args) -> int:
    with _service(args) as service:
        if args.release:
            service.workbench.release_hold(args.caller, args.id, args.release)
            return 0
        print(service.workbench.hold(args.caller, args.id, args.reason))
    return 0


@command("transfer")
def cmd_transfer(args) -> int:
    with _service(args) as service:
        if args.transfer_command == "propose":
            found = service.disposal.propose_transfer(
                args.caller, args.source, args.target, args.ids or None, args.on
            )
        elif args.transfer_command == "sign":
            found = service.disposal.sign_transfer(args.caller, args.id, args.side)
        elif args.transfer_command == "report":
            Path(args.out).write_bytes(service.disposal.transfer_report(args.caller, args.id))
            return 0
        else:
            found = service.disposal.transfer(args.caller, args.id)
    _print_json(found)
    return 0


@command("destroy")
def cmd_destroy(args) -> int:
    step = args.destroy_command
    with _service(args) as service:
        if step == "propose":
            found = service.disposal.propose_destruction(
                args.caller, args.unit, args.ids or None, args.on
            )
        elif step == "object":
            service.disposal.object_to_destruction(args.caller, args.id, args.record, args.reason)
            return 0
        elif step == "dismiss":
            service.disposal.dismiss_objection(args.caller, args.id, args.record)
            return 0
        elif step == "appraise":
            from repository.disposal.destruction import parse_keep

            keep, years = parse_keep(args.keep)
            found = service.disposal.appraise_destruction(
                args.caller, args.id, _pairs(args.panel), keep, years
            )
        elif step == "approve":
            found = service.disposal.approve_destruction(
                args.caller, args.id, args.authority, args.decree, args.date, args.approver
            )
        elif step == "execute":
            found = service.disposal.execute_destruction(args.caller, args.id)
        elif step == "report":
            document = "daum" if args.daum else "berita_acara"
            Path(args.out).write_bytes(
                service.disposal.destruction_report(args.caller, args.id, document)
            )
            return 0
        else:
            found = service.disposal.destruction(args.caller, args.id)
    _print_json(found)
    return 0


@command("handover")
def cmd_handover(args) -> int:
    step = args.handover_command
    with _service(args) as service:
        if step == "propose":
            found = service.disposal.propose_transfer(
                args.caller, args.source, args.target, args.ids or None, args.on, kind="handover"
            )
        elif step == "sign":
            found = service.disposal.sign_transfer(args.caller, args.id, args.side)
        elif step == "bag":
            print(service.disposal.handover_bag(args.caller, args.id, Path(args.out)))
            return 0
        elif step == "report":
            document = "statement" if args.statement else ""
            Path(args.out).write_bytes(
                service.disposal.transfer_report(args.caller, args.id, document)
            )
            return 0
        else:
            found = service.disposal.transfer(args.caller, args.id)
    _print_json(found)
    return 0


@command("vital")
def cmd_vital(args) -> int:
    with _service(args) as service:
        if args.vital_command == "list":
            _print_json(service.workbench.vital_register(args.caller))
        elif args.vital_command == "unmark":
            service.workbench.unmark_vital(args.caller, args.id)
        else:
            found = service.workbench.mark_vital(
                args.caller, args.id, args.method, args.copy_location, args.verified
            )
            _print_json(found)
    return 0


@command("retention")
def cmd_retention(args) -> int:
    with _service(args) as service:
        due = service.workbench.retention_due(args.caller, args.unit, args.on)
    if args.json:
        _print_json(due)
        return 0
    for name in ("transfer", "destroy", "handover", "held", "waiting_for_event"):
        print(f"{name}: {len(due[name])}")
        for row in due[name]:
            until = row["inactive_until"] or "-"
            print(f"  {row['id']}  {row['code']:<12} {until}  {row['title']}")
    return 0


@command("units")
def cmd_units(args) -> int:
    with _service(args) as service:
        rows = service.records.units(args.caller)
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(f"{'  ' * row['depth']}{row['code']:<16} {row['records']:>7}  {row['name']}")
    return 0


@command("import")
def cmd_import(args) -> int:
    options = ImportOptions(
        unit=args.unit,
        into=args.into,
        title=args.title,
        date=args.date.isoformat() if args.date else None,
        classification=args.classification,
        security=args.security,
    )

    def progress(number, outcome) -> None:
        if not args.json:
            label = outcome.id or outcome.duplicate_of or "-"
            print(
                f"[{number}] {outcome.status:<9} {label:<9} {outcome.filename}  {outcome.message}"
            )

    with _service(args) as service:
        report = service.ingest.import_files(
            args.caller,
            iter_paths(args.paths),
            options,
            progress=progress,
            wait=not args.no_wait,
            timeout=args.timeout,
        )
    if args.json:
        _print_json(report.as_dict())
    else:
        print(
            f"accepted {len(report.accepted)}, duplicates {len(report.duplicates)}, "
            f"rejected {len(report.rejected)}"
        )
    return 1 if report.rejected else 0


def _request(args) -> SearchRequest:
    return SearchRequest(
        query=args.query,
        unit=args.unit,
        level=args.level,
        classification=args.classification,
        date_from=args.date_from,
        date_to=args.date_to,
        security=tuple(args.security),
        flags=tuple(args.flag),
        sort=args.sort,
        page=getattr(args, "page", 1),
        page_size=getattr(args, "size", 20),
    )


@command("export")
def cmd_export(args) -> int:
    with _service(args) as service:
        data = service.records.export(args.caller, _request(args), args.format)
    if args.out:
        Path(args.out).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


@command("search")
def cmd_search(args) -> int:
    request = _request(args)
    with _service(args) as service:
        result = service.records.search(args.caller, request)
    if args.json:
        _print_json(result.as_dict())
        return 0
    print(f"{result.total} ({result.page}/{result.pages})")
    for hit in result.hits:
        print(f"{hit.id}  {hit.date or '----------'}  {hit.security:<2} {hit.title}")
        print(f"          {_plain(hit.snippet)}")
    return 0


def _plain(snippet: str) -> str:
    import html

    return html.unescape(re.sub(r"</?mark[^>]*>", "*", snippet)).replace("\n", " ")


@command("show")
def cmd_show(args) -> int:
    with _service(args) as service:
        record = service.records.show(args.caller, args.id, args.lang)
    if args.json:
        _print_json(record)
        return 0
    for key in (
        "id",
        "reference_code",
        "level",
        "title",
        "date_start",
        "date_end",
        "classification",
        "security",
        "unit",
        "location",
    ):
        print(f"{key:>15}: {record[key] or ''}")
    for attachment in record["attachments"]:
        flags = ", ".join(flag_label(f, args.lang) for f in attachment["flags"])
        print(
            f"{'file':>15}: {attachment['filename']} ({attachment['media_type']}, "
            f"{attachment['pages']} p, sha256 {attachment['sha256'][:16]}…) {flags}"
        )
    return 0


@command("reindex")
def cmd_reindex(args) -> int:
    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    with _service(args) as service:
        count = service.index.reindex(progress)
    print(f"\nreindexed {count}", file=sys.stderr)
    return 0


@command("pack")
def cmd_pack(args) -> int:
    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    with _service(args) as service:
        count = service.index.pack(args.caller, progress)
    print(f"\npacked; reindexed {count}", file=sys.stderr)
    return 0


@command("check")
def cmd_check(args) -> int:
    with _service(args) as service:
        report = service.index.check(repair=args.repair)
    if args.json:
        _print_json(report.as_dict())
    else:
        print(f"records {report.records}, indexed {report.indexed}, pending {report.pending}")
        for name in ("missing", "stale", "orphans"):
            items = getattr(report, name)
            print(f"{name}: {len(items)}" + (f"  {' '.join(items[:20])}" if items else ""))
    return 0 if report.clean else 1


def _print_demo_accounts(service) -> None:
    """A demo repository says so at every start, with its (public) passwords."""
    from repository.demo.builder import DEMO_ACCOUNTS, demo_account_lines

    demo = {a["name"] for a in service.access.demo_accounts()}
    if demo & {name for name, *_ in DEMO_ACCOUNTS}:
        print(translate("demo_login_banner"), flush=True)
        print("\n".join(demo_account_lines()), flush=True)


@command("serve")
def cmd_serve(args) -> int:
    from repository.run.serve import Supervisor

    home = Home.resolve(getattr(args, "home", None))
    with _service(args) as service:
        if args.demo_on_first_start and not service.initialised():
            from repository.demo.builder import build_demo

            print("lontar: building the demo repository…", flush=True)
            build_demo(service)
            print(translate("demo_accounts", home=home.path), flush=True)
            print(translate("master_key_created", path=service.keyring.path), flush=True)
        if args.demo_on_first_start:
            _print_demo_accounts(service)
        if service.initialised():
            service.verify_key()
            if token := service.access.setup_token():
                url = f"http://{args.address}:{args.port}"
                print(translate("setup_token_banner", url=url, token=token), flush=True)
    return Supervisor(home, args.port, args.address).run(args.port)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "lang", None):
        os.environ["LONTAR_LANG"] = args.lang
    args.lang = getattr(args, "lang", None)
    try:
        return COMMANDS[args.command](args)
    except LontarError as exc:
        print(f"lontar: {exc.message(args.lang)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
