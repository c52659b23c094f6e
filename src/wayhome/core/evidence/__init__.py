"""Evidence: the documents a plan needs, what a document says, whether documents
agree, and the questions for the regulator."""
