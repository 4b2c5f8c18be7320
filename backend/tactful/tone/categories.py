"""The names the contract fixes: tone categories, conflict topics and languages."""

CATEGORIES = ("rude", "sarcastic", "passive_aggressive", "emotional", "shouting", "informal", "urgency")
# Conflict cues (kind: conflict) name a topic; the last three are cues *against* a call.
CONFLICT_TOPICS = ("overdue_payment", "payment_dispute", "rejected_delivery", "complaint", "scope_dispute",
                   "missed_deadline", "missing_materials", "contract_end", "threat", "blame",
                   "call_proposed", "gratitude", "logistics")
LANGS = ("es", "pl", "en")
