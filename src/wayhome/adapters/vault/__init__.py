"""The document vault: files encrypted at rest, named by a keyed hash of their content.

``keys`` derives the key-encryption key from the user's passphrase (Argon2id) and
unwraps the data key (the model is restic's); ``storage`` keeps each file as
AES-GCM ciphertext; ``sniff`` decides what a file is from its bytes.
"""
