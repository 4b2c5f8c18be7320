"""The user's own profile: their hours, language and delivery status."""
