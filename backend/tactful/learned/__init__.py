"""The learned second pass: sentence scores for the rude, sarcastic and passive-aggressive turns no rule names."""
