"""Chat model adapters behind one interface (``base.ChatProvider``)."""
