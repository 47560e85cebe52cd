"""The scenario format: an immutable model, its loader and the checks an author relies on."""
