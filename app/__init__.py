"""The Streamlit chat: pages and render helpers only, no domain logic."""
