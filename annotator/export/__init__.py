"""Export of the corpus and its annotations to JSON, JSONL, CSV, Prodigy, Label Studio and doccano,
and import of Prodigy, Label Studio and doccano files back into annotation files.

One module per format (``json_format``, ``rows`` + ``jsonl`` + ``csv``, ``prodigy``,
``label_studio``, ``doccano``); ``views`` gathers what every format writes, ``importing`` turns
what the readers found into validated annotation files, ``formats`` lists them all.
"""
