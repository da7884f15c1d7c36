"""One Monte Carlo replicate: the line (SimPy), the process steps, the cells, the gates, the KPIs."""
