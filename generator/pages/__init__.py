"""Pages: what readers see, made from the answers and the facts.

Owns the typed page contexts (one module per page kind), the small views they are built of
(:mod:`.views`), how values read (:mod:`.format`), the terminal text of ``videoguide
recommend``, ``cost`` and ``diff`` (the same words as the pages), the comparison of two data
versions by what their pages say (:mod:`.changes`), the cost chart (:mod:`.chart`), the
"What changed" page and its Atom feed (:mod:`.what_changed`), the Jinja environment
(:mod:`.render`) and the templates.

Imports :mod:`generator.answers` and :mod:`generator.facts`; no I/O.
"""
