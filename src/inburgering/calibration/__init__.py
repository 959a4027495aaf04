"""Calibration and validation: published figures, the model's same quantities, and the fit table."""
