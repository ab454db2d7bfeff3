"""Pydantic models: knowledge items, learner records and answers."""
