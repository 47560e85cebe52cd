"""The actor's seat: one character's brief and cues during a run (``simtrain cues``)."""
