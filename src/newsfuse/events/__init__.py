"""Events: who did what, when; mentions per article and their coreference across a story."""
