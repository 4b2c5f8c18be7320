// The one list of finding categories in the extension (the service's is tone/categories.py; a test keeps
// them equal). Options, settings and the send guard all read it from here.

export const CATEGORIES = ["rude", "sarcastic", "passive_aggressive", "emotional", "shouting", "informal", "urgency"];
