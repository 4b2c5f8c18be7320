"""The words of a call suggestion: reasons in the interface language, the invitation in the draft's."""

from __future__ import annotations

# Each topic as it reads in its language's reason: after "is about" / "trata de" (so no "de el", no "de de"),
# and in the nominative after Polish "dotyczy tematu:".
TOPICS = {
    "en": {"overdue_payment": "an overdue payment", "payment_dispute": "a disputed invoice or discount",
           "rejected_delivery": "rejected or reworked work", "complaint": "a complaint",
           "scope_dispute": "what the agreed scope covers", "missed_deadline": "a missed deadline",
           "missing_materials": "materials that have not arrived", "contract_end": "ending the collaboration",
           "threat": "a threat to cancel or escalate", "blame": "who is to blame"},
    "es": {"overdue_payment": "un pago atrasado", "payment_dispute": "una factura o un descuento en disputa",
           "rejected_delivery": "un trabajo rechazado o rehecho", "complaint": "una queja",
           "scope_dispute": "qué cubre el alcance acordado", "missed_deadline": "un plazo incumplido",
           "missing_materials": "materiales que no han llegado", "contract_end": "poner fin a la colaboración",
           "threat": "una amenaza de cancelar o escalar", "blame": "quién tiene la culpa"},
    "pl": {"overdue_payment": "zaległa płatność", "payment_dispute": "sporna faktura lub rabat",
           "rejected_delivery": "odrzucona lub poprawiana praca", "complaint": "reklamacja",
           "scope_dispute": "zakres ustaleń", "missed_deadline": "przekroczony termin",
           "missing_materials": "brakujące materiały", "contract_end": "zakończenie współpracy",
           "threat": "groźba rezygnacji lub eskalacji", "blame": "szukanie winnych"},
}

REASONS = {
    "en": {"firm_disagreement": "Your draft firmly disagrees about money, scope, the work or the contract: "
                                "that is easier to settle by voice.",
           "incoming_topic": "The client's last message is about {topic}.",
           "incoming_heated": "The client's last message sounds upset.",
           "draft_topic": "Your draft deals with {topic}.",
           "draft_heated": "Your draft reads heated.",
           "long_thread": "The thread already has {messages} messages and is still open.",
           "defensive": "A long, defensive reply by e-mail ({words} words) tends to escalate."},
    "es": {"firm_disagreement": "Tu borrador discrepa con firmeza sobre dinero, alcance, el trabajo o el "
                                "contrato: eso se resuelve mejor hablando.",
           "incoming_topic": "El último mensaje del cliente trata de {topic}.",
           "incoming_heated": "El último mensaje del cliente suena molesto.",
           "draft_topic": "Tu borrador trata de {topic}.",
           "draft_heated": "Tu borrador suena tenso.",
           "long_thread": "El hilo ya tiene {messages} mensajes y sigue sin resolverse.",
           "defensive": "Una respuesta larga y defensiva por correo ({words} palabras) suele escalar el conflicto."},
    "pl": {"firm_disagreement": "Twój szkic stanowczo nie zgadza się co do pieniędzy, zakresu, pracy lub "
                                "umowy: łatwiej to ustalić w rozmowie.",
           "incoming_topic": "Ostatnia wiadomość klienta dotyczy tematu: {topic}.",
           "incoming_heated": "Ostatnia wiadomość klienta brzmi nerwowo.",
           "draft_topic": "Twój szkic dotyczy tematu: {topic}.",
           "draft_heated": "Twój szkic brzmi nerwowo.",
           "long_thread": "Wątek ma już {messages} wiadomości i wciąż nie jest rozwiązany.",
           "defensive": "Długa, obronna odpowiedź mailem ({words} słów) zwykle zaostrza spór."},
}

AGENDA = {
    "en": {"overdue_payment": "the outstanding invoice and a date for payment",
           "payment_dispute": "the invoice in question and how to settle it",
           "rejected_delivery": "what needs to change in the delivery and the next steps",
           "complaint": "what went wrong and how we will put it right",
           "scope_dispute": "what the agreed scope covers and how to handle the extras",
           "missed_deadline": "the delay and a realistic new date",
           "missing_materials": "the materials still missing and a plan to get them",
           "contract_end": "how our collaboration continues or ends",
           "threat": "your concerns and how we can resolve them",
           "blame": "what happened and how we move forward",
           None: "the open points in this thread, to settle them together"},
    "es": {"overdue_payment": "la factura pendiente y una fecha de pago",
           "payment_dispute": "la factura en cuestión y cómo resolverla",
           "rejected_delivery": "qué hay que cambiar en la entrega y los próximos pasos",
           "complaint": "qué ha fallado y cómo lo vamos a solucionar",
           "scope_dispute": "qué incluye el alcance acordado y cómo tratar lo adicional",
           "missed_deadline": "el retraso y una nueva fecha realista",
           "missing_materials": "los materiales que faltan y un plan para conseguirlos",
           "contract_end": "cómo sigue o termina nuestra colaboración",
           "threat": "sus inquietudes y cómo resolverlas",
           "blame": "qué ha pasado y cómo seguimos",
           None: "los puntos abiertos de este hilo, para cerrarlos juntos"},
    "pl": {"overdue_payment": "zaległa faktura i termin płatności",
           "payment_dispute": "sporna faktura i sposób jej rozliczenia",
           "rejected_delivery": "co trzeba zmienić w materiale i dalsze kroki",
           "complaint": "co poszło nie tak i jak to naprawimy",
           "scope_dispute": "zakres ustaleń i rozliczenie dodatkowych prac",
           "missed_deadline": "opóźnienie i realny nowy termin",
           "missing_materials": "brakujące materiały i plan ich dostarczenia",
           "contract_end": "dalsza współpraca lub jej zakończenie",
           "threat": "zastrzeżenia i sposób ich rozwiązania",
           "blame": "co się stało i jak idziemy dalej",
           None: "otwarte kwestie z tego wątku, żeby je wspólnie zamknąć"},
}

# How to name the call, by the client's preferred conflict channel (free text in the profile).
CHANNELS = {
    "en": {"phone": "by phone", "video": "by video call", "whatsapp": "on WhatsApp", "call": "by phone or video",
           "other": "on {value}"},
    "es": {"phone": "por teléfono", "video": "por videollamada", "whatsapp": "por WhatsApp",
           "call": "por teléfono o videollamada", "other": "por {value}"},
    "pl": {"phone": "telefonicznie", "video": "przez wideorozmowę", "whatsapp": "przez WhatsAppa",
           "call": "telefonicznie lub przez wideorozmowę", "other": "przez {value}"},
}
# Video platforms by the words clients' profiles use for them, with the name people write.
VIDEO = {"zoom": "Zoom", "meet": "Google Meet", "teams": "Microsoft Teams", "skype": "Skype", "webex": "Webex",
         "jitsi": "Jitsi", "whereby": "Whereby"}

INVITATION = {
    ("en", "formal"): ("I believe this would be easier to resolve in a short conversation than by e-mail. "
                       "Would you be available for a {minutes}-minute call {channel}? Agenda: {agenda}.\n"
                       "I could offer:\n{slots}\nIf none of these suits you, please suggest another time."),
    ("en", "informal"): ("I think this will be quicker to sort out in a short chat than by e-mail. "
                         "Could we do a {minutes}-minute call {channel}? Agenda: {agenda}.\n"
                         "How about:\n{slots}\nIf none of these works, just suggest another time."),
    ("es", "formal"): ("Creo que esto será más fácil de resolver en una breve conversación que por correo. "
                       "¿Le parece bien que hablemos {minutes} minutos {channel}? Tema: {agenda}.\n"
                       "Le propongo:\n{slots}\nSi ninguno le viene bien, dígame otro momento."),
    ("es", "informal"): ("Creo que esto lo resolvemos antes hablando un momento que por correo. "
                         "¿Hablamos {minutes} minutos {channel}? Tema: {agenda}.\n"
                         "Te propongo:\n{slots}\nSi ninguno te va bien, dime otro momento."),
    ("pl", "formal"): ("Myślę, że łatwiej będzie to wyjaśnić w krótkiej rozmowie niż mailowo. "
                       "Czy możemy porozmawiać {channel} przez {minutes} minut? Temat: {agenda}.\n"
                       "Proponuję:\n{slots}\nJeśli żaden termin nie pasuje, proszę zaproponować inny."),
    ("pl", "informal"): ("Myślę, że szybciej wyjaśnimy to w krótkiej rozmowie niż mailowo. "
                         "Możemy pogadać {channel} przez {minutes} minut? Temat: {agenda}.\n"
                         "Proponuję:\n{slots}\nJeśli żaden termin Ci nie pasuje, zaproponuj inny."),
}
# One slot line: the client's time first (they read it), then the user's own when the zones differ.
SLOT = {
    "en": {"formal": "{client} your time ({mine} mine)", "informal": "{client} your time ({mine} mine)"},
    "es": {"formal": "{client}, hora suya ({mine}, hora mía)", "informal": "{client}, tu hora ({mine}, la mía)"},
    "pl": {"formal": "{client} czasu lokalnego ({mine} u mnie)", "informal": "{client} Twojego czasu ({mine} u mnie)"},
}
# When the parties' hours share no slot soon, the invitation asks instead of listing.
NO_SLOTS = {"en": "- a time that suits you (my hours and yours barely overlap this month)",
            "es": "- el momento que mejor le venga (nuestros horarios apenas coinciden este mes)",
            "pl": "- dowolny dogodny termin (nasze godziny w tym miesiącu prawie się nie pokrywają)"}
SUMMARY = {"en": "Call: {agenda}", "es": "Llamada: {agenda}", "pl": "Rozmowa: {agenda}"}


def channel_words(value: str | None, lang: str) -> str:
    """'by phone', 'por videollamada (Zoom)'... from the client's conflict channel."""
    table = CHANNELS[lang]
    raw = (value or "call").strip()
    key = raw.lower()
    if key in ("phone", "telephone", "tel", "teléfono", "telefon"):
        return table["phone"]
    if key == "whatsapp":
        return table["whatsapp"]
    if key in ("call", ""):
        return table["call"]
    if key in ("video", "videocall", "video call", "videollamada", "wideorozmowa"):
        return table["video"]
    named = next((name for word, name in VIDEO.items() if word in key), None)
    return table["other"].format(value=named or raw)


def reason_text(key: str, values: dict, ui: str) -> str:
    """One reason sentence in the interface language."""
    ui = ui if ui in REASONS else "en"
    if "topic" in values:
        values = {**values, "topic": TOPICS[ui][values["topic"]]}
    return REASONS[ui][key].format(**values)
