"""Outer-seam fakes that speak the real wire protocol (see each module)."""
