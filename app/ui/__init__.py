"""Session state and render helpers for the Streamlit chat."""
