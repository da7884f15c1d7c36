"""Physical constants, once (SI).

CODATA 2018 values, which define the SI since 2019 (exact unless noted);
``tests/process_models/test_constants.py`` checks them against
:mod:`scipy.constants`. Every physics module takes its constants from here.
"""

from __future__ import annotations

__all__ = ["FARADAY", "GAS_CONSTANT", "BOLTZMANN_EV", "STANDARD_GRAVITY", "STANDARD_PRESSURE", "ZERO_CELSIUS",
           "ROOM_TEMPERATURE"]

#: Faraday constant [C mol-1] (N_A e, CODATA 2018, exact; here to 10 significant digits)
FARADAY = 96485.33212
#: molar gas constant [J mol-1 K-1] (N_A k, CODATA 2018, exact; here to 10 significant digits)
GAS_CONSTANT = 8.314462618
#: Boltzmann constant [eV K-1] (CODATA 2018, exact; here to 10 significant digits)
BOLTZMANN_EV = 8.617333262e-5
#: standard acceleration of gravity [m s-2] (exact, CGPM 1901)
STANDARD_GRAVITY = 9.80665
#: standard atmosphere [Pa] (exact)
STANDARD_PRESSURE = 101325.0
#: 0 degC [K] (exact)
ZERO_CELSIUS = 273.15
#: room (reference) temperature of the models and of the end-of-line test [K] (25 degC)
ROOM_TEMPERATURE = 298.15
