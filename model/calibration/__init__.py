"""Calibration under uncertainty: ABC-SMC (pyabc) over the parameter table's assumptions, to a posterior file."""
