"""Facts: reading and checking the data files, and the Catalog of resolved claims.

Owns the strict YAML loader (:mod:`.load`), the value types (:mod:`.fields`), the schema of
every data file (:mod:`.schema`, :mod:`.guide_schema`, :mod:`.samples`, :mod:`.changelog`),
the dataset and its cross-file checks (:mod:`.validate`, :mod:`.refs`, :mod:`.guide_check`,
:mod:`.price_check`), the data at a git revision (:mod:`.revisions`), the Catalog
(:mod:`.catalog`) and the errors every other package builds on (:mod:`.errors`).

Imports nothing else of the project.
"""
