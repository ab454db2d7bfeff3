"""Knowledge base: loading and validating curated YAML, and importers for public sources."""
