"""Search index: documents from knowledge items, embeddings, BM25, vector store, hybrid ranking."""
