"""The search index on PostgreSQL full-text search: the same rows, queue and writer contract as
the Whoosh index, in a database every app node reaches (see indexes/backend.py)."""
