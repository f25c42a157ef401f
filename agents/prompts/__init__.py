"""Versioned prompt templates. Change a prompt by adding a new version, so stored replies
can say which prompt produced them."""
