"""Typed text at the edge: the one form it is brought to before it is matched or stored."""
