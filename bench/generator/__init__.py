"""The parts of ``bench.generate``: people, catalogue, bookings, library, and the fixture read back from the rows."""
