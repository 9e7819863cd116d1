"""The files that run Lontar as a systemd service, made from the templates in `deploy/`.

`deploy/` is the one source: the unit for `lontar serve` (`lontar.service`), the nightly
backup (`lontar-backup.service` + `lontar-backup.timer`) and the rotation of the process logs
(`lontar.logrotate`) are templates whose `@NAME@` fields `lontar install-service` fills in
(`render`) for one installation; someone installing by hand replaces the same fields. The
reverse-proxy and environment examples beside them are documentation only.

Nothing here calls systemctl: installing writes the files and says what to run next, as the
administrator is the one who decides when the service starts.
"""

from __future__ import annotations

import datetime as dt
import getpass
import grp
import os
import pwd
import re
import shutil
import sys
import sysconfig
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from repository.core.config import Home, trusted_proxies
from repository.core.errors import InvalidInput
from repository.core.keys import key_path

PROJECT = Path(__file__).resolve().parents[2]
TEMPLATES = PROJECT / "deploy"
FIELD = re.compile(r"@([A-Z_]+)@")
# what a path may hold to be written into a unit unquoted: no blanks, quotes, `%` (a systemd
# specifier), `$` (a variable), `;` or backslashes
SAFE_PATH = re.compile(r"^/[A-Za-z0-9._/+=,:@-]*$")
SYSTEMD_DIR = "/etc/systemd/system"
LOGROTATE_DIR = "/etc/logrotate.d"
DEFAULT_BACKUP_AT = "02:30"
DEFAULT_KEEP = 7


@dataclass(frozen=True)
class ServiceFile:
    """A template of deploy/ and the name and kind of place it is installed as."""

    template: str
    installed_as: str
    place: str  # "systemd" or "logrotate"


FILES = (
    ServiceFile("lontar.service", "lontar.service", "systemd"),
    ServiceFile("lontar-backup.service", "lontar-backup.service", "systemd"),
    ServiceFile("lontar-backup.timer", "lontar-backup.timer", "systemd"),
    ServiceFile("lontar.logrotate", "lontar", "logrotate"),
)
EXAMPLES = ("nginx.conf.example", "Caddyfile.example", "lontar.env.example")


@dataclass(frozen=True)
class Settings:
    """The values of the templates' fields for one installation (`settings_for` checks
    them); each field is `@NAME@` in upper case."""

    user: str
    group: str
    home: str
    key_file: str
    lontar: str
    port: int
    address: str
    trusted_proxies: str
    backup_dest: str
    keep: int
    backup_at: str
    project: str

    def fields(self) -> dict[str, str]:
        return {name.upper(): str(value) for name, value in asdict(self).items()}


def entry_point() -> Path:
    """The `lontar` command of the running Python environment (the venv's absolute path), so
    the service runs the code that was installed, whatever PATH systemd has."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / "lontar"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate.absolute()
    found = shutil.which("lontar")
    if found is None:
        raise InvalidInput("service_no_entry_point")
    return Path(found).absolute()


def default_user(home: Home) -> str:
    """The owner of the data directory (its files are private to it), else whoever runs the
    command."""
    try:
        return pwd.getpwuid(home.path.stat().st_uid).pw_name
    except (OSError, KeyError):
        return getpass.getuser()


def settings_for(
    home: Home,
    *,
    user: str | None = None,
    port: int = 8501,
    address: str = "localhost",
    backup_dest: str | None = None,
    keep: int = DEFAULT_KEEP,
    backup_at: str = DEFAULT_BACKUP_AT,
    proxies: str = "127.0.0.1",
) -> Settings:
    """Checks what goes into the files: an existing account, paths a unit can hold unquoted,
    a backup outside the data directory, a time of day, addresses Lontar can parse."""
    user = user or default_user(home)
    try:
        account = pwd.getpwnam(user)
    except KeyError:
        raise InvalidInput("service_unknown_user", user=user) from None
    dest = Path(backup_dest).expanduser().absolute() if backup_dest else _default_dest(home)
    for path in (home.path, key_path(home), dest, entry_point(), PROJECT):
        _check_path(path)
    if dest.resolve().is_relative_to(home.path.resolve()):
        raise InvalidInput("service_backup_inside_home", dest=str(dest), home=str(home.path))
    if not 1 <= port <= 65535 or keep < 1 or not re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", address):
        raise InvalidInput("service_bad_value", port=port, keep=keep, address=address)
    try:
        trusted_proxies(proxies)
    except ValueError:
        raise InvalidInput("service_bad_proxies", value=proxies) from None
    return Settings(
        user=user,
        group=grp.getgrgid(account.pw_gid).gr_name,
        home=str(home.path),
        key_file=str(key_path(home)),
        lontar=str(entry_point()),
        port=port,
        address=address,
        trusted_proxies=",".join(p.strip() for p in proxies.split(",") if p.strip()),
        backup_dest=str(dest),
        keep=keep,
        backup_at=_time_of_day(backup_at),
        project=str(PROJECT),
    )


def _default_dest(home: Home) -> Path:
    """Beside the data directory, as the master key is: never inside it."""
    return home.path.parent / f"{home.path.name}-backup"


def _check_path(path: Path) -> None:
    if not SAFE_PATH.match(str(path)):
        raise InvalidInput("service_bad_path", path=str(path))


def _time_of_day(text: str) -> str:
    """A time of day as OnCalendar wants it ("02:30" → "02:30:00"); anything else is refused."""
    try:
        moment = dt.time.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("service_bad_time", value=text) from None
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def render(template: str, settings: Settings) -> str:
    """One template of deploy/ with its fields filled in; a field the settings do not know is
    an error of the template, caught by the tests."""
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    fields = settings.fields()
    unknown = sorted(set(FIELD.findall(text)) - set(fields))
    if unknown:
        raise KeyError(f"deploy/{template}: unknown fields {unknown}")
    return FIELD.sub(lambda match: fields[match.group(1)], text)


def planned(
    settings: Settings, systemd_dir: str = SYSTEMD_DIR, logrotate_dir: str = LOGROTATE_DIR
) -> list[tuple[Path, str]]:
    """(where, text) of every file to install."""
    places = {"systemd": Path(systemd_dir), "logrotate": Path(logrotate_dir)}
    return [(places[f.place] / f.installed_as, render(f.template, settings)) for f in FILES]


def install(files: list[tuple[Path, str]]) -> list[Path]:
    """Writes each file whole (a temporary file renamed into place, mode 0644), replacing
    what an earlier run wrote. A folder that does not exist is an error, not created: it
    says the wrong place was given (or systemd/logrotate is not installed)."""
    for path, _text in files:
        if not path.parent.is_dir():
            raise InvalidInput("service_no_folder", path=str(path.parent))
    written = []
    for path, text in files:
        try:
            _write(path, text)
        except OSError as exc:
            raise InvalidInput(
                "service_cannot_write", path=str(path), detail=exc.strerror
            ) from None
        written.append(path)
    return written


def _write(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def warnings(settings: Settings) -> list[tuple[str, dict]]:
    """(message key, parameters) of what would keep the service from starting or from
    backing up; the files are written anyway, so they can be fixed in any order."""
    found: list[tuple[str, dict]] = []
    if settings.user == "root":
        found.append(("service_as_root", {}))
    if not Path(settings.home).is_dir():
        found.append(("service_home_missing", {"home": settings.home, "user": settings.user}))
    if not Path(settings.key_file).is_file():
        found.append(("service_key_missing", {"path": settings.key_file}))
    for path in (interpreter(Path(settings.lontar)), Path(settings.project)):
        if not reachable(path, settings.user):
            found.append(("service_unreachable", {"path": str(path), "user": settings.user}))
    return found


def interpreter(script: Path) -> Path:
    """The Python a console script runs with (its `#!` line), resolved to the real file."""
    with script.open("rb") as handle:
        first = handle.readline().decode("utf-8", "replace")
    command = first[2:].split()[0] if first.startswith("#!") else sys.executable
    return Path(os.path.realpath(command))


def reachable(path: Path, user: str) -> bool:
    """Whether `user` may read `path` (and run it, if it is a program): every folder above it
    searchable by the account's owner, group or other bits. A virtual environment made from
    a Python under /root (pyenv) is not, for a service account. Root may go anywhere."""
    account = pwd.getpwnam(user)
    if account.pw_uid == 0:
        return True
    groups = {account.pw_gid, *(g.gr_gid for g in grp.getgrall() if user in g.gr_mem)}
    target = path.resolve()
    for folder in [*reversed(target.parents), target]:
        try:
            info = folder.stat()
        except OSError:
            return False
        if info.st_uid == account.pw_uid:
            allowed = info.st_mode >> 6
        elif info.st_gid in groups:
            allowed = info.st_mode >> 3
        else:
            allowed = info.st_mode
        needed = 0o5 if folder == target and folder.is_dir() else 0o1  # list; search, run
        if allowed & needed != needed:
            return False
    return True


def next_steps(settings: Settings) -> list[str]:
    """The commands the administrator runs next, as root."""
    steps = []
    if not Path(settings.backup_dest).is_dir():
        steps.append(
            f"install -d -o {settings.user} -g {settings.group} -m 0700 {settings.backup_dest}"
        )
    return [*steps, "systemctl daemon-reload", "systemctl enable --now lontar lontar-backup.timer"]
