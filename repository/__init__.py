"""Lontar's domain on ZODB: content model, ingest, services. No Streamlit in here."""
