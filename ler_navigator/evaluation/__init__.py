"""Evaluation: retrieval quality against labelled question sets, with single-method baselines."""
