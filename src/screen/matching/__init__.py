"""Entity name matching: one normaliser, token-weighted fuzzy scoring, explanations.

- :mod:`screen.matching.weights`: rarity weights of words, from listed names.
- :mod:`screen.matching.compare`: compare two normalised names -> score and evidence.
- :mod:`screen.matching.index`: the indexed reference names and candidate generation.
- :mod:`screen.matching.entities`: the pipeline stage; corroboration, bands, explanations.
"""
