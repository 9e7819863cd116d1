"""`lontar position|signing|letter|lettertype|lettergroup|kop ...`: outgoing official
letters (naskah dinas keluar) from the command line. Positions sign, not logins; the Pemda's
CA enrols signers; a letter goes draft → paraf → signature (number and date given then) →
send. Every command acts as `--as USER` (the administrator by default), so a verifier or a
signer runs it as themselves. Passphrases are read from a file or standard input, never from
an argument (which `ps` and the shell's history would show), and never echoed. Service:
`lontar.letters`.
"""

from __future__ import annotations

import re
import sys

import click

from repository.app import exports, formatting
from repository.cli.common import (
    DATE,
    MAX_YEAR,
    LontarGroup,
    language,
    open_service,
    print_json,
    read_text,
    write_bytes,
)
from repository.core.errors import InvalidInput, RecordNotFound
from repository.letters.model import ACTING, FONTS, LAYOUTS, PAPERS, SCOPES, SIFAT, URGENCY

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
TARGET_KINDS = ("position", "unit", "group", "external")
SIGNED_STATES = ("signed", "sent")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}\S*)?")


# -- output ---------------------------------------------------------------------------------------
def show(data: object, as_json: bool) -> None:
    """JSON for scripts (ISO moments); otherwise one `key: value` line per field (or per
    row), moments in words in the reader's language and zone."""
    if as_json:
        print_json(data)
    elif isinstance(data, dict):
        for key, value in data.items():
            click.echo(f"{key}: {_flat(value)}")
    elif isinstance(data, list):
        for row in data:
            click.echo(_flat(row))
    elif data is not None:
        click.echo(data)


def _flat(value: object) -> str:
    if isinstance(value, dict):
        return "  ".join(f"{k}={_flat(v)}" for k, v in value.items() if not isinstance(v, dict))
    if isinstance(value, list | tuple):
        return ", ".join(_flat(v) for v in value)
    if isinstance(value, str) and ISO_MOMENT.fullmatch(value):
        return formatting.datetime_text(value, language())
    return "" if value is None else str(value)


def read_secret(path: str) -> str:
    """The first line of a file, or of standard input for `-`: the trailing newline is not
    part of the passphrase."""
    if path == "-":
        return sys.stdin.readline().rstrip("\r\n")
    return read_text(path, first_line=True)


def read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InvalidInput("unreadable_file", path=path, detail=exc.strerror) from None


# -- positions ------------------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def position() -> None:
    """Positions (jabatan): who signs, verifies and receives letters.

    \b
    Examples:
      lontar position add DINKES.KADIS --unit DINKES --name "Kepala Dinas Kesehatan" \\
          --holder kadinkes --abbreviation KADIS --rank 1
      lontar position acting DINKES.KADIS --kind Plt --user sekdinkes \\
          --from 2026-12-01 --to 2026-12-31
      lontar position list --unit DINKES
    """


@position.command("add")
@click.argument("code")
@click.option("--unit", required=True, metavar="CODE", help="The unit the position is in.")
@click.option("--name", required=True, help='Its title, e.g. "Kepala Dinas Kesehatan".')
@click.option("--parent", default="", metavar="CODE", help="The superior position.")
@click.option("--holder", default="", metavar="USER", help="The account that holds it.")
@click.option("--abbreviation", default="", help="The {jabatan} token of numbers (KADIS).")
@click.option(
    "--rank",
    type=click.IntRange(0, 9),
    default=0,
    show_default=True,
    help="1 head of an OPD, 2 sekretaris/kabid, 3 kasubbag/kasi, 4 staff.",
)
@JSON
def position_add(code, unit, name, parent, holder, abbreviation, rank, as_json) -> None:
    """Add a position to a unit, or change one (the same CODE again)."""
    with open_service() as (lontar, caller):
        saved = lontar.letters.save_position(
            caller,
            code,
            unit=unit,
            name=name,
            parent=parent,
            holder=holder,
            abbreviation=abbreviation,
            rank=rank,
        )
    show(saved, as_json)


@position.command("list")
@click.option("--unit", default=None, metavar="CODE", help="Only this unit's positions.")
@JSON
def position_list(unit: str | None, as_json: bool) -> None:
    """List positions with their holders and acting holders."""
    with open_service() as (lontar, caller):
        found = lontar.letters.positions(caller, unit)
    show(found, as_json)


@position.command("mine")
@JSON
def position_mine(as_json: bool) -> None:
    """The positions the caller holds or acts for today."""
    with open_service() as (lontar, caller):
        found = lontar.letters.my_positions(caller)
    show(found, as_json)


@position.command("acting")
@click.argument("code")
@click.option("--kind", type=click.Choice(ACTING), help="Plt or Plh.")
@click.option("--user", "account", metavar="USER", help="The acting holder's account.")
@click.option("--from", "start", type=DATE, help="First day (YYYY-MM-DD).")
@click.option("--to", "end", type=DATE, help="Last day (YYYY-MM-DD).")
@click.option("--clear", is_flag=True, help="Remove the acting holders instead.")
@JSON
def position_acting(code, kind, account, start, end, clear, as_json) -> None:
    """Name an acting holder (Plt/Plh) for a period, or --clear them.

    A letter signed by an acting holder prints "Plt." or "Plh." before the title.
    """
    if not clear and not (kind and account and start and end):
        raise click.UsageError("--kind, --user, --from and --to are required (or --clear)")
    with open_service() as (lontar, caller):
        if clear:
            lontar.letters.clear_acting(caller, code)
        else:
            lontar.letters.set_acting(caller, code, kind, account, start, end)
        found = [p for p in lontar.letters.positions(caller) if p.get("code") == code]
    show(found[0] if found else {"code": code}, as_json)


# -- signing set-up -------------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def signing() -> None:
    """Electronic signatures: the Pemda's CA and its signers.

    \b
    Examples:
      lontar signing init
      lontar signing enrol kadinkes --passphrase-file rahasia.txt --nik 3273010101800001
      printf '%s\\n' "$PASS" | lontar signing enrol kadinkes --passphrase-file -
      lontar signing status
    """


@signing.command("init")
@JSON
def signing_init(as_json: bool) -> None:
    """Make the Pemda's own CA (once) for local signatures."""
    with open_service() as (lontar, caller):
        show(lontar.letters.signing_init(caller), as_json)


@signing.command("enrol")
@click.argument("account", metavar="USER")
@click.option(
    "--passphrase-file",
    required=True,
    metavar="FILE",
    help="File whose first line is the signer's passphrase ('-': standard input).",
)
@click.option("--nik", default="", help="The signer's NIK (for the national service).")
@JSON
def signing_enrol(account: str, passphrase_file: str, nik: str, as_json: bool) -> None:
    """Issue a signer's certificate, protected by their passphrase (never stored)."""
    secret = read_secret(passphrase_file)
    with open_service() as (lontar, caller):
        show(lontar.letters.enrol(caller, account, secret, nik=nik), as_json)


@signing.command("status")
@JSON
def signing_status(as_json: bool) -> None:
    """The provider, the CA and the enrolled signers."""
    with open_service() as (lontar, caller):
        show(lontar.letters.signing_status(caller), as_json)


# -- letter types ---------------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def lettertype() -> None:
    """The catalogue of naskah dinas types: layout, font, paper, numbering, template.

    \b
    Examples:
      lontar lettertype list
      lontar lettertype set surat_dinas --paper F4 --pattern "{kka}/{urut}/{unit}/{tahun}"
      lontar lettertype template surat_dinas --file surat.html
    """


@lettertype.command("list")
@JSON
def lettertype_list(as_json: bool) -> None:
    """List the types."""
    with open_service() as (lontar, caller):
        found = lontar.letters.letter_types(caller)
    if as_json:
        print_json(found)
        return
    for row in found:
        click.echo(f"{row.get('code', '')}\t{row.get('group', '')}\t{row.get('name', '')}")


@lettertype.command("show")
@click.argument("code")
@JSON
def lettertype_show(code: str, as_json: bool) -> None:
    """Show one type's settings."""
    with open_service() as (lontar, caller):
        found = [t for t in lontar.letters.letter_types(caller) if t.get("code") == code]
        if not found:
            lontar.letters.type_template(caller, code)  # the service's words for an unknown type
            raise RecordNotFound(id=code)
    show(found[0], as_json)


def _ranks(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    try:
        return tuple(int(part) for part in value.replace(",", " ").split())
    except ValueError:
        raise click.BadParameter(value) from None


@lettertype.command("set")
@click.argument("code")
@click.option("--name", help="Its name (a new type needs one).")
@click.option(
    "--group", "group_", help="pengaturan, penetapan, penugasan, korespondensi or khusus."
)
@click.option("--layout", type=click.Choice(LAYOUTS), help="Nomor/Hal block, or a centred title.")
@click.option("--font", type=click.Choice(FONTS), help="Arial (Liberation) or Bookman (Bonum).")
@click.option("--paper", type=click.Choice(PAPERS), help="Paper size.")
@click.option("--pattern", help="Numbering pattern, e.g. {kka}/{urut}/{unit}/{tahun}.")
@click.option("--scope", type=click.Choice(SCOPES), help="What one counter covers (per year).")
@click.option("--padding", type=click.IntRange(0, 9), help="Digits of {urut} (0: none).")
@click.option(
    "--signer-ranks", callback=_ranks, metavar="N,N", help="Ranks that may sign ('' = any)."
)
@click.option("--atas-nama/--no-atas-nama", default=None, help="Print a.n. for a delegate.")
@click.option("--active/--inactive", default=None, help="Offered for new letters or not.")
@JSON
def lettertype_set(code: str, as_json: bool, **options) -> None:
    """Add a type or change some of its settings; unnamed settings stay as they are."""
    fields = {key: value for key, value in options.items() if value is not None}
    if "group_" in fields:
        fields["group"] = fields.pop("group_")
    with open_service() as (lontar, caller):
        show(lontar.letters.save_type(caller, code, fields), as_json)


@lettertype.command("template")
@click.argument("code")
@click.option("--file", "path", metavar="FILE", help="A Jinja2 HTML template to use (checked).")
@click.option("--builtin", is_flag=True, help="Go back to the layout's built-in template.")
def lettertype_template(code: str, path: str | None, builtin: bool) -> None:
    """Print a type's template, or replace it with --file (checked before it is saved)."""
    with open_service() as (lontar, caller):
        if path or builtin:
            source = read_text(path) if path else ""
            lontar.letters.save_type(caller, code, {"template": source})
            click.echo(f"{code}: {'template' if path else 'builtin'}")
            return
        click.echo(lontar.letters.type_template(caller, code), nl=False)


# -- recipient groups and letterheads -------------------------------------------------------------
@click.group(cls=LontarGroup)
def lettergroup() -> None:
    """Recipient groups: one name for many addressees (semua_opd, camat_se_kota).

    \b
    Examples:
      lontar lettergroup list
      lontar lettergroup set kesehatan --name "Dinas dan Puskesmas" \\
          --member DINKES DINKES.KADIS "external:RSUD Kota Uji, Jalan Sehat 1"
    """


@lettergroup.command("list")
@JSON
def lettergroup_list(as_json: bool) -> None:
    """List the groups and their members."""
    with open_service() as (lontar, caller):
        found = lontar.letters.groups(caller)
    if as_json:
        print_json(found)
        return
    for row in found:
        members = "; ".join(m["label"] for m in row["members"])
        click.echo(f"{row['code']}\t{row['name']}\t{members}")


@lettergroup.command("set", greedy=("--member",))
@click.argument("code")
@click.option("--name", required=True, help="The group's name, as letters print it.")
@click.option(
    "--member",
    "members",
    multiple=True,
    required=True,
    metavar="TARGET...",
    help="Positions, units or external addressees (not other groups); all of them.",
)
@JSON
def lettergroup_set(code: str, name: str, members: tuple[str, ...], as_json: bool) -> None:
    """Add a group, or replace one's name and members (the same CODE again)."""
    with open_service() as (lontar, caller):
        saved = lontar.letters.save_group(caller, code, name, _targets(lontar, caller, members))
    show(saved, as_json)


@click.group(cls=LontarGroup)
def kop() -> None:
    """Letterheads (kop surat): a unit's own, or the Pemda's (UNIT '*') for units without one.

    \b
    Examples:
      lontar kop show DINKES
      lontar kop set DINKES --line "PEMERINTAH KOTA UJI" "DINAS KESEHATAN" \\
          --address "Jalan Sehat 1, Kota Uji" --contact "Telp. (0274) 123456" --logo logo.png
    """


def _unit(value: str) -> str:
    """'*' names the Pemda's own kop (stored under "")."""
    return "" if value.strip() == "*" else value.strip()


def _kop_shown(found: dict) -> dict:
    """The logo as its type and size: its bytes are no text to print."""
    logo = found.get("logo") or b""
    return {**found, "logo": len(logo), "logo_type": found.get("logo_type", "") if logo else ""}


@kop.command("show")
@click.argument("unit")
@JSON
def kop_show(unit: str, as_json: bool) -> None:
    """Show the kop a unit's letters print (its own, else the Pemda's)."""
    with open_service() as (lontar, caller):
        show(_kop_shown(lontar.letters.kop(caller, _unit(unit))), as_json)


@kop.command("set", greedy=("--line",))
@click.argument("unit")
@click.option(
    "--line", "lines", multiple=True, required=True, metavar="TEXT...", help="Its lines, in order."
)
@click.option("--address", default=None, help="The address line (kept when not given).")
@click.option("--contact", default=None, help="Telephone, e-mail, website (kept when not given).")
@click.option(
    "--logo", default=None, metavar="FILE", help="A PNG, JPEG or SVG logo (kept when not given)."
)
@JSON
def kop_set(unit, lines, address, contact, logo, as_json) -> None:
    """Set a unit's kop (UNIT '*': the Pemda's); what is not given stays as the unit's own kop
    has it, so changing the address does not drop the logo."""
    data = read_file(logo) if logo else None
    code = _unit(unit)
    with open_service() as (lontar, caller):
        current = lontar.letters.kop(caller, code)
        kept = current if current["own"] else {}
        lontar.letters.save_kop(
            caller,
            code,
            list(lines),
            kept.get("address", "") if address is None else address,
            kept.get("contact", "") if contact is None else contact,
            kept.get("logo", b"") if data is None else data,
            kept.get("logo_type", "") if data is None else logo.rsplit(".", 1)[-1],
        )
        saved = lontar.letters.kop(caller, code)
    show(_kop_shown(saved), as_json)


# -- letters --------------------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def letter() -> None:
    """Outgoing letters: draft, paraf, sign, send, verify.

    Recipients and copies are positions, units, groups or external addressees:
    a code alone (DINKES.KADIS, DINKES, semua_opd) or with its kind (position:CODE,
    unit:CODE, group:CODE, "external:Name, address").

    \b
    Examples:
      lontar letter draft --unit DINKES --type surat_dinas --hal "Undangan rapat" \\
          --body-file isi.txt --signer DINKES.KADIS --verifier DINKES.SEKDIS \\
          --to semua_opd --cc "external:Inspektorat Provinsi"
      lontar letter approve 4kq2x7ab --as sekdinkes
      lontar letter sign 4kq2x7ab --version 2 --passphrase-file rahasia.txt --as kadinkes
      lontar letter send 4kq2x7ab
      lontar letter verify surat.pdf
    """


def _targets(lontar, caller, values: tuple[str, ...]) -> list[str]:
    return [_target(lontar, caller, value) for value in values]


def _target(lontar, caller, value: str) -> str:
    """A bare code becomes the position, unit or group of that code (in that order); a value
    with its kind, or one that names nothing, goes to the service as it is."""
    if value.split(":", 1)[0] in TARGET_KINDS:
        return value
    offered = {t["value"] for t in lontar.letters.targets(caller, value)}
    for kind in ("position", "unit", "group"):
        if f"{kind}:{value}" in offered:
            return f"{kind}:{value}"
    return value


@letter.command("draft", greedy=("--to", "--cc", "--verifier"))
@click.option("--unit", required=True, metavar="CODE", help="The unit that sends it.")
@click.option("--type", "type_", required=True, metavar="CODE", help="The naskah dinas type.")
@click.option("--hal", required=True, help="The subject (Hal).")
@click.option("--body-file", required=True, metavar="FILE", help="The body, UTF-8 text.")
@click.option("--signer", required=True, metavar="POSITION", help="The signing position.")
@click.option("--verifier", multiple=True, metavar="POSITION...", help="Verifiers, in order.")
@click.option("--to", "to", multiple=True, required=True, metavar="TARGET...", help="Tujuan.")
@click.option("--cc", multiple=True, metavar="TARGET...", help="Tembusan.")
@click.option("--classification", default="", metavar="CODE", help="The KKA code.")
@click.option(
    "--sifat", type=click.Choice(SIFAT), default="biasa", show_default=True, help="Security."
)
@click.option(
    "--urgency", type=click.Choice(URGENCY), default="biasa", show_default=True, help="Urgency."
)
@click.option("--into", default="", metavar="BERKAS", help="The berkas to file it in.")
@click.option("--attach", multiple=True, metavar="FILE", help="A lampiran file (repeatable).")
@JSON
def letter_draft(type_, body_file, to, cc, verifier, attach, as_json, **fields) -> None:
    """Start a letter (konsep); prints its id."""
    body = read_text(body_file)
    files = [(path, read_file(path)) for path in attach]
    with open_service() as (lontar, caller):
        fields |= {
            "type": type_,
            "body": body,
            "recipients": _targets(lontar, caller, to),
            "copies": _targets(lontar, caller, cc),
            "verifiers": list(verifier),
        }
        letter_id = lontar.letters.draft(caller, fields)
        for path, data in files:
            lontar.letters.attach(caller, letter_id, path.rsplit("/", 1)[-1], data)
    show({"id": letter_id} if as_json else letter_id, as_json)


def _version(lontar, caller, letter_id: str, version: int | None) -> int:
    """The version acted on: the one named, else the current one as the caller sees it."""
    return version or int(lontar.letters.letter(caller, letter_id)["version"])


VERSION = click.option(
    "--version",
    type=click.IntRange(min=1),
    help="The version acted on (default: the current one); a newer one refuses.",
)


@letter.command("submit")
@click.argument("letter_id", metavar="ID")
@JSON
def letter_submit(letter_id: str, as_json: bool) -> None:
    """Send a draft to its verifiers (or straight to the signer)."""
    with open_service() as (lontar, caller):
        show({"id": letter_id, "state": lontar.letters.submit(caller, letter_id)}, as_json)


@letter.command("approve")
@click.argument("letter_id", metavar="ID")
@VERSION
@JSON
def letter_approve(letter_id: str, version: int | None, as_json: bool) -> None:
    """Paraf: approve the letter as its current verifier."""
    with open_service() as (lontar, caller):
        seen = _version(lontar, caller, letter_id, version)
        state = lontar.letters.approve(caller, letter_id, seen)
    show({"id": letter_id, "state": state}, as_json)


@letter.command("return")
@click.argument("letter_id", metavar="ID")
@click.option("--note", required=True, help="What to correct.")
@VERSION
@JSON
def letter_return(letter_id: str, note: str, version: int | None, as_json: bool) -> None:
    """Return the letter to its author with a note."""
    with open_service() as (lontar, caller):
        seen = _version(lontar, caller, letter_id, version)
        state = lontar.letters.send_back(caller, letter_id, note, seen)
    show({"id": letter_id, "state": state}, as_json)


@letter.command("reject")
@click.argument("letter_id", metavar="ID")
@click.option("--note", required=True, help="The reason.")
@JSON
def letter_reject(letter_id: str, note: str, as_json: bool) -> None:
    """Reject the letter for good, with a reason."""
    with open_service() as (lontar, caller):
        show({"id": letter_id, "state": lontar.letters.reject(caller, letter_id, note)}, as_json)


@letter.command("withdraw")
@click.argument("letter_id", metavar="ID")
@JSON
def letter_withdraw(letter_id: str, as_json: bool) -> None:
    """Withdraw your own letter before it is signed."""
    with open_service() as (lontar, caller):
        show({"id": letter_id, "state": lontar.letters.withdraw(caller, letter_id)}, as_json)


@letter.command("sign")
@click.argument("letter_id", metavar="ID")
@click.option(
    "--passphrase-file",
    required=True,
    metavar="FILE",
    help="File whose first line is your passphrase ('-': standard input).",
)
@click.option(
    "--version",
    type=click.IntRange(min=1),
    required=True,
    help="The version you read and sign (`lontar letter show ID`); refused if it is not the "
    "current one.",
)
@JSON
def letter_sign(letter_id: str, passphrase_file: str, version: int, as_json: bool) -> None:
    """Sign: the number and date are given now, the PDF is signed and filed.

    The version is never guessed: a letter changed since you read it is refused, so you
    read the new version (and `lontar letter show ID` says what it is) before signing it."""
    secret = read_secret(passphrase_file)
    with open_service() as (lontar, caller):
        signed = lontar.letters.sign(caller, letter_id, secret, version)
    show(signed, as_json)


@letter.command("send")
@click.argument("letter_id", metavar="ID")
@JSON
def letter_send(letter_id: str, as_json: bool) -> None:
    """Deliver a signed letter to every recipient and copy."""
    with open_service() as (lontar, caller):
        show(lontar.letters.send(caller, letter_id), as_json)


@letter.command("reconcile")
@click.argument("letter_id", metavar="ID")
@click.option("--signed-file", metavar="FILE", help="The signed PDF the provider returned.")
@JSON
def letter_reconcile(letter_id: str, signed_file: str | None, as_json: bool) -> None:
    """Settle a signature whose outcome is unknown: with the signed PDF, or back to ready."""
    data = read_file(signed_file) if signed_file else None
    with open_service() as (lontar, caller):
        state = lontar.letters.reconcile(caller, letter_id, data)
    show({"id": letter_id, "state": state}, as_json)


@letter.command("attach")
@click.argument("letter_id", metavar="ID")
@click.argument("path", metavar="FILE")
def letter_attach(letter_id: str, path: str) -> None:
    """Add a lampiran file to a draft."""
    data = read_file(path)
    with open_service() as (lontar, caller):
        lontar.letters.attach(caller, letter_id, path.rsplit("/", 1)[-1], data)
    click.echo(f"{letter_id}: {path}")


@letter.command("show")
@click.argument("letter_id", metavar="ID")
@JSON
def letter_show(letter_id: str, as_json: bool) -> None:
    """Show one letter: fields, state, approvals, history."""
    with open_service() as (lontar, caller):
        show(lontar.letters.letter(caller, letter_id), as_json)


@letter.command("list")
@click.option("--state", default=None, help="Only letters in this state.")
@JSON
def letter_list(state: str | None, as_json: bool) -> None:
    """The caller's letters: drafts, returned, to verify, to sign, signed, sent."""
    with open_service() as (lontar, caller):
        queues = lontar.letters.queues(caller)
    rows, seen = [], set()
    for queue, found in queues.items():
        for row in found:
            if row["id"] not in seen and (state is None or row.get("state") == state):
                seen.add(row["id"])
                rows.append({**row, "queue": queue})
    if as_json:
        print_json(rows)
        return
    for row in rows:
        number = row.get("number") or "-"
        click.echo(f"{row['id']}\t{row.get('state', '')}\t{number}\t{row.get('hal', '')}")


@letter.command("pdf")
@click.argument("letter_id", metavar="ID")
@click.option("--out", required=True, metavar="FILE", help="The PDF to write.")
@click.option("--preview", is_flag=True, help="The draft's preview even when signed.")
def letter_pdf(letter_id: str, out: str, preview: bool) -> None:
    """Write the signed PDF (byte for byte), or a draft's preview (KONSEP)."""
    with open_service() as (lontar, caller):
        state = lontar.letters.letter(caller, letter_id)["state"]
        if state in SIGNED_STATES and not preview:
            data = lontar.letters.signed_pdf(caller, letter_id)
        else:
            data = lontar.letters.preview_pdf(caller, letter_id)
    write_bytes(out, data)


@letter.command("verify")
@click.argument("path", metavar="FILE")
@JSON
def letter_verify(path: str, as_json: bool) -> None:
    """Check a copy as the public page does: a signed letter of ours, unchanged, valid.

    Exit status 1 when the copy does not check out.
    """
    data = read_file(path)
    with open_service() as (lontar, _caller):
        found = lontar.letters.verify_copy(data)
    show(found, as_json)
    check = found["check"]
    if not (found["matches"] and check["intact"] and check["valid"]):
        sys.exit(1)


@letter.command("reserve")
@click.option("--unit", required=True, metavar="CODE", help="The unit the number is for.")
@click.option("--type", "type_", required=True, metavar="CODE", help="The naskah dinas type.")
@click.option("--classification", default="", metavar="CODE", help="The KKA code.")
@click.option("--hal", required=True, help="The paper letter's subject.")
@click.option("--signer", default="", metavar="POSITION", help="The signing position.")
@JSON
def letter_reserve(type_: str, as_json: bool, **fields) -> None:
    """Take a number by hand for a paper letter (ambil nomor manual); it is registered."""
    with open_service() as (lontar, caller):
        show(lontar.letters.reserve_number(caller, {**fields, "type": type_}), as_json)


@letter.command("register")
@click.option("--unit", required=True, metavar="CODE", help="The signing unit.")
@click.option("--year", type=click.IntRange(1, MAX_YEAR), required=True, metavar="YYYY")
@click.option("--query", default="", help="Only rows with these words.")
@click.option("--out", metavar="FILE", help="Write it (.xlsx, .csv or .json) instead.")
@JSON
def letter_register(unit: str, year: int, query: str, out: str | None, as_json: bool) -> None:
    """The agenda keluar: the unit's outgoing letters of a year."""
    fmt = (out or "").rsplit(".", 1)[-1].lower()
    if out and fmt not in exports.FORMATS:
        raise click.BadParameter(f"{out}: .xlsx, .csv or .json", param_hint="--out")
    with open_service() as (lontar, caller):
        if out:
            write_bytes(out, lontar.letters.register_export(caller, unit, year, fmt))
            return
        rows = lontar.letters.outgoing_register(caller, unit, year, query)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        click.echo("\t".join(_flat(v) for v in row.values() if not isinstance(v, dict)))
