"""A municipality's own caseload (issue #7): a safe import now, the forecast next.

Personal data under the AVG: columns that are not needed are refused, case numbers are
pseudonymised with a keyed HMAC, nothing personal is logged, and nothing is kept after a run.
See docs/privacy.md.
"""
