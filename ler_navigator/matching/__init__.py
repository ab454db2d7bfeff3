"""Matching: pure, deterministic scoring of a learner's skills against occupations and employers."""
