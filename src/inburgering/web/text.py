"""Words of the web page in Dutch and English (one place, both languages side by side)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "site": {
        "nl": "Inburgering: de wet, de voorstellen en wat ze betekenen",
        "en": "Civic integration: the law, the proposals and what they mean",
    },
    "home": {"nl": "Start", "en": "Home"},
    "persoon": {"nl": "Wat geldt voor mij", "en": "Person calculator"},
    "scenario": {"nl": "Scenario maken", "en": "Build a scenario"},
    "vergelijken": {"nl": "Vergelijken", "en": "Compare"},
    "taalwissel": {"nl": "English", "en": "Nederlands"},
    "skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "intro": {
        "nl": "Deze site rekent de Wet inburgering 2021 en de voorstellen van 2026 door: voor één persoon, als scenario, en voor heel Nederland met onzekerheid. Elk antwoord noemt het artikel waarop het rust.",
        "en": "This site works out the Wet inburgering 2021 and the 2026 proposals: for one person, as a scenario, and for the whole country with uncertainty. Every answer names the article it rests on.",
    },
    "persoon_intro": {
        "nl": "Vul in wat u weet. Gebruik geen naam of BSN: de gegevens worden alleen voor deze berekening gebruikt en niet bewaard.",
        "en": "Fill in what you know. Do not use a name or BSN: the data are used for this calculation only and are not kept.",
    },
    "bereken": {"nl": "Bereken", "en": "Calculate"},
    "peildatum": {"nl": "Peildatum", "en": "Reference date"},
    "scenarios": {"nl": "Scenario's", "en": "Scenarios"},
    "uitkomst": {"nl": "Uitkomst", "en": "Outcome"},
    "waarom": {"nl": "Waarom", "en": "Why"},
    "eigen_scenario": {"nl": "Eigen scenario (YAML)", "en": "Own scenario (YAML)"},
    "eigen_scenario_hint": {
        "nl": "Een scenario uit de scenariobouwer of een eigen bestand; het wordt alleen voor deze pagina gebruikt en niet bewaard.",
        "en": "A scenario from the scenario builder or a file of your own; it is used for this page only and not kept.",
    },
    "gebruik_persoon": {"nl": "Gebruik voor één persoon", "en": "Use for one person"},
    "gebruik_vergelijking": {"nl": "Gebruik in een vergelijking", "en": "Use in a comparison"},
    "tijdlijn": {"nl": "Wat komt er aan", "en": "What is coming"},
    "tijdlijn_intro": {
        "nl": "Uw eigen data vanaf de peildatum, en de dagen waarop een wijziging van de wet een antwoord voor u verandert (de komende {years} jaar). Op die dagen is het antwoord vergeleken met wat de wet van de dag ervoor zou geven.",
        "en": "Your own dates from the reference date on, and the days on which a change in the law changes an answer for you (the next {years} years). On those days the answer is compared with what the law of the day before would give.",
    },
    "tijdlijn_leeg": {
        "nl": "Niets met een datum in de komende {years} jaar.",
        "en": "Nothing dated in the next {years} years.",
    },
    "artikel": {"nl": "Artikel", "en": "Article"},
    "fouten": {"nl": "Controleer de invoer", "en": "Please check the input"},
    "onbekend": {"nl": "onbekend", "en": "unknown"},
    "ja": {"nl": "ja", "en": "yes"},
    "nee": {"nl": "nee", "en": "no"},
    "scenario_intro": {
        "nl": "Kies per onderwerp de waarden van uw scenario. Elke regel toont de huidige waarde en de bron. Controleer het scenario en download het als YAML.",
        "en": "Choose your scenario's values per topic. Each line shows the current value and its source. Check the scenario and download it as YAML.",
    },
    "controleer": {"nl": "Controleer", "en": "Check"},
    "download": {"nl": "Download als YAML", "en": "Download as YAML"},
    "geldig": {"nl": "Het scenario is geldig.", "en": "The scenario is valid."},
    "huidig": {"nl": "huidige waarde", "en": "current value"},
    "ingang": {"nl": "Ingangsdatum", "en": "Effective date"},
    "naam": {
        "nl": "Naam van het scenario (kleine letters en streepjes)",
        "en": "Scenario name (lower case and hyphens)",
    },
    "vergelijken_intro": {
        "nl": "Kies de scenario's (het eerste is de basis) en het aantal trekkingen. De berekening loopt op de achtergrond; deze pagina toont de voortgang.",
        "en": "Choose the scenarios (the first is the baseline) and the number of draws. The run works in the background; this page shows its progress.",
    },
    "start": {"nl": "Start de vergelijking", "en": "Start the comparison"},
    "trekkingen": {"nl": "Trekkingen", "en": "Draws"},
    "schaal": {"nl": "Schaal van de populatie (1 = heel Nederland)", "en": "Population scale (1 = the whole country)"},
    "bezig": {"nl": "Bezig", "en": "Running"},
    "gereed": {"nl": "Gereed", "en": "Finished"},
    "voortgang": {"nl": "Voortgang", "en": "Progress"},
    "taken": {"nl": "taken klaar", "en": "tasks done"},
    "ververs": {
        "nl": "Deze pagina ververst zichzelf elke 3 seconden.",
        "en": "This page refreshes itself every 3 seconds.",
    },
    "downloads": {"nl": "Downloads", "en": "Downloads"},
    "opgeslagen": {"nl": "Opgeslagen berekening", "en": "Stored run"},
    "mislukt": {"nl": "De berekening is mislukt.", "en": "The run failed."},
    "onderbroken": {
        "nl": "De berekening is onderbroken; start haar opnieuw om verder te gaan.",
        "en": "The run was interrupted; start it again to resume.",
    },
    "nietGestart": {
        "nl": "De berekening stond in de wachtrij toen de server stopte; start haar opnieuw.",
        "en": "The run was waiting when the server stopped; start it again.",
    },
    "gegevens": {"nl": "Gegevenstabel", "en": "Data table"},
    "caseload": {"nl": "Prognose caseload", "en": "Caseload forecast"},
    "caseload_intro": {
        "nl": "Upload de caseload van uw gemeente (CSV of XLSX, kolommen volgens het sjabloon) om te zien wie de termijn waarschijnlijk niet haalt, wat de komende jaren kosten tegenover de SPUK, en wat elk voorstel verandert. Het bestand wordt alleen voor deze berekening in het geheugen gelezen en niet bewaard; de uitkomst toont alleen totalen, met aantallen onder de 10 onderdrukt.",
        "en": "Upload your municipality's caseload (CSV or XLSX, columns as in the template) to see who is unlikely to finish in term, what the coming years cost against the SPUK, and what each proposal changes. The file is read in memory for this calculation only and not kept; the result shows totals only, with counts under 10 suppressed.",
    },
    "bestand": {"nl": "Caseloadbestand (CSV of XLSX)", "en": "Caseload file (CSV or XLSX)"},
    "sjabloon": {"nl": "Kolommen en sjabloon", "en": "Columns and template"},
    "per_persoon": {
        "nl": "Ook een tabel per persoon om te downloaden (op rijnummer in uw bestand)",
        "en": "Also a table per person to download (by row number in your file)",
    },
    "voorspel": {"nl": "Maak de prognose", "en": "Make the forecast"},
    "wacht": {
        "nl": "Een prognose duurt enkele seconden tot een minuut.",
        "en": "A forecast takes a few seconds to a minute.",
    },
}


def t(key: str, lang: str) -> str:
    """The word for ``key`` in ``lang``."""
    return WORDS[key][lang]
