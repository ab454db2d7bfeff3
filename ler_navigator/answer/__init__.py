"""Answers: intent detection, follow-up handling and the deterministic grounded composer."""
