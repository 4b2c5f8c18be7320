"""Call, not email: conflict signals, the decision, the proposed slots and the invitation."""
