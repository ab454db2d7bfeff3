"""LER Navigator."""
