"""rsec — research-security due diligence and risk management (研究セキュリティ)."""

__version__ = "0.1.0"

from . import _native

# the name matcher's compiled modules, imported only while they match their source (see _native)
_native.install()
