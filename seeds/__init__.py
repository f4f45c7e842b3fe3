"""The bundled sample documents: the source article and a talk written from it."""
