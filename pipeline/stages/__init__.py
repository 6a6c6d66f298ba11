"""The pipeline's stages, one module each, in the order they run:

ingest → clean → segment → language → annotate → entities → people → quotes.
"""
