"""The CP-SAT engine: the model, the searches, the decomposition, the explanations."""
