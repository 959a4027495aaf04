"""Importing this module registers every rule (one module per topic of the law)."""

from inburgering.rules import (
    asiel,
    begeleiding,
    financiering,
    leerroute,
    naturalisatie,
    naturalisatie_ontbreekt,
    plicht,
    termijn,
    verblijf,
    verlenging,
    voldaan,
    voldaan_ontbreekt,
    voorinburgering,
    vrijstelling,
)

TOPICS = (
    plicht,
    vrijstelling,
    termijn,
    verlenging,
    leerroute,
    voldaan,
    voldaan_ontbreekt,
    begeleiding,
    verblijf,
    asiel,
    voorinburgering,
    naturalisatie,
    naturalisatie_ontbreekt,
    financiering,
)
