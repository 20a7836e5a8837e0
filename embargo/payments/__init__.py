"""Payment screening: ISO 20022 and SWIFT MT messages read field by field and screened against every list."""

from embargo.payments.message import Address, Message, Party, Remark

__all__ = ["Address", "Message", "Party", "Remark"]
