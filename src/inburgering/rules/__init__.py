"""The rulebook: one module per topic of the law; ``registry`` imports them all."""
