"""Marks the server's edge (``inburgering.api.limits``) leaves in a request's scope for the pages.

Here, below both, so that the pages need not import the API layer: a browser's upload over the
body limit is marked, and the caseload page answers it with its own error summary.
"""

TOO_LARGE = "inburgering.too_large"  # a page upload over the body limit (its value: the limit in bytes)
