"""The web page (issue #6): server-rendered, no CDN, no inline script, Dutch and English.

Pages: the person calculator (Wat geldt voor mij), the scenario builder (Scenario maken) and
the comparison (Vergelijken). Forms post their data; nothing personal goes into a URL. Styling
is the NL Design System component library CSS (vendored, EUPL-1.2) with our own design-token
theme; charts use plotly.js from the installed Python package.
"""
