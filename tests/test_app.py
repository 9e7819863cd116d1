"""The entry page through Streamlit's AppTest, on a real repository."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT, add


@pytest.fixture
def app_home(service, monkeypatch):
    add(service, "a.txt", b"Pedoman pengarsipan surat dinas", unit="DPK")
    add(service, "b.txt", b"Audit rahasia pengarsipan", unit="DINKES", security="R")
    service.close()
    monkeypatch.setenv("LONTAR_HOME", str(service.home.path))
    return service.home


def _run(**state) -> AppTest:
    app = AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=60)
    app.run()
    return app


def test_home_shows_public_counts_per_unit_and_finds_records(app_home):
    import streamlit as st

    st.cache_resource.clear()
    app = _run()
    assert not app.exception
    table = app.dataframe[0].value
    counts = dict(zip(table.iloc[:, 0], table.iloc[:, 2], strict=True))
    assert counts == {"DINKES": 0, "DINKES.P2P": 0, "DPK": 1}
    app.text_input(key="q").input("arsip").run()
    assert "1 arsip ditemukan" in [s.value for s in app.subheader]
    assert "Audit" not in str(app.main)


def test_bad_query_is_a_message_not_a_traceback(app_home):
    import streamlit as st

    st.cache_resource.clear()
    app = _run()
    app.text_input(key="q").input("tanggal:[a to b]").run()
    assert not app.exception and app.error and "Kueri" in app.error[0].value


def test_english_switch(app_home):
    import streamlit as st

    st.cache_resource.clear()
    app = _run()
    app.sidebar.selectbox[0].select("en").run()
    app.text_input(key="q").input("arsip").run()
    assert "1 records found" in [s.value for s in app.subheader]
