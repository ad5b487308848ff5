"""Data files shipped with the model (map, census, corridors, mines, calibration facts)."""
