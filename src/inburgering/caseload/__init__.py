"""A municipality's own caseload (issue #7): a safe import, and a forecast under each scenario.

Personal data under the AVG: columns that are not needed are refused, case numbers are
pseudonymised with a keyed HMAC, nothing personal is logged, aggregates suppress counts
under 10, and nothing is kept after a run unless the person table is asked for.
See docs/caseload.md and docs/privacy.md.
"""
