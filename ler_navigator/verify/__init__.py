"""Offline-first credential verification: proofs, keys, validity dates and status lists."""
