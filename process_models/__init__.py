"""Reduced-order physics of solid-state Li-metal battery manufacturing.

Pure, vectorised numpy functions: arrays in, arrays out, SI units, no SimPy,
no Ray, no I/O and no hidden state. One module per physical process; default
parameters are data (named parameter sets), each value with its source.
"""
