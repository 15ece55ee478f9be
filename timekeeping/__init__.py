"""Time for customer managers: Shanghai wall time, China's working days, typed Chinese dates."""
