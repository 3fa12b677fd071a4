"""Site: everything that touches the disk or the site engine.

Owns the one writer (:mod:`.write`: atomic writes, the manifest of generated files, staging
and swapping a built site, data files the commands update), the site engine call
(:mod:`.engine`: ``mkdocs build --strict``, ``mkdocs serve``) and the live preview
(:mod:`.serve`, which regenerates through the callback it is handed).

Imports only :mod:`generator.facts` (for the base error); it is handed files and callbacks,
and knows nothing of answers or pages.
"""
