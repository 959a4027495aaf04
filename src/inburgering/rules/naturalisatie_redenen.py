"""The reasons of the naturalisation date (``naturalisatieVroegst``), in both languages.

Kept apart from the rule (:mod:`inburgering.rules.naturalisatie`) because the table is long: a
reason per way the day comes about (the requirement it is met under, the hardship clause, rules
other than the peildatum's, a bound from the permit) and per way it is unknown. The rule for
what is missing (:mod:`inburgering.rules.naturalisatie_ontbreekt`) shares its first text.
"""

from __future__ import annotations

from inburgering.rules.base import Reason, Reasons

VROEGST = Reasons.of(
    onbekend=Reason(
        "Unknown: the date of lawful residence is missing.", "Onbekend: de datum van rechtmatig verblijf ontbreekt."
    ),
    verblijf_verlopen=Reason(
        "Unknown: every listed residence permit ended before the peildatum. Naturalisation asks lawful residence "
        "without interruption up to the request (RWN art. 8.1.c); a renewal requested in time keeps it (Vw 2000 "
        "art. 8 g, h), and that is not given.",
        "Onbekend: elke opgegeven verblijfsvergunning eindigde vóór de peildatum. Naturalisatie vraagt "
        "ononderbroken rechtmatig verblijf tot het verzoek (RWN art. 8.1.c); een tijdig aangevraagde verlenging "
        "houdt dat in stand (art. 8 g, h Vw 2000), en die is niet opgegeven.",
    ),
    tijdelijk=Reason(
        "Not applicable: residence for a temporary purpose does not count towards naturalisation (RWN art. 8.1.c).",
        "Niet van toepassing: verblijf met een tijdelijk doel telt niet mee voor naturalisatie (RWN art. 8.1.c).",
        leeg="nvt",
    ),
    nooit=Reason(
        "No date: the person is shown to be unable to meet the language requirement, and the rules ahead have no "
        "hardship clause for that.",
        "Geen datum: betrokkene kan aantoonbaar niet aan de taaleis voldoen, en de regels die gaan gelden hebben "
        "daarvoor geen hardheidsclausule.",
        leeg="geen",
    ),
    inburgering_onbekend=Reason(
        "Unknown: the rules that will apply ask the integration obligation met, and whether it is met is unknown "
        "(see 'obligation met on': an input it turns on is not given, such as the PIP's date, the Z-route's hours "
        "or the learnability test's result).",
        "Onbekend: de regels die gaan gelden vragen dat aan de inburgeringsplicht is voldaan, en of dat zo is, is "
        "onbekend (zie 'plicht voldaan op': een gegeven waar dat van afhangt ontbreekt, zoals de datum van het PIP, "
        "de uren van de Z-route of de uitslag van de leerbaarheidstoets).",
    ),
    vergunningen_onbekend=Reason(
        "Unknown: the rules that will apply ask for {naturalisatie.min_tijdelijke_vergunningen} temporary residence "
        "permits held, and the permits are not listed (give the list of permits to know the day).",
        "Onbekend: de regels die gaan gelden vragen {naturalisatie.min_tijdelijke_vergunningen} gehouden tijdelijke "
        "verblijfsvergunningen, en de vergunningen zijn niet opgegeven (geef de lijst van vergunningen op om de dag "
        "te kennen).",
    ),
    nog_niet=Reason(
        "No date yet: the integration requirement, or the temporary permits held, of the rules that will apply when the "
        "residence years are complete are not met on the peildatum (see 'missing for naturalisation'). The date "
        "follows once they are.",
        "Nog geen datum: aan het inburgeringsvereiste, of het aantal gehouden tijdelijke vergunningen, van de regels "
        "die gelden zodra de verblijfsjaren vol zijn, is op de peildatum niet voldaan (zie 'ontbreekt voor naturalisatie'). "
        "De datum volgt zodra dat wel zo is.",
        leeg="geen",
    ),
    datum_vanaf_vergunning=Reason(
        "Earliest day on which the conditions of the rules then in force are met, the residence years counted "
        "from the permit because the asylum application's date is not given: an asylum permit counts from the "
        "application (Vw 2000 art. 44.2), so with that date the day may be earlier (RWN art. 8.1 a, c, d).",
        "Vroegste dag waarop aan de voorwaarden van de dan geldende regels is voldaan, de verblijfsjaren gerekend "
        "vanaf de vergunning omdat de datum van de asielaanvraag niet is opgegeven: een asielvergunning telt vanaf "
        "de aanvraag (art. 44.2 Vw 2000), dus met die datum kan de dag eerder liggen (RWN art. 8.1 a, c, d).",
    ),
    na_afwijzing=Reason(
        "Earliest day on which the conditions of the rules then in force are met, the residence years counted "
        "from the permit: the asylum application was rejected and the lawful stay ended before the permit came. "
        "If the permit followed an appeal, the years count from the application (Vw 2000 art. 44.2) and the day "
        "may be earlier; if it followed a new application, from that one (RWN art. 8.1 a, c, d).",
        "Vroegste dag waarop aan de voorwaarden van de dan geldende regels is voldaan, de verblijfsjaren gerekend "
        "vanaf de vergunning: de asielaanvraag werd afgewezen en het rechtmatig verblijf eindigde voordat de "
        "vergunning kwam. Volgde de vergunning op een beroep, dan tellen de jaren vanaf de aanvraag (art. 44.2 Vw "
        "2000) en kan de dag eerder liggen; volgde zij op een nieuwe aanvraag, dan vanaf die (RWN art. 8.1 a, c, d).",
    ),
    datum_andere_regels=Reason(
        "Earliest day (not before the day of the request, where given) on which the conditions of the rules then "
        "in force are met; those rules are not the peildatum's (a change of the law or the scenario in between), "
        "and the day is theirs: the residence years, the temporary permits and the integration requirement they "
        "set (see the scenario's parameters; RWN art. 8.1 a, c, d; a request is judged by the rules of its day).",
        "Vroegste dag (niet voor de dag van het verzoek, als die is opgegeven) waarop aan de voorwaarden van de dan "
        "geldende regels is voldaan; dat zijn niet de regels van de peildatum (een wijziging van de wet of het "
        "scenario tussendoor), en de dag is die van die regels: de verblijfsjaren, de tijdelijke vergunningen en het "
        "inburgeringsvereiste die zij stellen (zie de parameters van het scenario; RWN art. 8.1 a, c, d; een verzoek "
        "wordt beoordeeld naar de regels van de dag waarop het wordt gedaan).",
    ),
    datum=Reason(
        "Earliest day (not before the day of the request, where given) on which the conditions of the rules then "
        "in force are met: aged {naturalisatie.minimumleeftijd} or more, {naturalisatie.verblijfsjaren} years of "
        "residence counted from the permit (an asylum permit from the asylum application, Vw 2000 art. 44.2), the "
        "temporary permits held where the rules ask for them, and the integration requirement: the naturalisation test "
        "at A2 (reading, listening, writing, speaking and KNM) or a diploma that exempts from it (RWN art. 8.1 a, c, "
        "d; Besluit naturalisatietoets art. 3).",
        "Vroegste dag (niet voor de dag van het verzoek, als die is opgegeven) waarop aan de voorwaarden van de dan "
        "geldende regels is voldaan: {naturalisatie.minimumleeftijd} jaar of ouder, {naturalisatie.verblijfsjaren} "
        "jaar verblijf gerekend vanaf de vergunning (een asielvergunning vanaf de asielaanvraag, art. 44.2 Vw 2000), "
        "de gehouden tijdelijke vergunningen waar de regels die vragen, en het inburgeringsvereiste: de naturalisatietoets "
        "op A2 (lezen, luisteren, schrijven, spreken en KNM) of een diploma dat ervan vrijstelt (RWN art. 8.1 a, c, "
        "d; art. 3 Besluit naturalisatietoets).",
    ),
    datum_b1=Reason(
        "Earliest day (not before the day of the request, where given) on which the conditions of the rules then "
        "in force are met: aged {naturalisatie.minimumleeftijd} or more, {naturalisatie.verblijfsjaren} years of "
        "residence counted from the permit (an asylum permit from the asylum application, Vw 2000 art. 44.2), the "
        "temporary permits held where the rules ask for them, and the integration requirement: the four language "
        "components at B1 and KNM, as the rules of the scenario ask (RWN art. 8.1 a, c, d).",
        "Vroegste dag (niet voor de dag van het verzoek, als die is opgegeven) waarop aan de voorwaarden van de dan "
        "geldende regels is voldaan: {naturalisatie.minimumleeftijd} jaar of ouder, {naturalisatie.verblijfsjaren} "
        "jaar verblijf gerekend vanaf de vergunning (een asielvergunning vanaf de asielaanvraag, art. 44.2 Vw 2000), "
        "de gehouden tijdelijke vergunningen waar de regels die vragen, en het inburgeringsvereiste: de vier taalonderdelen "
        "op B1 en KNM, zoals de regels van het scenario vragen (RWN art. 8.1 a, c, d).",
    ),
    datum_inburgering=Reason(
        "Earliest day (not before the day of the request, where given) on which the conditions of the rules then "
        "in force are met: aged {naturalisatie.minimumleeftijd} or more, {naturalisatie.verblijfsjaren} years of "
        "residence counted from the permit (an asylum permit from the asylum application, Vw 2000 art. 44.2), the "
        "temporary permits held where the rules ask for them, and the integration requirement: the integration "
        "obligation met at the level of the route followed, or the naturalisation test at A2, as the rules of the "
        "scenario ask (RWN art. 8.1 a, c, d).",
        "Vroegste dag (niet voor de dag van het verzoek, als die is opgegeven) waarop aan de voorwaarden van de dan "
        "geldende regels is voldaan: {naturalisatie.minimumleeftijd} jaar of ouder, {naturalisatie.verblijfsjaren} "
        "jaar verblijf gerekend vanaf de vergunning (een asielvergunning vanaf de asielaanvraag, art. 44.2 Vw 2000), "
        "de gehouden tijdelijke vergunningen waar de regels die vragen, en het inburgeringsvereiste: aan de "
        "inburgeringsplicht voldaan op het niveau van de gevolgde route, of de naturalisatietoets op A2, zoals de "
        "regels van het scenario vragen (RWN art. 8.1 a, c, d).",
    ),
    datum_hardheid=Reason(
        "Earliest day (not before the day of the request, where given) on which the conditions of the rules then "
        "in force are met, the language requirement set "
        "aside by the hardship clause because the person is shown unable to meet it (in the law in force: an "
        "impairment, or the efforts made, Besluit naturalisatietoets art. 4 a, b; under a reform, its own clause). "
        "The IND judges that evidence; without it, the day follows from the exams (RWN art. 8.1 a, c, d).",
        "Vroegste dag (niet voor de dag van het verzoek, als die is opgegeven) waarop aan de voorwaarden van de dan "
        "geldende regels is voldaan, de taaleis buiten "
        "beschouwing gelaten op grond van de hardheidsclausule omdat betrokkene aantoonbaar niet aan die eis kan "
        "voldoen (in de geldende wet: een beperking, of de geleverde inspanningen, art. 4 a, b Besluit "
        "naturalisatietoets; onder een hervorming haar eigen clausule). De IND beoordeelt dat bewijs; zonder dat "
        "volgt de dag uit de examens (RWN art. 8.1 a, c, d).",
    ),
)
