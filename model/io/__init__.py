"""Readers and writers: every file format becomes znak's tables here, and nowhere else."""
