"""What a learned finding says, in the draft's language: why the sentence may read badly, and advice.

The learned pass flags a whole sentence, so it cannot offer a replacement for it; it offers
the category's calmer-wording advice instead, which the extension shows but never inserts.
"""

from __future__ import annotations

MESSAGES = {
    "es": {
        "rude": "Esta frase puede leerse como un ataque o un desprecio hacia el cliente.",
        "sarcastic": "Esta frase puede leerse como sarcasmo: dice lo contrario de lo que quiere decir.",
        "passive_aggressive": "Esta frase puede leerse como un reproche indirecto.",
        "emotional": "Esta frase habla de emociones más que de hechos.",
        "urgency": "Esta frase mete prisa sin explicar por qué.",
    },
    "pl": {
        "rude": "To zdanie może zabrzmieć jak atak albo lekceważenie klienta.",
        "sarcastic": "To zdanie może zabrzmieć sarkastycznie: mówi coś innego, niż znaczy.",
        "passive_aggressive": "To zdanie może zabrzmieć jak zawoalowany zarzut.",
        "emotional": "To zdanie mówi o emocjach zamiast o faktach.",
        "urgency": "To zdanie pogania klienta, nie mówiąc dlaczego.",
    },
    "en": {
        "rude": "This sentence may read as an attack on the client or as contempt.",
        "sarcastic": "This sentence may read as sarcasm: it says the opposite of what it means.",
        "passive_aggressive": "This sentence may read as a veiled reproach.",
        "emotional": "This sentence talks about feelings rather than facts.",
        "urgency": "This sentence presses for speed without saying why.",
    },
}

ADVICE = {
    "es": {
        "rude": ["Describa el hecho y lo que necesita, sin juzgar a la persona."],
        "sarcastic": ["Diga lo que pasó y lo que propone, en sentido literal."],
        "passive_aggressive": ["Pida directamente lo que necesita y, si hace falta, resuma lo acordado sin reproche."],
        "emotional": ["Cuente qué ha pasado, qué impacto tiene y qué propone."],
        "urgency": ["Dé una fecha concreta y el motivo: «lo necesito el jueves para publicar el viernes»."],
    },
    "pl": {
        "rude": ["Opisz fakt i to, czego potrzebujesz, bez oceniania osoby."],
        "sarcastic": ["Napisz wprost, co się stało i co proponujesz."],
        "passive_aggressive": ["Poproś wprost o to, czego potrzebujesz; w razie potrzeby podsumuj ustalenia bez wyrzutu."],
        "emotional": ["Napisz, co się stało, jaki ma to skutek i co proponujesz."],
        "urgency": ["Podaj konkretny termin i powód: „potrzebuję tego w czwartek, żeby opublikować w piątek”."],
    },
    "en": {
        "rude": ["Describe what happened and what you need, without judging the person."],
        "sarcastic": ["Say plainly what happened and what you propose."],
        "passive_aggressive": ["Ask directly for what you need; if it helps, sum up what was agreed without reproach."],
        "emotional": ["Say what happened, what it affects and what you propose."],
        "urgency": ["Give a date and the reason: \"I need it by Thursday to publish on Friday\"."],
    },
}
