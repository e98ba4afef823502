"""rsec — research-security due diligence and risk management (研究セキュリティ)."""

__version__ = "0.1.0"
