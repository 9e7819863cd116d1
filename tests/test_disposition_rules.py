"""The visibility rule of received letters as a property: random organisation trees, random
dispositions, reads, cancels and closes, and after every step exactly the people the rule
names can open the letter (lontar.letters.incoming), its document
(lontar.letters.incoming_document) and its thread in the records tree (lontar.records.show,
the strict record view) and finds its document in search (the index, brought up to date in
the search step). The oracle is written here from the rule's words, not
from the code:

    cleared for the letter's class, and one of: a registry clerk of its unit (Pencatat,
    Administrator), the registrar, a holder of the position it is addressed to, a holder of
    either end of a live (not cancelled) disposition, an account that gave or closed one.

So a subordinate never opens it before something is disposed to them. Real parts throughout:
one FileStorage repository for the module, the ingest."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core import clock
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.security import ADMIN
from tests.conftest import make_pdf

PASSWORD = "kata-sandi-uji-1"
# account: (role, unit, clearance); the registry clerk and an outsider of another OPD too
ACCOUNTS = {
    "ani": ("Pejabat", "DINKES", "R"),
    "bima": ("Pejabat", "DINKES", "T"),
    "cici": ("Staf", "DINKES", "B"),
    "dodi": ("Staf", "DINKES.P2P", "T"),
    "eka": ("Staf", "DINKES.P2P", "R"),
    "fani": ("Staf", "DINKES.P2P", "B"),
    "clerk": ("Pencatat", "DINKES", "R"),
    "luar": ("Pejabat", "DPK", "R"),
}
RANK = {"B": 0, "T": 1, "R": 2, "SR": 3}
COUNTER = itertools.count(1)
WORDS = ("kelinci", "merpati", "cendana", "gelatik", "kenari", "rajawali", "cucakrawa")


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    home = Home.resolve(tmp_path_factory.mktemp("rules") / "home")
    home.ensure()
    lontar = Lontar(home)
    lontar.init("ID-T", "Pemerintah Kota Uji")
    lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
    lontar.records.add_unit(ADMIN, "DINKES.P2P", "Bidang P2P", "DINKES")
    lontar.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
    for name, (role, unit, clearance) in ACCOUNTS.items():
        lontar.access.add_account(
            ADMIN, name, PASSWORD, {role}, unit=unit, full_name=name.title(), clearance=clearance
        )
    yield lontar
    lontar.close()


class Chain(RuleBasedStateMachine):
    """One received letter per run, in a fresh random tree of positions."""

    service: Lontar
    dispositions = Bundle("dispositions")

    @initialize(
        shape=st.lists(
            st.tuples(st.integers(0, 10), st.booleans(), st.sampled_from([*ACCOUNTS, None])),
            min_size=2,
            max_size=6,
        ),
        root_holder=st.sampled_from(["ani", "bima"]),
        security=st.sampled_from(["B", "T"]),
    )
    def build(self, shape, root_holder, security):
        # Hypothesis seeds the global `random` alike at the start of every example, and Whoosh
        # names each new index segment from it: the first writer of every example would take
        # the name of the segment an earlier one committed to this shared index and truncate
        # its files (FileFormatError). A Lontar process is seeded once, from the OS; so here.
        random.seed()
        n = next(COUNTER)
        self.codes = [f"R{n}P0"]
        self.parent = {self.codes[0]: ""}
        self.holder = {self.codes[0]: root_holder}
        self.rank = {self.codes[0]: 1}
        letters = self.service.letters
        letters.save_position(
            ADMIN, self.codes[0], unit="DINKES", name="Kepala", holder=root_holder, rank=1
        )
        for i, (pick, p2p, holder) in enumerate(shape, start=1):
            code, parent = f"R{n}P{i}", self.codes[pick % len(self.codes)]
            rank = min(self.rank[parent] + 1, 4)
            unit = "DINKES.P2P" if p2p else "DINKES"
            letters.save_position(
                ADMIN, code, unit=unit, name=f"Jabatan {i}", parent=parent,
                holder=holder or "", rank=rank,
            )  # fmt: skip
            self.codes.append(code)
            self.parent[code], self.holder[code], self.rank[code] = parent, holder, rank
        self.security = security
        self.word = f"{WORDS[n % len(WORDS)]}{n}"
        sifat = {"B": "biasa", "T": "terbatas"}[security]
        made = letters.register_external(
            ADMIN,
            "DINKES",
            {
                "sender": "Kementerian Kesehatan",
                "their_number": f"PR/{n}",
                "their_date": clock.today(),
                "hal": f"Surat {self.word}",
                "sifat": sifat,
                "classification": "",
                "addressed": self.codes[0],
            },
            [(f"surat{n}.pdf", make_pdf(f"Surat {self.word}", f"Isi {self.word} nomor {n}."))],
        )
        self.incoming = made["id"]
        self.document = made["report"]["accepted"][0]["id"]
        self.thread = made["thread"]
        self.given: dict[str, dict] = {}  # disposition id -> its facts, as the oracle keeps them

    # -- the oracle ---------------------------------------------------------------------------
    def cleared(self, account: str) -> bool:
        return RANK[ACCOUNTS[account][2]] >= RANK[self.security]

    def held(self, account: str) -> set[str]:
        return {code for code, holder in self.holder.items() if holder == account}

    def below(self, code: str) -> set[str]:
        found = {c for c, p in self.parent.items() if p == code}
        for child in list(found):
            found |= self.below(child)
        return found

    def above(self, code: str) -> set[str]:
        found, parent = set(), self.parent[code]
        while parent:
            found.add(parent)
            parent = self.parent[parent]
        return found

    def beside(self, code: str) -> set[str]:
        """Sideways ("coordinate"): a sibling, or the same set rank in the OPD (all of these
        trees are in DINKES); never a superior nor a subordinate."""
        return {
            c
            for c in self.codes
            if c != code
            and c not in self.above(code) | self.below(code)
            and ((self.parent[c] and self.parent[c] == self.parent[code])
                 or self.rank[c] == self.rank[code])
        }  # fmt: skip

    def may_see(self, account: str) -> bool:
        if not self.cleared(account):
            return False
        if ACCOUNTS[account][0] == "Pencatat" and ACCOUNTS[account][1] == "DINKES":
            return True
        mine = self.held(account)
        if self.codes[0] in mine:
            return True
        for facts in self.given.values():
            if account in (facts["by"], facts["closed_by"]):
                return True
            if not facts["cancelled"] and {facts["from"], facts["to"]} & mine:
                return True
        return False

    def open_to(self, account: str) -> list[str]:
        """Open dispositions to a position the account holds (what they may pass on)."""
        mine = self.held(account)
        return [
            i
            for i, f in self.given.items()
            if not f["cancelled"] and not f["closed"] and f["to"] in mine
        ]

    # -- what people do -----------------------------------------------------------------------
    def sources(self, account: str) -> list[tuple[str, str]]:
        """Where the account may dispose from: the addressed position, open dispositions."""
        if self.state() not in ("registered", "disposed"):
            return []
        found = [(self.codes[0], "")] if self.codes[0] in self.held(account) else []
        return found + [(self.given[i]["to"], i) for i in self.open_to(account)]

    @rule(actor=st.sampled_from(sorted(ACCOUNTS)), pick=st.integers(0, 50))
    def dispose_without_standing(self, actor, pick):
        """Someone who neither holds the addressed position nor an open disposition's."""
        if self.sources(actor) or not self.codes[1:]:
            return
        to = self.codes[1:][pick % len(self.codes[1:])]
        caller = self.service.access.caller(actor)
        expected = AccessDenied if self.may_see(actor) else RecordNotFound
        with pytest.raises((expected, InvalidInput)) as refused:
            self.service.letters.dispose(caller, self.incoming, [to], ["untuk_diketahui"])
        if refused.type is InvalidInput:  # a letter no longer open says so, to those who see it
            assert refused.value.key.startswith("disposition_incoming_state_")
            assert self.may_see(actor)

    @rule(
        target=dispositions,
        who=st.integers(0, 20),
        pick=st.integers(0, 50),
        through=st.integers(0, 5),
        sideways=st.booleans(),
    )
    def dispose(self, who, pick, through, sideways):
        eligible = [a for a in sorted(ACCOUNTS) if self.sources(a)]
        if not eligible:
            return multiple()  # nobody may pass it on now: a step that does nothing
        actor = eligible[who % len(eligible)]
        sources = self.sources(actor)
        source, parent = sources[through % len(sources)]
        candidates = sorted(self.beside(source) if sideways else self.below(source))
        if not candidates:
            return multiple()
        to = candidates[pick % len(candidates)]
        holder = self.holder[to]
        waiting = any(
            f["to"] == to and not f["cancelled"] and not f["closed"] for f in self.given.values()
        )
        caller = self.service.access.caller(actor)
        try:
            (made,) = self.service.letters.dispose(
                caller, self.incoming, [to], ["untuk_diketahui"], parent=parent,
                kind="coordinate" if sideways else "down",
            )  # fmt: skip
        except InvalidInput as refused:
            if waiting:
                assert refused.key == "disposition_target_duplicate"
            else:
                assert refused.key == "disposition_not_cleared"
                assert holder is not None and not self.cleared(holder)
            return multiple()
        assert not waiting and (holder is None or self.cleared(holder))
        self.reads(actor)
        self.given[made] = {"from": source, "to": to, "by": actor, "read": False,
                            "cancelled": False, "closed": False, "closed_by": ""}  # fmt: skip
        return made

    @rule(who=st.integers(0, 20), through=st.integers(0, 5), sideways=st.booleans())
    def dispose_upward(self, who, through, sideways):
        """Neither down nor sideways ever reaches a superior of the position disposed from."""
        eligible = [a for a in sorted(ACCOUNTS) if self.sources(a)]
        if not eligible:
            return
        actor = eligible[who % len(eligible)]
        source, parent = self.sources(actor)[through % len(self.sources(actor))]
        for to in sorted(self.above(source)):
            with pytest.raises(InvalidInput) as refused:
                self.service.letters.dispose(
                    self.service.access.caller(actor), self.incoming, [to], ["untuk_diketahui"],
                    parent=parent, kind="coordinate" if sideways else "down",
                )  # fmt: skip
            assert refused.value.key == "disposition_target_invalid"

    def reads(self, account: str) -> None:
        """Opening or acting on the letter reads every open disposition to a position the
        account holds (read marks are the recipient's, whichever of their parts they act on)."""
        for facts in self.given.values():
            if facts["to"] in self.held(account) and not facts["cancelled"]:
                facts["read"] = facts["read"] or not facts["closed"]

    @rule(disposition=dispositions)
    def read(self, disposition):
        facts = self.given[disposition]
        holder = self.holder[facts["to"]]
        if holder is None or not self.may_see(holder):
            return
        self.service.letters.mark_incoming_read(self.service.access.caller(holder), self.incoming)
        self.reads(holder)

    @rule(disposition=dispositions)
    def cancel(self, disposition):
        facts = self.given[disposition]
        caller = self.service.access.caller(facts["by"])
        allowed = not (facts["read"] or facts["cancelled"] or facts["closed"])
        try:
            self.service.letters.cancel_disposition(caller, disposition)
        except (InvalidInput, AccessDenied, RecordNotFound):
            assert not allowed
            return
        assert allowed
        facts["cancelled"] = True

    @rule(disposition=dispositions)
    def close(self, disposition):
        facts = self.given[disposition]
        holder = self.holder[facts["to"]]
        if holder is None:
            return
        caller = self.service.access.caller(holder)
        allowed = not (facts["cancelled"] or facts["closed"])
        try:
            self.service.letters.close_disposition(caller, disposition, "Selesai")
        except (InvalidInput, AccessDenied, RecordNotFound):
            assert not allowed
            return
        assert allowed
        self.reads(holder)
        facts.update(closed=True, read=True, closed_by=holder)

    @rule()
    def search(self):
        """Search follows the rule too, once the index has caught up: the letter's document
        is found by its word by exactly those who may open the letter."""
        self.service.index.catch_up(ocr=False)
        for account in ACCOUNTS:
            caller = self.service.access.caller(account)
            hits = self.service.records.search(caller, SearchRequest(query=self.word)).hits
            assert (self.document in {hit.id for hit in hits}) == self.may_see(account), account

    # -- after every step ---------------------------------------------------------------------
    def state(self) -> str:
        with reading(self.service.db) as root:
            return pemda_of(root).letters.incoming[self.incoming].state

    @invariant()
    def exactly_those_the_rule_names(self):
        if not hasattr(self, "incoming"):
            return
        letters, records = self.service.letters, self.service.records
        for account in ACCOUNTS:
            caller = self.service.access.caller(account)
            expected = self.may_see(account)
            seen = (
                opens(lambda c=caller: letters.incoming(c, self.incoming)),
                opens(lambda c=caller: letters.incoming_document(c, self.incoming, self.document)),
                opens(lambda c=caller: records.show(c, self.thread)),
            )
            assert seen == (expected,) * 3, account

    @invariant()
    def the_state_follows_the_chain(self):
        if not hasattr(self, "incoming"):
            return
        live = [f for f in self.given.values() if not f["cancelled"]]
        expected = "registered" if not live else "done"
        if any(not f["closed"] for f in live):
            expected = "disposed"
        assert self.state() == expected


def opens(read) -> bool:
    try:
        read()
    except RecordNotFound:
        return False
    return True


def test_visibility_follows_the_chain(shared):
    Chain.service = shared
    run = Chain.TestCase
    run.settings = settings(
        max_examples=30,
        stateful_step_count=10,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    run().runTest()
