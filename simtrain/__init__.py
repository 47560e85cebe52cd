"""simtrain: simulation-based training exercises against human trafficking."""

__version__ = "0.1.0"
