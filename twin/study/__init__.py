"""Studies: chunk planning, backends (serial, local Ray, a Ray cluster), the runner, progress."""
