"""Pure functions on str: numbering, outline parsing, sentences, counting. No I/O, no Qt."""
