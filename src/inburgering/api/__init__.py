"""The REST API (issue #6), following the NL GOV REST API Design Rules.

``create_app()`` builds the FastAPI application; ``inburgering serve`` runs it with uvicorn.
Resources are Dutch plural nouns under ``/v1``; JSON keys are the lowerCamelCase Dutch terms of
the ``explain --format json`` contract; every error is ``application/problem+json``.
"""
