"""The letters' rules on real persistent objects, in memory: positions and acting holders, the
type catalogue, numbering, and the state machine (a hypothesis stateful test drives random
actions by random people and checks that nothing is signed unverified, stale or by the wrong
person, that no draft is lost and that terminal states stay terminal)."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
import transaction
import ZODB
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

from repository.core import clock
from repository.core.content import Pemda
from repository.core.errors import AccessDenied, InvalidInput, LontarError, RecordNotFound
from repository.core.i18n import MESSAGES
from repository.letters import catalogue, numbering, positions, workflow
from repository.letters.messages import MESSAGES as RULE_MESSAGES
from repository.letters.model import Letter, Registry
from repository.records.accounts import add_account
from repository.records.units import add_unit

DAY = dt.date(2026, 5, 4)
PEOPLE = ("ani", "budi", "citra", "dedi", "eka", "fajar", "gita", "hadi", "admin")
ROLES = {name: frozenset({"Staf"}) for name in PEOPLE}
ROLES |= {"gita": frozenset(), "hadi": frozenset({"Pencatat"})}
ROLES |= {"admin": frozenset({"Administrator"})}
PLT_FROM, PLT_TO = dt.date(2026, 5, 10), dt.date(2026, 5, 20)


@functools.cache
def shared_pemda() -> Pemda:
    """Units and accounts, made once: an account's password hash takes a while."""
    pemda = Pemda("ID-T", "Pemerintah Kota Uji")
    add_unit(pemda, "DINKES", "Dinas Kesehatan")
    add_unit(pemda, "DINKES.P2P", "Bidang P2P", "DINKES")
    add_unit(pemda, "DINKES.P2P.SURV", "Seksi Surveilans", "DINKES.P2P")
    add_unit(pemda, "DPK", "Dinas Perpustakaan dan Kearsipan")
    for name in PEOPLE:
        add_account(pemda, name, "rahasia-123", {"Staf"}, unit="DINKES")
    return pemda


@pytest.fixture
def pemda() -> Pemda:
    return shared_pemda()


def organisation(pemda: Pemda) -> Registry:
    """Kadis (eka) over Sekdis (budi) and Kabid P2P (citra) over Kasi (dedi); fajar is Plt of
    the Kadis from the 10th to the 20th."""
    registry = Registry()
    save = positions.save_position
    save(registry, pemda, "KADIS", unit="DINKES", name="Kepala Dinas", holder="eka", rank=1)
    save(registry, pemda, "SEKDIS", unit="DINKES", name="Sekretaris", parent="KADIS", rank=2)
    save(registry, pemda, "KABID", unit="DINKES.P2P", name="Kabid P2P", parent="KADIS", rank=2)
    save(registry, pemda, "KASI", unit="DINKES.P2P", name="Kasi", parent="KABID", holder="dedi")
    save(
        registry,
        pemda,
        "SEKDIS",
        unit="DINKES",
        name="Sekretaris",
        parent="KADIS",
        holder="budi",
        rank=2,
    )
    positions.save_position(
        registry,
        pemda,
        "KABID",
        unit="DINKES.P2P",
        name="Kabid P2P",
        parent="KADIS",
        holder="citra",
        rank=2,
    )
    positions.set_acting(registry, "KADIS", "Plt", "fajar", PLT_FROM, PLT_TO, pemda=pemda)
    return registry


class refused:  # used like pytest.raises
    """pytest.raises for a LontarError with a given message key."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __enter__(self) -> refused:
        return self

    def __exit__(self, kind, error, _tb) -> bool:
        assert error is not None, f"expected {self.key}, nothing was raised"
        assert isinstance(error, LontarError), error
        assert error.key == self.key, (error.key, error.params)
        return True


# -- positions --------------------------------------------------------------------------------


def test_positions_chain_heads_and_holders(pemda):
    registry = organisation(pemda)
    assert [p.code for p in positions.chain_above(registry, "KASI")] == ["KABID", "KADIS"]
    assert positions.chain_above(registry, "KADIS") == []
    assert positions.head_of_unit(registry, "DINKES").code == "KADIS"
    assert positions.head_of_unit(registry, "DINKES.P2P").code == "KABID"
    assert positions.head_of_unit(registry, "DPK") is None
    # a unit without positions: the head of the nearest unit above, when the tree is known
    assert positions.head_of_unit(registry, "DINKES.P2P.SURV") is None
    assert positions.head_of_unit(registry, "DINKES.P2P.SURV", pemda=pemda).code == "KABID"
    assert [p.code for p in positions.list_positions(registry, "DINKES.P2P")] == ["KABID", "KASI"]
    with refused("position_not_found"):
        positions.find_position(registry, "NOPE")


def test_an_acting_holder_acts_only_inside_the_period(pemda):
    registry = organisation(pemda)
    kadis = registry.positions["KADIS"]
    assert positions.holders_on(kadis, PLT_FROM - dt.timedelta(days=1)) == [("eka", "")]
    assert positions.holders_on(kadis, PLT_FROM) == [("eka", ""), ("fajar", "Plt")]
    assert positions.holders_on(kadis, PLT_TO) == [("eka", ""), ("fajar", "Plt")]
    assert positions.holders_on(kadis, PLT_TO + dt.timedelta(days=1)) == [("eka", "")]
    inside = positions.held_by(registry, "fajar", dt.date(2026, 5, 15))
    assert [(p.code, kind) for p, kind in inside] == [("KADIS", "Plt")]
    assert positions.held_by(registry, "fajar", DAY) == []
    assert positions.codes_held(registry, "eka", DAY) == {"KADIS"}
    registry.positions["KADIS"].active = False
    assert positions.codes_held(registry, "eka", DAY) == set()


def test_acting_periods_are_checked(pemda):
    registry = organisation(pemda)
    with refused("acting_overlap"):
        positions.set_acting(registry, "KADIS", "Plh", "budi", PLT_TO, PLT_TO)
    with refused("acting_kind_invalid"):
        positions.set_acting(registry, "KADIS", "Pj", "budi", DAY, DAY)
    with refused("acting_period_invalid"):
        positions.set_acting(registry, "KADIS", "Plh", "budi", PLT_TO, PLT_FROM)
    with refused("position_holder_unknown"):
        positions.set_acting(registry, "KADIS", "Plh", "nobody", DAY, DAY, pemda=pemda)
    with refused("acting_account_required"):
        positions.set_acting(registry, "KADIS", "Plh", " ", DAY, DAY)
    # the day after a period may start another; both stay, in order of their start
    after = PLT_TO + dt.timedelta(days=1)
    positions.set_acting(registry, "KADIS", "Plh", "budi", after, after)
    kadis = registry.positions["KADIS"]
    assert [a[1] for a in kadis.acting] == ["fajar", "budi"]
    assert kadis.acting_on(after) == ("Plh", "budi")
    positions.clear_acting(registry, "KADIS", PLT_FROM)
    assert [a[1] for a in kadis.acting] == ["budi"]
    positions.clear_acting(registry, "KADIS")
    assert kadis.acting == ()


def test_saving_a_position_keeps_its_acting_periods(pemda):
    registry = organisation(pemda)
    positions.save_position(
        registry, pemda, "kadis", unit="dinkes", name="Kepala Dinas Kesehatan", holder="Ani"
    )
    kadis = registry.positions["KADIS"]
    assert (kadis.name, kadis.holder, kadis.rank) == ("Kepala Dinas Kesehatan", "ani", 0)
    assert kadis.acting_on(PLT_FROM) == ("Plt", "fajar")


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"code": "bad code"}, "position_code_invalid"),
        ({"code": ""}, "position_code_invalid"),
        ({"unit": "NOPE"}, "position_unit_unknown"),
        ({"name": "  "}, "position_name_required"),
        ({"parent": "NOPE"}, "position_parent_unknown"),
        ({"holder": "nobody"}, "position_holder_unknown"),
        ({"rank": 5}, "position_rank_invalid"),
        ({"rank": True}, "position_rank_invalid"),
        ({"abbreviation": "KA/DIS"}, "position_abbreviation_invalid"),
        ({"abbreviation": "KEPALA DINAS"}, "position_abbreviation_invalid"),
        # cycles: a position under itself, or under its own subordinate
        ({"code": "KADIS", "parent": "KADIS"}, "position_cycle"),
        ({"code": "KADIS", "parent": "KASI"}, "position_cycle"),
    ],
)
def test_bad_positions_are_refused_and_change_nothing(pemda, changes, key):
    registry = organisation(pemda)
    before = {
        c: (p.unit, p.name, p.parent, p.holder, p.rank) for c, p in registry.positions.items()
    }
    fields = {"code": "KASUBBAG", "unit": "DINKES", "name": "Kasubbag Umum", "parent": "SEKDIS"}
    fields |= changes
    code = fields.pop("code")
    with refused(key):
        positions.save_position(registry, pemda, code, **fields)
    after = {c: (p.unit, p.name, p.parent, p.holder, p.rank) for c, p in registry.positions.items()}
    assert after == before


# -- the type catalogue -----------------------------------------------------------------------

NEEDED_TYPES = (
    *("peraturan_kepala_daerah", "instruksi", "surat_edaran", "keputusan", "surat_perintah"),
    *("surat_tugas", "nota_dinas", "surat_dinas", "surat_undangan", "surat_keterangan"),
    *("surat_pengantar", "berita_acara", "surat_kuasa", "pengumuman", "laporan"),
    *("telaahan_staf", "notula", "memo"),
)


def test_the_seed_holds_every_needed_type_and_is_idempotent():
    registry = Registry()
    rows = catalogue.read_rows()
    assert catalogue.seed(registry) == len(rows) == len(registry.types)
    assert set(NEEDED_TYPES) <= set(registry.types)
    registry.types["surat_dinas"].paper = "F4"  # an administrator's change survives a reseed
    assert catalogue.seed(registry) == 0
    assert registry.types["surat_dinas"].paper == "F4"
    assert len(registry.types) == len(rows)


def test_every_seeded_type_follows_the_regulation_layout():
    """A1: Bookman for pengaturan and penetapan (NOMOR n TAHUN yyyy), Arial for the rest."""
    registry = Registry()
    catalogue.seed(registry)
    for letter_type in registry.types.values():
        arahan = letter_type.group in ("pengaturan", "penetapan")
        assert letter_type.font == ("bookman" if arahan else "arial"), letter_type.code
        assert (letter_type.pattern == numbering.REGULATION_PATTERN) == arahan, letter_type.code
        assert numbering.parse_pattern_errors(letter_type.pattern) == []
        assert letter_type.group in catalogue.GROUPS
    assert registry.types["keputusan"].layout == "judul"
    assert registry.types["surat_dinas"].layout == "korespondensi"
    assert registry.types["telaahan_staf"].signer_ranks == ()
    assert registry.types["surat_dinas"].signer_ranks == (1, 2)
    assert registry.types["surat_dinas"].atas_nama is True
    fields = catalogue.type_fields(registry.types["nota_dinas"])
    assert fields["signer_ranks"] == [1, 2, 3] and fields["code"] == "nota_dinas"


def test_a_new_type_takes_its_group_defaults():
    registry = Registry()
    made = catalogue.save_type(registry, "keputusan_kadis", {"name": "SK", "group": "penetapan"})
    assert (made.font, made.layout, made.pattern, made.padding) == (
        "bookman",
        "judul",
        numbering.REGULATION_PATTERN,
        0,
    )
    memo = catalogue.save_type(registry, "memo_kecil", {"name": "Memo", "signer_ranks": "3;1"})
    assert (memo.layout, memo.font, memo.signer_ranks) == ("korespondensi", "arial", (1, 3))
    catalogue.save_type(registry, "memo_kecil", {"paper": "F4", "active": "0"})
    assert (memo.paper, memo.active, memo.name) == ("F4", False, "Memo")
    assert [t.code for t in catalogue.list_types(registry, active_only=True)] == ["keputusan_kadis"]
    with refused("letter_type_not_found"):
        catalogue.find_type(registry, "nope")


@pytest.mark.parametrize(
    ("code", "fields", "key"),
    [
        ("Surat Dinas", {"name": "x"}, "letter_type_code_invalid"),
        ("x", {"name": "x"}, "letter_type_code_invalid"),
        ("1surat", {"name": "x"}, "letter_type_code_invalid"),
        ("baru", {}, "letter_type_name_required"),
        ("surat_dinas", {"name": ""}, "letter_type_name_required"),
        ("surat_dinas", {"colour": "red"}, "letter_type_field_unknown"),
        ("surat_dinas", {"layout": "landscape"}, "letter_type_value_invalid"),
        ("surat_dinas", {"font": "comic"}, "letter_type_value_invalid"),
        ("surat_dinas", {"paper": "Letter"}, "letter_type_value_invalid"),
        ("surat_dinas", {"scope": "month"}, "letter_type_value_invalid"),
        ("surat_dinas", {"group": "arahan"}, "letter_type_value_invalid"),
        ("surat_dinas", {"padding": 7}, "letter_type_value_invalid"),
        ("surat_dinas", {"padding": "-1"}, "letter_type_value_invalid"),
        ("surat_dinas", {"signer_ranks": "1;5"}, "letter_type_value_invalid"),
        ("surat_dinas", {"signer_ranks": "satu"}, "letter_type_value_invalid"),
        ("surat_dinas", {"atas_nama": "ya"}, "letter_type_value_invalid"),
        ("surat_dinas", {"template": 5}, "letter_type_value_invalid"),
        ("surat_dinas", {"pattern": "{kka}/{nomor}/{tahun}"}, "letter_pattern_unknown_token"),
        ("surat_dinas", {"pattern": "{kka}/{unit}/{tahun}"}, "letter_pattern_needs_urut"),
        ("surat_dinas", {"pattern": "{urut}/{unit"}, "letter_pattern_braces"),
        ("surat_dinas", {"pattern": " "}, "letter_pattern_empty"),
        ("surat_dinas", {"pattern": "{urut}" + "X" * 100}, "letter_pattern_too_long"),
    ],
)
def test_save_type_refuses_bad_values_and_changes_nothing(code, fields, key):
    registry = Registry()
    catalogue.seed(registry)
    before = catalogue.type_fields(registry.types["surat_dinas"])
    with refused(key):
        catalogue.save_type(registry, code, {"layout": "judul", **fields})
    assert catalogue.type_fields(registry.types["surat_dinas"]) == before
    assert len(registry.types) == len(catalogue.read_rows())


def test_a_broken_seed_file_names_its_line(tmp_path):
    broken = tmp_path / "types.csv"
    rows = (catalogue.TYPES_FILE.read_text().splitlines())[:3]
    broken.write_text("\n".join([*rows, rows[2].replace(",A4,", ",Letter,")]) + "\n")
    with pytest.raises(InvalidInput) as error:
        catalogue.seed(Registry(), broken)
    assert error.value.params["line"] == 4


# -- numbering ------------------------------------------------------------------------------

# every pattern of the seed file and the first number it gives DINKES on 4 May 2026
FIRST_NUMBERS = {
    "NOMOR {urut} TAHUN {tahun}": "NOMOR 1 TAHUN 2026",
    "{kka}/{urut}/{unit}/{tahun}": "000.1.2.3/001/DINKES/2026",
    "{kka}/{urut}/{unit}/{bulan_romawi}/{tahun}": "000.1.2.3/001/DINKES/V/2026",
    "{urut}/{unit}/{tahun}": "001/DINKES/2026",
}


@pytest.mark.parametrize("row", catalogue.read_rows(), ids=lambda row: row["code"])
def test_every_seeded_type_numbers_as_expected(row):
    registry = Registry()
    catalogue.seed(registry)
    letter_type = registry.types[row["code"]]
    number, scope = allocate(registry, letter_type)
    assert number == FIRST_NUMBERS[row["pattern"]]
    assert scope.endswith("|2026") and scope.startswith(letter_type.scope + "|")
    assert registry.numbers[f"{scope}|1"] == "L1"  # recorded by its place in the scope
    second, _ = allocate(registry, letter_type, owner="L2")
    assert second == FIRST_NUMBERS[row["pattern"]].replace("001", "002").replace(" 1 ", " 2 ")


def allocate(registry, letter_type, *, unit="DINKES", kka="000.1.2.3", day=DAY, owner="L1"):
    number, scope, _urut = numbering.take(
        registry, letter_type, unit_code=unit, kka=kka, jabatan="KADIS", day=day, owner=owner
    )
    return number, scope


def test_format_number_pads_and_spells_months():
    assert [numbering.roman_month(m) for m in (1, 4, 9, 12)] == ["I", "IV", "IX", "XII"]
    with pytest.raises(ValueError):
        numbering.roman_month(13)
    tokens = numbering.tokens_for(
        urut=7, unit_code="DPK", kka="045", jabatan="SEKDA", day=dt.date(2026, 12, 1), derajat="B"
    )
    pattern = "{derajat}-{urut}/{jabatan}/{kka}/{bulan2}/{bulan_romawi}/{tahun}"
    assert numbering.format_number(pattern, tokens, 0) == "B-7/SEKDA/045/12/XII/2026"
    assert numbering.format_number("{urut}", tokens, 3) == "007"
    assert numbering.format_number("{urut}", tokens, 6) == "000007"
    assert numbering.format_number("{urut}", {**tokens, "urut": "1234"}, 3) == "1234"
    with refused("letter_number_needs"):
        numbering.format_number("{kka}/{urut}", {**tokens, "kka": ""}, 3)
    with refused("letter_pattern_unknown_token"):
        numbering.format_number("{nomor}/{urut}", tokens, 3)


def test_pattern_problems_are_listed():
    assert numbering.parse_pattern_errors("{kka}/{urut}/{unit}/{tahun}") == []
    assert numbering.parse_pattern_errors("{nomor}/{foo}") == [
        "unknown_token:nomor",
        "unknown_token:foo",
        "needs_urut",
    ]
    assert numbering.parse_pattern_errors("{urut}}") == ["braces"]
    assert numbering.parse_pattern_errors("") == ["empty"]


def test_scopes_keep_separate_counters():
    registry = Registry()
    catalogue.seed(registry)
    surat, nota = registry.types["surat_dinas"], registry.types["nota_dinas"]
    assert allocate(registry, surat)[0] == "000.1.2.3/001/DINKES/2026"
    assert allocate(registry, surat)[0] == "000.1.2.3/002/DINKES/2026"
    assert allocate(registry, nota)[0] == "000.1.2.3/001/DINKES/V/2026"  # its own type
    assert allocate(registry, surat, unit="DPK")[0] == "000.1.2.3/001/DPK/2026"  # its own unit
    # per unit: every type of the unit shares one counter
    for letter_type in (surat, nota):
        catalogue.save_type(registry, letter_type.code, {"scope": "unit"})
    assert allocate(registry, surat, unit="DINKES.P2P")[1] == "unit|DINKES.P2P|2026"
    assert allocate(registry, nota, unit="DINKES.P2P")[0] == "000.1.2.3/002/DINKES.P2P/V/2026"
    # per classification: another code starts again; no code, no number
    catalogue.save_type(registry, "surat_dinas", {"scope": "type_kka"})
    assert allocate(registry, surat, kka="045")[1] == "type_kka|surat_dinas|045|2026"
    assert allocate(registry, surat, kka="800")[0] == "800/001/DINKES/2026"
    assert allocate(registry, surat, kka="045")[0] == "045/002/DINKES/2026"
    catalogue.save_type(registry, "surat_dinas", {"scope": "unit_kka"})
    assert allocate(registry, surat, kka="045")[1] == "unit_kka|DINKES|045|2026"
    count = len(registry.numbers)
    with refused("letter_number_needs"):
        allocate(registry, surat, kka="")
    assert len(registry.numbers) == count  # nothing taken
    assert len(registry.counters) == 7


def test_counting_starts_again_each_year():
    registry = Registry()
    catalogue.seed(registry)
    keputusan = registry.types["keputusan"]
    assert allocate(registry, keputusan)[0] == "NOMOR 1 TAHUN 2026"
    assert allocate(registry, keputusan, unit="DPK")[0] == "NOMOR 2 TAHUN 2026"  # Pemda-wide
    new_year = dt.date(2027, 1, 1)
    assert allocate(registry, keputusan, day=new_year) == (
        "NOMOR 1 TAHUN 2027",
        "type|keputusan|2027",
    )
    assert allocate(registry, keputusan, day=dt.date(2026, 12, 31))[0] == "NOMOR 3 TAHUN 2026"


def test_manual_numbers_take_the_next_number_and_are_registered():
    registry = Registry()
    catalogue.seed(registry)
    surat = registry.types["surat_dinas"]
    allocate(registry, surat)
    manual = numbering.reserve_manual(
        registry,
        surat,
        unit_code="DINKES",
        kka="000.1.2.3",
        jabatan="",
        day=DAY,
        fields={"hal": "Undangan rapat (kertas)"},
        by="hadi",
    )
    assert manual.number == "000.1.2.3/002/DINKES/2026"
    assert registry.manual[manual.id] is manual and manual.by == "hadi"
    assert numbering.owner_of(registry, manual.scope, manual.urut) == f"manual:{manual.id}"
    assert allocate(registry, surat)[0] == "000.1.2.3/003/DINKES/2026"


def test_a_number_already_given_is_skipped_never_repeated():
    registry = Registry()
    catalogue.seed(registry)
    surat = registry.types["surat_dinas"]
    _number, scope = allocate(registry, surat)
    registry.counters[scope].value = 0  # set back by hand
    assert allocate(registry, surat, owner="L2")[0] == "000.1.2.3/002/DINKES/2026"
    assert numbering.owner_of(registry, scope, 1) == "L1"


def test_a_failed_signing_keeps_its_number_for_the_next_attempt():
    registry = Registry()
    catalogue.seed(registry)
    surat = registry.types["surat_dinas"]
    letter = Letter("L1", "DINKES", "surat_dinas", "ani")
    take = {"unit_code": "DINKES", "kka": "000.1.2.3", "jabatan": ""}
    first = numbering.number_for(registry, letter, surat, day=DAY, **take)
    allocate(registry, surat, owner="L2")
    assert numbering.number_for(registry, letter, surat, day=DAY, **take) == first
    assert (letter.number, letter.number_scope) == first
    # signed only next year: a number of that year; last year's stays recorded as its own
    # and is voided in last year's agenda keluar
    later = numbering.number_for(registry, letter, surat, day=dt.date(2027, 1, 2), **take)
    assert later == ("000.1.2.3/001/DINKES/2027", "unit_type|DINKES|surat_dinas|2027")
    assert numbering.owner_of(registry, first[1], 1) == "L1"
    (void,) = registry.voids.values()
    assert (void.number, void.letter_id, void.reason) == (
        first[0],
        "L1",
        "letter_number_void_scope",
    )
    assert list(registry.register["DINKES|2026"].values()) == [f"void:{void.id}"]


def test_scopes_never_conflict_and_one_scope_does(tmp_path):
    """Two signings at once: of different scopes both commit; of one scope the second
    conflicts (and the services retry it), so no number is given twice."""
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as connection:
            registry = connection.root()["letters"] = Registry()
            catalogue.seed(registry)
            allocate(registry, registry.types["surat_dinas"])  # the DINKES counter exists
        assert _at_once(db, ("DINKES", "DPK")) == [None, None]
        assert _at_once(db, ("DINKES", "DINKES")) == [None, ConflictError]
        with db.transaction() as connection:
            registry = connection.root()["letters"]
            owners = sorted(registry.numbers.values())
            assert registry.counters["unit_type|DINKES|surat_dinas|2026"].value == 3
        assert len(owners) == 4  # the first, two of DINKES, one of DPK
    finally:
        db.close()


def _at_once(db, units: tuple[str, str]) -> list:
    managers = [transaction.TransactionManager() for _ in units]
    connections = [db.open(manager) for manager in managers]
    for connection, unit in zip(connections, units, strict=True):
        registry = connection.root()["letters"]
        allocate(registry, registry.types["surat_dinas"], unit=unit, owner=f"L-{unit}")
    outcomes = []
    for manager, connection in zip(managers, connections, strict=True):
        try:
            manager.commit()
            outcomes.append(None)
        except ConflictError:
            manager.abort()
            outcomes.append(ConflictError)
        connection.close()
    return outcomes


# -- the state machine: fixed journeys ----------------------------------------------------------


def new_letter(verifiers=("SEKDIS", "KABID"), signer="KADIS") -> Letter:
    letter = Letter("L1", "DINKES", "surat_dinas", "ani")
    act(letter, "edit", "ani", fields={"hal": "Rapat", "verifiers": verifiers, "signer": signer})
    return letter


def act(letter, action, who, *, day=DAY, registry=None, **options) -> str:
    held = (
        positions.codes_held(registry, who, day) if registry is not None else HELD.get(who, set())
    )
    return workflow.apply(
        letter, action, who, positions_held=held, roles_in_unit=ROLES[who], **options
    )


HELD = {"budi": {"SEKDIS"}, "citra": {"KABID"}, "dedi": {"KASI"}, "eka": {"KADIS"}}


def test_a_letter_goes_from_draft_to_sent():
    letter = new_letter()
    assert letter.version == 1 and letter.state == "draft"
    assert workflow.allowed_actions(letter, "ani", set(), ROLES["ani"]) == [
        "edit",
        "submit",
        "withdraw",
    ]
    assert act(letter, "submit", "ani") == "verification"
    assert workflow.current_verifier(letter) == "SEKDIS"
    with refused("letter_action_not_allowed"):  # not KABID's turn yet
        act(letter, "approve", "citra", version=1)
    assert act(letter, "approve", "budi", version=1) == "verification"
    assert act(letter, "approve", "citra", version=1) == "ready"
    assert workflow.fully_verified(letter)
    assert workflow.allowed_actions(letter, "eka", {"KADIS"}, ROLES["eka"]) == [
        "send_back",
        "reject",
        "begin_signing",
    ]
    with refused("letter_action_not_allowed"):  # a verifier cannot sign
        act(letter, "begin_signing", "budi", version=1)
    assert act(letter, "begin_signing", "eka", version=1) == "signing"
    with refused("letter_action_not_allowed"):  # only the signing account finishes it
        act(letter, "finish_signing", "citra")
    assert act(letter, "finish_signing", "eka") == "signed"
    assert (letter.signed_by, letter.signed_version) == ("eka", 1)
    with refused("letter_action_not_allowed"):
        act(letter, "send", "gita")
    assert act(letter, "send", "hadi") == "sent"  # the unit's Pencatat
    assert letter.sent_by == "hadi"
    assert [entry[2] for entry in letter.history.values()] == [
        "edit",
        "submit",
        "approve",
        "approve",
        "begin_signing",
        "finish_signing",
        "send",
    ]
    assert all(f"letter_history_{entry[2]}" in MESSAGES for entry in letter.history.values())


def test_an_edit_needs_every_paraf_again():
    letter = new_letter()
    act(letter, "submit", "ani")
    act(letter, "approve", "budi", version=1)
    with refused("letter_note_required"):
        act(letter, "send_back", "citra", note="  ")
    assert act(letter, "send_back", "citra", note="Perbaiki hal") == "returned"
    assert letter.note == "Perbaiki hal"
    with refused("letter_fields_required"):
        act(letter, "edit", "ani", fields={})
    act(letter, "edit", "ani", fields={"hal": "Rapat koordinasi"}, version=1)
    assert letter.version == 2 and len(letter.approvals) == 0
    assert letter.versions[1].fields["hal"] == "Rapat" and letter.field("signer") == "KADIS"
    act(letter, "submit", "ani")
    with refused("letter_version_stale"):  # approving what one read before the change
        act(letter, "approve", "budi", version=1)
    with refused("letter_version_stale"):
        act(letter, "approve", "budi")
    act(letter, "approve", "budi", version=2)
    act(letter, "approve", "citra", version=2)
    with refused("letter_version_stale"):
        act(letter, "begin_signing", "eka", version=1)
    assert act(letter, "begin_signing", "eka", version=2) == "signing"
    assert act(letter, "signing_failed", "eka", note="Passphrase anda salah") == "ready"


def test_the_acting_holder_signs_only_in_the_period(pemda):
    registry = organisation(pemda)
    letter = new_letter(verifiers=())
    assert act(letter, "submit", "ani") == "ready"  # no verifiers: straight to the signer
    with refused("letter_action_not_allowed"):
        act(letter, "begin_signing", "fajar", version=1, registry=registry, day=DAY)
    inside = dt.date(2026, 5, 12)
    assert act(letter, "begin_signing", "fajar", version=1, registry=registry, day=inside)
    assert act(letter, "signing_unknown", "fajar") == "unknown"
    with refused("letter_action_not_allowed"):
        act(letter, "reconcile", "ani")
    with refused("letter_reconcile_outcome_invalid"):
        act(letter, "reconcile", "admin", outcome="sent")
    assert act(letter, "reconcile", "admin") == "ready"  # no signed bytes were stored
    act(letter, "begin_signing", "eka", version=1, registry=registry, day=inside)
    assert act(letter, "reconcile", "eka", registry=registry, outcome="signed") == "signed"


def test_rejected_and_withdrawn_letters_stay_so():
    rejected, withdrawn = new_letter(), new_letter()
    act(rejected, "submit", "ani")
    with refused("letter_note_required"):
        act(rejected, "reject", "budi")
    assert act(rejected, "reject", "budi", note="Bukan wewenang kita") == "rejected"
    assert act(withdrawn, "withdraw", "ani") == "withdrawn"
    for letter in (rejected, withdrawn):
        for who in PEOPLE:
            assert workflow.allowed_actions(letter, who, HELD.get(who, set()), ROLES[who]) == []
    with refused("letter_action_unknown"):
        act(rejected, "sign", "eka")


# -- the state machine: random sequences -----------------------------------------------------

VERIFIER_CHAINS = ((), ("SEKDIS",), ("SEKDIS", "KABID"), ("KABID", "KASI", "SEKDIS"))
SIGNING_STATES = frozenset({"signing", "unknown", "signed", "sent"})
CHART = {"KADIS": "eka", "SEKDIS": "budi", "KABID": "citra", "KASI": "dedi"}
REACHED: set[str] = set()  # the states the random runs got letters into


class LetterMachine(RuleBasedStateMachine):
    """Random people take random actions (allowed or not) with random versions and notes."""

    @initialize(day=st.sampled_from([DAY, dt.date(2026, 5, 15)]))
    def start(self, day):
        self.registry = organisation(shared_pemda())
        self.day = day
        self.letter = new_letter()
        self.seen_versions: dict[int, dict] = {1: dict(self.letter.versions[1].fields)}
        self.terminal = ""
        self.signers: list[tuple[str, dt.date]] = []
        self.reached = REACHED

    @rule(day=st.sampled_from([DAY, dt.date(2026, 5, 15), PLT_TO + dt.timedelta(days=1)]))
    def next_day(self, day):
        self.day = day

    @rule(
        who=st.sampled_from(PEOPLE),
        action=st.sampled_from(workflow.ACTIONS),
        which=st.sampled_from(["current", "stale", "none"]),
        note=st.sampled_from(["", "Mohon diperbaiki"]),
        chain=st.sampled_from(VERIFIER_CHAINS),
        outcome=st.sampled_from(["", "signed", "ready", "sent"]),
    )
    def take(self, who, action, which, note, chain, outcome):
        """Anyone tries anything, allowed or not, with any version and note."""
        self._attempt(who, action, which, note, chain, outcome)

    @rule(
        pick=st.integers(0, 50),
        chain=st.sampled_from(VERIFIER_CHAINS),
        outcome=st.sampled_from(["", "signed", "ready"]),
        ending=st.integers(0, 9),
    )
    def progress(self, pick, chain, outcome, ending):
        """Someone takes one of the actions offered to them, properly, so letters move on
        (and only now and then to an end: withdrawn or rejected)."""
        offered = [(who, action) for who in PEOPLE for action in self._offered(who)]
        if ending:
            offered = [(who, a) for who, a in offered if a not in ("withdraw", "reject")]
        if offered:
            who, action = offered[pick % len(offered)]
            self._attempt(who, action, "current", "Mohon diperbaiki", chain, outcome)

    def _offered(self, who: str) -> list[str]:
        letter = self.letter
        held = positions.codes_held(self.registry, who, self.day)
        offered = workflow.allowed_actions(letter, who, held, ROLES[who])
        if letter.state == "signing" and who == letter.signed_by:
            offered += workflow.SYSTEM_ACTIONS
        return offered

    def _attempt(self, who, action, which, note, chain, outcome):
        letter = self.letter
        held = positions.codes_held(self.registry, who, self.day)
        version = {"current": letter.version, "stale": letter.version - 1, "none": None}[which]
        allowed = workflow.allowed_actions(letter, who, held, ROLES[who])
        before = snapshot(letter)
        awaited = workflow.current_verifier(letter)
        options = {"version": version, "note": note, "outcome": outcome}
        fields = {"hal": f"Hal {len(self.seen_versions) + 1}", "verifiers": chain}
        try:
            workflow.apply(
                letter,
                action,
                who,
                positions_held=held,
                roles_in_unit=ROLES[who],
                fields=fields,
                **options,
            )
        except LontarError:
            assert snapshot(letter) == before  # a refusal changes nothing
            proper = which == "current" or (
                which == "none" and action not in workflow.NEEDS_VERSION
            )
            proper = proper and (action not in workflow.NEEDS_NOTE or note)
            proper = proper and not (action == "reconcile" and outcome == "sent")
            assert not (proper and action in allowed), (action, who)
            return
        self.reached.add(letter.state)
        assert before[0] not in workflow.TERMINAL
        assert who != "gita"  # the outsider never gets anything done
        assert action in allowed or action in workflow.SYSTEM_ACTIONS
        if action == "begin_signing":
            assert before[0] == "ready" and version == letter.version
            assert self._holds("KADIS", who), (who, self.day)
            self.signers.append((who, self.day))
        if action == "approve" or (action in workflow.NEEDS_NOTE and before[0] == "verification"):
            assert self._holds(awaited, who), (action, who, awaited)
        if action in workflow.NEEDS_NOTE and before[0] == "ready":
            assert self._holds("KADIS", who), (action, who)
        if action == "send":
            assert who in ("ani", "hadi", "admin", letter.signed_by) or self._holds("KADIS", who)
        if action == "edit":
            self.seen_versions[letter.version] = dict(letter.current.fields)

    def _holds(self, position: str, who: str) -> bool:
        """Independent of positions.held_by: the chart of organisation(), and fajar as Plt of
        the Kadis in the period."""
        if position == "KADIS" and who == "fajar":
            return PLT_FROM <= self.day <= PLT_TO
        return CHART.get(position) == who

    @invariant()
    def nothing_signed_unverified_or_stale(self):
        letter = self.letter
        if letter.state in SIGNING_STATES:
            assert workflow.fully_verified(letter)
            assert letter.signed_version == letter.version
            assert self.signers and self.signers[-1][0] == letter.signed_by

    @invariant()
    def no_version_is_lost_or_changed(self):
        letter = self.letter
        assert sorted(letter.versions.keys()) == list(range(1, len(self.seen_versions) + 1))
        for number, fields in self.seen_versions.items():
            assert letter.versions[number].fields == fields

    @invariant()
    def terminal_states_stay(self):
        if self.terminal:
            assert self.letter.state == self.terminal
        elif self.letter.state in workflow.TERMINAL:
            self.terminal = self.letter.state

    @invariant()
    def the_awaited_verifier_is_in_the_chain(self):
        letter = self.letter
        assert letter.state in workflow.STATES
        assert set(letter.approvals.keys()) <= set(workflow.verifiers_of(letter))
        if letter.state == "verification":
            assert letter.step < len(workflow.verifiers_of(letter))

    @precondition(lambda self: self.letter.state == "ready")
    @rule(who=st.sampled_from(PEOPLE))
    def only_the_signer_may_begin(self, who):
        held = positions.codes_held(self.registry, who, self.day)
        allowed = workflow.allowed_actions(self.letter, who, held, ROLES[who])
        assert ("begin_signing" in allowed) == self._holds("KADIS", who)


def snapshot(letter: Letter) -> tuple:
    versions = tuple((n, dict(v.fields)) for n, v in letter.versions.items())
    approvals = tuple(letter.approvals.items())
    return (
        letter.state,
        letter.step,
        letter.note,
        versions,
        approvals,
        letter.signed_by,
        letter.signed_version,
        letter.sent_by,
        len(letter.history),
    )


def test_random_action_sequences_keep_the_rules():
    REACHED.clear()
    run_state_machine_as_test(
        LetterMachine,
        settings=settings(
            max_examples=100,
            stateful_step_count=40,
            deadline=None,
            derandomize=True,  # the same runs each time, so the coverage check below holds
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    assert set(workflow.STATES) == REACHED  # the runs got letters into every state


def test_the_rules_catalogue_has_both_languages_and_is_registered():
    for key, entry in RULE_MESSAGES.items():
        assert set(entry) == {"id", "en"} and all(entry.values()), key
        assert MESSAGES[key] is entry
    for state in workflow.STATES:
        assert f"letter_state_{state}" in RULE_MESSAGES
    for action in workflow.ACTIONS:
        assert f"letter_history_{action}" in RULE_MESSAGES
    assert isinstance(AccessDenied("letter_action_not_allowed"), LontarError)
    assert RecordNotFound("position_not_found", code="X").message("en") == "There is no position X."
    unknown = InvalidInput("letter_pattern_unknown_token", token="nomor").message("en")
    assert unknown.startswith("The number pattern has an unknown part: {nomor}. Known parts: {kka}")


def test_a_live_signing_attempt_cannot_be_reconciled_away(monkeypatch):
    """Until any provider could still answer, `signing` is a live attempt: reconciling it
    would let its late answer land on a later version. After that, the signer or an
    Administrator may take the letter for a process that died."""
    monkeypatch.delenv("LONTAR_SIGNING", raising=False)
    letter = new_letter(verifiers=())
    act(letter, "submit", "ani")
    act(letter, "begin_signing", "eka", version=1)
    start = dt.datetime(2026, 5, 4, 3, 0, tzinfo=dt.UTC)
    letter.signing_started, letter.signing_attempt = start, "L1-a"
    with clock.frozen(start + dt.timedelta(minutes=4)):
        assert "reconcile" not in workflow.allowed_actions(letter, "admin", set(), ROLES["admin"])
        with refused("letter_action_not_allowed"):
            act(letter, "reconcile", "eka", outcome="ready")
    monkeypatch.setenv("LONTAR_SIGNING", "bsre")
    monkeypatch.setenv("LONTAR_BSRE_TIMEOUT", "120")
    with clock.frozen(start + dt.timedelta(seconds=179)):
        assert "reconcile" not in workflow.allowed_actions(letter, "eka", {"KADIS"}, ROLES["eka"])
    with clock.frozen(start + dt.timedelta(seconds=181)):
        assert act(letter, "reconcile", "admin", outcome="ready") == "ready"
    assert letter.signing_attempt == "" and letter.security == ""


def test_a_failed_attempt_forgets_the_class_fixed_for_it():
    """The class fixed in transaction A holds for that attempt only: after a failure the
    letter may be edited to a stricter sifat, which must count at once."""
    letter = new_letter(verifiers=())
    act(letter, "submit", "ani")
    act(letter, "begin_signing", "eka", version=1)
    letter.security, letter.signing_attempt = "B", "L1-a"
    act(letter, "signing_failed", "eka", note="signing_failed")
    assert (letter.state, letter.security, letter.signing_attempt) == ("ready", "", "")
