"""`lontar ppid ...`: the PPID's commands, a thin shell over PPIDServices like cli.py."""

from __future__ import annotations

from pathlib import Path

from repository.cli.main import _date, _print_json, _service
from repository.core import exports
from repository.ppid.handling import DECISIONS
from repository.ppid.model import CATEGORIES, EXEMPTIONS


def add_parsers(sub, common) -> None:
    p = sub.add_parser("ppid", parents=[common], help="public information service (PPID)")
    steps = p.add_subparsers(dest="ppid_command", required=True)
    deadline = steps.add_parser("deadline", parents=[common], help="legal due dates")
    deadline.add_argument("--received", type=_date, required=True)
    deadline.add_argument("--objection-filed", type=_date)
    deadline.add_argument("--json", action="store_true")
    report = steps.add_parser("report", parents=[common], help="the annual report")
    report.add_argument("--year", type=int, required=True)
    report.add_argument("--json", action="store_true")
    report.add_argument("--out", help="write the report as PDF")
    steps.add_parser("queue", parents=[common], help="open requests, soonest due first")
    steps.add_parser("show", parents=[common], help="one request").add_argument("number")
    assign = steps.add_parser("assign", parents=[common], help="to a PPID Pelaksana")
    assign.add_argument("number")
    assign.add_argument("--unit", required=True)
    assign.add_argument("--to", dest="assignee", required=True)
    extend = steps.add_parser("extend", parents=[common], help="7 more working days, once")
    extend.add_argument("number")
    extend.add_argument("--reason", required=True)
    concern = steps.add_parser("concern", parents=[common], help="records holding the info")
    concern.add_argument("number")
    concern.add_argument("ids", nargs="+")
    decide = steps.add_parser("decide", parents=[common], help="the written decision")
    decide.add_argument("number")
    decide.add_argument("--decision", choices=DECISIONS, required=True)
    decide.add_argument("--ground", choices=sorted(EXEMPTIONS), default="")
    decide.add_argument("--test", dest="test_id", default="", help="DIK entry id")
    decide.add_argument("--holder", default="")
    decide.add_argument("--redactions", default="")
    decide.add_argument("--form", default="")
    decide.add_argument("--cost", type=int, default=0)
    decide.add_argument("--release", nargs="*", default=[], help="record ids")
    notice = steps.add_parser("notice", parents=[common], help="the written notice (PDF)")
    notice.add_argument("number")
    notice.add_argument("--out", required=True)
    objection = steps.add_parser("objection", parents=[common], help="the Atasan's answer")
    objection.add_argument("number")
    objection.add_argument("--outcome", choices=("accepted", "rejected"), required=True)
    objection.add_argument("--reasons", required=True)
    objection.add_argument("--official", required=True, help="the Atasan PPID's name")
    dispute = steps.add_parser("dispute", parents=[common], help="a Komisi Informasi dispute")
    dispute.add_argument("number", help="the objection's number")
    dispute.add_argument("--filed", type=_date)
    dispute.add_argument("--outcome", default="")
    _list_parsers(steps, common)


def _list_parsers(steps, common) -> None:
    dip = steps.add_parser("dip", parents=[common], help="add to or list the DIP")
    dip.add_argument("action", choices=("add", "list"))
    dip.add_argument("--summary", default="")
    dip.add_argument("--category", choices=CATEGORIES)
    dip.add_argument("--unit", default="")
    dip.add_argument("--responsible", default="")
    dip.add_argument("--made", default="", help="when and where it was made")
    dip.add_argument("--formats", default="")
    dip.add_argument("--records", nargs="*", default=[])
    dik = steps.add_parser("dik", parents=[common], help="add a consequence test or list DIK")
    dik.add_argument("action", choices=("add", "list"))
    dik.add_argument("--information", default="")
    dik.add_argument("--ground", choices=sorted(EXEMPTIONS))
    dik.add_argument("--legal-basis", default="")
    dik.add_argument("--harm", default="")
    dik.add_argument("--public-interest", default="")
    dik.add_argument("--years", type=int, default=0)
    dik.add_argument("--decree", default="")
    dik.add_argument("--unit", default="")
    dik.add_argument("--records", nargs="*", default=[])
    day = steps.add_parser("dayoff", parents=[common], help="an agency day off (or --working)")
    day.add_argument("date", type=_date)
    day.add_argument("--reason", default="")
    day.add_argument("--working", action="store_true", help="a listed holiday worked instead")
    registers = steps.add_parser("registers", parents=[common], help="request/objection registers")
    registers.add_argument("--format", choices=exports.FORMATS, default="json")
    registers.add_argument("--objections", action="store_true", help="the objection register")
    registers.add_argument("--out")


def cmd_ppid(args) -> int:
    step = args.ppid_command
    with _service(args) as service:
        if step == "deadline":
            found = service.ppid.ppid_deadlines(args.received, args.objection_filed)
            if not args.json:
                for key, value in found.items():
                    print(f"{key}: {value}")
                return 0
        elif step == "report":
            if args.out:
                Path(args.out).write_bytes(service.ppid.ppid_report_pdf(args.caller, args.year))
                return 0
            found = service.ppid.ppid_report(args.caller, args.year)
        elif step == "notice":
            Path(args.out).write_bytes(service.ppid.notice(args.caller, args.number))
            return 0
        elif step == "registers":
            return _registers(service, args)
        else:
            found = STEPS[step](service, args)
    _print_json(found)
    return 0


def _registers(service, args) -> int:
    rows = service.ppid.ppid_registers(args.caller)["objections" if args.objections else "requests"]
    data = exports.encode(rows, args.format, list(rows[0]) if rows else ["number"])
    if args.out:
        Path(args.out).write_bytes(data)
    else:
        print(data.decode("utf-8-sig"))
    return 0


def _decide(service, a):
    return service.ppid.decide_request(
        a.caller,
        a.number,
        kind=a.decision,
        ground=a.ground,
        test_id=a.test_id,
        holder=a.holder,
        redactions=a.redactions,
        form=a.form,
        cost=a.cost,
        released=a.release,
    )


def _dip(service, a):
    if a.action == "list":
        return service.ppid.dip_list(a.caller)
    fields = {
        "summary": a.summary,
        "category": a.category,
        "unit": a.unit,
        "responsible": a.responsible,
        "made": a.made,
        "formats": a.formats,
        "record_ids": a.records,
    }
    return service.ppid.save_dip(a.caller, fields)


def _dik(service, a):
    if a.action == "list":
        return service.ppid.dik_list(a.caller)
    fields = {
        "information": a.information,
        "ground": a.ground,
        "legal_basis": a.legal_basis,
        "harm": a.harm,
        "public_interest": a.public_interest,
        "years": a.years,
        "decree": a.decree,
        "unit": a.unit,
        "record_ids": a.records,
    }
    return service.ppid.save_dik(a.caller, fields)


def _dayoff(service, a):
    service.ppid.set_day_off(a.caller, a.date, a.reason, a.working)
    return {"date": a.date.isoformat(), "working": a.working}


STEPS = {
    "queue": lambda s, a: s.ppid.ppid_queue(a.caller),
    "show": lambda s, a: s.ppid.ppid_request(a.caller, a.number),
    "assign": lambda s, a: s.ppid.assign_request(a.caller, a.number, a.unit, a.assignee),
    "extend": lambda s, a: s.ppid.extend_request(a.caller, a.number, a.reason),
    "concern": lambda s, a: s.ppid.concern_records(a.caller, a.number, a.ids),
    "decide": _decide,
    "objection": lambda s, a: s.ppid.decide_objection(
        a.caller, a.number, a.outcome, a.reasons, a.official
    ),
    "dispute": lambda s, a: s.ppid.record_dispute(a.caller, a.number, a.filed, a.outcome),
    "dip": _dip,
    "dik": _dik,
    "dayoff": _dayoff,
}
