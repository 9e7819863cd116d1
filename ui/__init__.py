"""What every page shares: the frame (language, login, role-aware sidebar, error guard), the
page registry the sidebar and every link are drawn from, the session's words, visits (audited
reads once per opening), and renderers.

No database or index code here: pages and this package talk to `repository.app.Lontar` only.
Modules import downward: `session` and `text` at the bottom, then `registry`, `visit`,
`params`, the renderers and `setup`, then `frame`, which only pages import.
"""
