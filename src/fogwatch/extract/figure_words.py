"""The words that say what a number counts: kept apart so the parse rules read as rules.

Lemmas, as spaCy's English model gives them. A word belongs to one category set; PEOPLE lists
the nouns whose numbers count people, CATEGORY_NOUNS the nouns that are themselves a count of
people ("casualties", "prisoners"), EVENT_NOUNS the nouns that count incidents ("40 assaults").
"""

from __future__ import annotations

KILLED = frozenset(
    [
        "kill", "die", "dead", "death", "fatality", "fatal", "fatally", "slay", "slain", "murder", "execute",
        "perish", "behead", "massacre", "body", "corpse", "dying", "deadly"
    ]
)
WOUNDED = frozenset(
    [
        "wound", "wounded", "injure", "injured", "injury", "hurt", "incapacitate", "maim", "hospitalize",
        "hospitalise", "hospital", "burn", "graze", "critical"
    ]
)
# hit, outcome unsaid: wounded unless a death is named
SHOT = frozenset(
    {"shoot", "shot", "gun", "stab", "gunshot", "gunfire", "shooting", "bullet", "struck", "hit"}
)
CASUALTY = frozenset({"casualty", "loss", "losses", "toll"})
CAPTURED = frozenset(
    [
        "capture", "prisoner", "pow", "captive", "detain", "detainee", "surrender", "abduct", "kidnap",
        "hostage", "imprison"
    ]
)
MISSING = frozenset({"missing", "disappear", "unaccounted"})
SUICIDE = frozenset({"suicide"})
DISPLACED = frozenset(
    ["displace", "displaced", "refugee", "evacuate", "evacuee", "flee", "homeless", "uproot"]
)
DEPLOY_VERBS = frozenset(
    [
        "deploy", "send", "station", "dispatch", "mobilize", "mobilise", "amass", "transfer", "contribute",
        "commit", "field"
    ]
)
MILITARY = frozenset(
    [
        "troop", "soldier", "force", "fighter", "personnel", "serviceman", "servicemen", "servicemember",
        "marine", "paratrooper", "infantry", "conscript", "recruit", "mercenary", "reservist", "contingent",
        "combatant", "militant", "guardsman", "sailor", "airman"
    ]
)
# Those who do the harm: "two shooting suspects" are not two people shot.
PERPETRATORS = frozenset(
    ["suspect", "shooter", "gunman", "gunmen", "assailant", "attacker", "robber", "perpetrator", "intruder"]
)
PEOPLE = MILITARY | PERPETRATORS | frozenset(
    [
        "people", "person", "civilian", "child", "children", "kid", "woman", "women", "man", "men",
        "resident", "victim", "student", "officer", "police", "policeman", "teen", "teenager", "boy", "girl",
        "baby", "infant", "adult", "member", "worker", "employee", "journalist", "prisoner", "hostage",
        "captive", "pow", "refugee", "migrant", "patient", "passenger", "citizen", "national", "family",
        "bystander", "individual", "other", "staff", "doctor", "nurse", "medic", "volunteer", "detainee",
        "evacuee", "fatality", "casualty", "dead", "wounded", "injured", "inhabitant",
        "villager", "protester", "demonstrator", "pilgrim", "worshipper", "shopper", "driver", "occupant",
        "crew", "crewman", "sibling", "son", "daughter", "brother", "sister", "father", "mother", "parent",
        "relative", "friend", "youth", "minor", "toddler", "newborn", "guard", "deputy", "trooper", "agent",
        "firefighter",
        "participant", "witness", "guest", "spectator", "attendee", "juvenile", "male", "female",
    ]
)
CATEGORY_NOUNS = CASUALTY | frozenset(
    [
        "death", "fatality", "dead", "wounded", "injured", "injury", "body", "corpse", "prisoner", "pow",
        "captive", "detainee", "hostage", "refugee", "evacuee"
    ]
)
TOLL_VERBS = frozenset(
    [
        "rise", "reach", "stand", "climb", "increase", "hit", "jump", "surpass", "exceed", "top", "be",
        "total", "include", "grow", "mount", "pass", "put", "estimate", "place", "number", "soar", "double"
    ]
)
CARE_WORDS = frozenset({"injury", "wound", "hospital", "burn"})  # "taken to hospital with injuries"
BEAR_VERBS = frozenset({"have", "suffer", "sustain", "receive", "incur"})  # "two people suffered wounds"
SUFFER_VERBS = frozenset({"suffer", "sustain", "lose", "incur", "take", "report", "record"})
NON_COUNT_PREPS = frozenset(
    [
        "in", "on", "since", "during", "by", "for", "from", "after", "before", "until", "till", "within",
        "around", "near", "over", "under"
    ]
)
# Incidents a source counts ("more than 40 assaults"): figures about the events, unit "events".
EVENT_NOUNS = frozenset(
    [
        "attack", "assault", "strike", "airstrike", "raid", "ambush", "bombing", "bombardment", "shelling",
        "incursion", "offensive", "counterattack", "counteroffensive", "sortie", "skirmish", "clash",
        "shot", "gunshot", "bullet"
    ]
)
# Nouns that stand for an earlier figure ("the estimate ranged between 1,100 and 1,300").
ESTIMATE_NOUNS = frozenset(["estimate", "figure", "count", "tally", "number", "total", "assessment"])
# Nouns an "of" phrase can rank rather than count ("one of the heaviest tolls").
NOT_COUNTED_OF = frozenset(["toll", "tally", "figure", "count", "number", "total", "estimate"])
# Participles that a headline's clipped grammar leaves parsed as nouns ("Three shot, one dead").
HEADLINE_PARTICIPLES = frozenset(["shot", "killed", "wounded", "injured", "hurt", "dead", "slain", "stabbed"])
# Patients' conditions in a medics' tally ("1 critical, 2 stable"): each number counts the wounded.
CONDITIONS = frozenset(["critical", "serious", "stable", "minor", "grave", "fair"])
# Victims carried away alive are hurt ("three victims were transported from the scene").
CARRIED_VERBS = frozenset(["transport", "take", "rush", "airlift", "carry", "fly", "evacuate"])
