"""What every page shares: the frame (language, login, role-aware sidebar) and renderers.

No database or index code here: pages and this package talk to `repository.app.Lontar` only.
"""
