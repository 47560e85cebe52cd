"""The team terminal: what one trainee team (or one role in it) sees and sends during a run."""
