"""Lontar's entry page: counts per unit and a search box. The full UI arrives with its pages.

Until accounts exist the app acts as the public: it shows only what anyone may see.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.config import Home
from repository.errors import LontarError
from repository.i18n import LANGUAGES, translate
from repository.security import ANONYMOUS


@st.cache_resource
def service() -> Lontar:
    return Lontar(Home.resolve())


def t(key: str, **params: object) -> str:
    return translate(key, st.session_state.get("lang", "id"), **params)


st.set_page_config(page_title="Lontar", page_icon="📜", layout="wide")
st.sidebar.selectbox(
    translate("language", "id") + " / Language",
    LANGUAGES,
    key="lang",
    format_func={"id": "Bahasa Indonesia", "en": "English"}.get,
)

try:
    lontar = service()
    info = lontar.pemda_info()
    units = lontar.units(ANONYMOUS)
except LontarError as exc:
    st.error(t("not_ready", detail=exc.message(st.session_state.get("lang"))))
    st.stop()

st.title(t("app_title", name=info["name"]))
st.caption(t("public_view"))

query = st.text_input(t("search_label"), key="q", help=t("search_help"))
if query:
    try:
        result = lontar.search(ANONYMOUS, SearchRequest(query=query, page_size=20))
    except LontarError as exc:
        st.error(exc.message(st.session_state.get("lang")))
    else:
        st.subheader(t("results_count", total=result.total))
        if not result.hits:
            st.info(t("no_results"))
        for hit in result.hits:
            with st.container(border=True):
                st.markdown(f"**{hit.title}**  \n`{hit.refcode}` · {hit.date or ''} · {hit.unit}")
                st.html(f"<div style='font-size:0.9em'>{hit.snippet}</div>")

st.subheader(t("records_per_unit"))
frame = pd.DataFrame(units).rename(
    columns={"code": t("col_unit"), "name": t("col_name"), "records": t("col_records")}
)[[t("col_unit"), t("col_name"), t("col_records")]]
st.bar_chart(frame, x=t("col_unit"), y=t("col_records"), horizontal=True)
st.dataframe(frame, hide_index=True, use_container_width=True)
