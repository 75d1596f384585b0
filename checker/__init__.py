"""checker: an offline, explainable claim-consistency checker for news."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"
