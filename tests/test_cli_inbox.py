"""`lontar inbox` as a real process on a repository the test built: as the administrator
and `--as` a person, as lines and as JSON, and setting one's notification address."""

from __future__ import annotations

import json

from repository.app import Lontar
from repository.core.content import pemda_of
from repository.core.db import reading
from tests.conftest import lontar_cli
from tests.test_inbox import external
from tests.test_letters import fields, office, who  # noqa: F401  (fixtures)


def test_inbox_lists_what_waits_for_the_caller(office):  # noqa: F811
    service = office
    staf = who(service, "staf")
    letter_id = service.letters.draft(staf, fields(hal="Laporan triwulan"))
    service.letters.submit(staf, letter_id)
    incoming_id = external(service, hal="Undangan sosialisasi")
    home = service.home
    service.close()

    kabid = json.loads(lontar_cli("inbox", "--as", "kabid", "--json", home=home).stdout)
    assert kabid["counts"]["to_verify"] == 1
    assert [r["id"] for r in kabid["lists"]["to_verify"]] == [letter_id]
    kadis = lontar_cli("inbox", "--as", "kadis", home=home).stdout
    assert "Naskah masuk belum dibaca: 1" in kadis and "Perlu diparaf: 0" in kadis
    assert f"{incoming_id}\t" in kadis and "Undangan sosialisasi" in kadis
    english = lontar_cli("inbox", "--as", "kadis", "--lang", "en", home=home).stdout
    assert "Incoming unread: 1" in english
    nobody = json.loads(lontar_cli("inbox", "--as", "luar", "--json", home=home).stdout)
    assert sum(nobody["counts"].values()) == 0

    done = lontar_cli("inbox", "--as", "kabid", "--email", "kabid@kota-uji.go.id", home=home)
    assert "Perlu diparaf: 1" in done.stdout
    bad = lontar_cli("inbox", "--as", "kabid", "--email", "bukan alamat", home=home, check=False)
    assert bad.returncode == 1 and "tidak sah" in bad.stderr


def test_the_address_is_stored_on_the_account(office):  # noqa: F811
    home = office.home
    office.close()
    lontar_cli("inbox", "--as", "kadis", "--email", "kadis@kota-uji.go.id", home=home)
    with Lontar(home) as lontar, reading(lontar.db) as root:
        assert pemda_of(root).accounts["kadis"].email == "kadis@kota-uji.go.id"
