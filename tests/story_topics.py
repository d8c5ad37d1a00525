"""Hand-written topics for store and ingest tests: each topic's sentences are mixed into
articles, so articles of one topic form one story and topics stay apart."""

TOPICS = {
    "quake": (
        "A strong earthquake struck the coastal province of Valdoria early on Monday",
        "Rescue teams searched collapsed buildings in the port city of Marenza",
        "The seismology institute measured the tremor at magnitude seven",
        "Aftershocks rattled villages along the fault line for hours",
        "Hospitals in Marenza treated hundreds of injured residents overnight",
        "Engineers inspected the damaged harbour bridge and closed it to traffic",
    ),
    "election": (
        "Voters in Estrovia chose a new parliament in a closely fought election",
        "The opposition alliance led by Ilona Varga claimed a narrow majority",
        "Turnout reached sixty percent according to the electoral commission",
        "Prime minister Tomas Brell conceded defeat in a speech to supporters",
        "Coalition talks between the alliance and the farmers party begin next week",
        "Observers from the regional assembly reported no serious irregularities",
    ),
    "chips": (
        "The semiconductor maker Quantell unveiled a new processor factory in Ohio",
        "Quantell said the plant would employ three thousand workers by next year",
        "Shares of the chipmaker rose after the announcement on Wall Street",
        "Analysts said wafer production capacity would double within two years",
        "The governor praised the investment in advanced lithography equipment",
        "Rival foundries are expected to respond with their own expansion plans",
    ),
    "football": (
        "Northbridge Rovers won the cup final after a dramatic penalty shootout",
        "Goalkeeper Sami Okafor saved two penalties at the packed stadium",
        "The striker Lucas Ferreira scored an equaliser in stoppage time",
        "Fans celebrated in the streets of Northbridge until the early morning",
        "The manager dedicated the trophy to the club's youth academy",
        "Rovers will now play in the continental championship next season",
    ),
}
OUTLETS = ("Daily Courier", "Evening Ledger", "Metro Herald", "Coast Gazette", "Wire Service")
