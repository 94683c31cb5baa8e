"""The command line: parsing in ``parser``, one function per command in ``commands``."""
