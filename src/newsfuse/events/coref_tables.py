"""Word tables of event coreference, kept as data: general English, no story's words.

DERIVATIONS maps a noun or adjective to the verb of the same event where the form is not a
plain suffix away ("death"/"die"); regular forms ("shooting"/"shoot") come from suffix rules.
SYNONYM_FAMILIES group event words that name the same kind of happening in news English;
the first word names the family.
"""

from __future__ import annotations

DERIVATIONS: dict[str, str] = {
    "death": "die",
    "dead": "die",
    "fatal": "die",
    "fatality": "die",
    "shot": "shoot",
    "gunshot": "shoot",
    "gunfire": "shoot",
    "killing": "kill",
    "murderer": "murder",
    "victory": "win",
    "win": "win",
    "winner": "win",
    "loss": "lose",
    "sale": "sell",
    "purchase": "buy",
    "arrival": "arrive",
    "departure": "depart",
    "trial": "try",
    "marriage": "marry",
    "wedding": "wed",
    "birth": "bear",
    "theft": "steal",
    "robbery": "rob",
    "burglary": "burgle",
    "failure": "fail",
    "approval": "approve",
    "refusal": "refuse",
    "resignation": "resign",
    "nomination": "nominate",
    "nominee": "nominate",
    "appointment": "appoint",
    "injury": "injure",
    "rescue": "rescue",
    "flight": "fly",
    "crash": "crash",
    "quake": "earthquake",
    "tremor": "earthquake",
    "blaze": "fire",
    "attack": "attack",
    "assault": "attack",
    "suicide": "suicide",
    "capture": "capture",
    "seizure": "seize",
    "destruction": "destroy",
    "explosion": "explode",
    "collision": "collide",
    "acquisition": "acquire",
    "speech": "speak",
    "announcement": "announce",
    "election": "elect",
    "arrest": "arrest",
    "release": "release",
    "charge": "charge",
    "playoffs": "playoff",
}

SYNONYM_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("kill", "murder", "slay", "assassinate", "execute", "homicide", "die"),
    ("shoot", "gun"),
    ("attack", "strike", "hit", "raid", "bomb", "ambush"),
    ("earthquake", "temblor"),
    ("injure", "wound", "hurt"),
    ("arrest", "capture", "detain", "apprehend", "nab"),
    ("charge", "accuse", "indict"),
    ("win", "beat", "defeat", "triumph"),
    ("rob", "steal", "heist", "burgle", "loot"),
    ("crash", "collide", "accident"),
    ("flee", "escape"),
    ("find", "discover", "locate"),
    ("destroy", "damage", "devastate", "wreck", "ravage"),
    ("thwart", "foil", "prevent"),
    ("release", "issue", "launch", "unveil"),
    ("acquire", "buy", "purchase", "takeover"),
    ("sack", "dismiss", "oust"),
    ("quit", "resign"),
    ("keep", "retain"),
    ("cut", "sever"),
    ("fix", "repair", "patch"),
    ("appoint", "name", "nominate", "select", "choose"),
    ("hold", "host"),
    ("meet", "summit", "talk", "discussion"),
    ("visit", "tour"),
    ("leave", "depart"),
)

# Speech acts: each article reports its own ("X said"), so across articles they rarely corefer.
REPORTING: frozenset[str] = frozenset(
    """say tell report state confirm announce add claim reveal note explain describe comment
    write""".split()
)

STOPWORDS: frozenset[str] = frozenset(
    """a an the and or but if of to in on at by for with from as into onto over after before
    about than then that this these those there here it its is are was were be been being
    has have had do does did will would shall should can could may might must not no nor so
    he she they we you i him her them us me his hers their our your my who whom whose which
    what when where why how all any each some such also just only very more most other own
    said says say told tell according s t""".split()
)
