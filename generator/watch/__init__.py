"""Watching sources: fetch each source's page politely and safely (:mod:`.fetch`,
:mod:`.robots`), reduce it to text (:mod:`.text`), compare it with the snapshot its facts
were checked against (:mod:`.assess`), and report (:mod:`.report`); :mod:`.check` runs it.
Prices a platform publishes: :mod:`.pricing` (what a provider is), :mod:`.fal` (fal.ai's),
:mod:`.price_compare` (against the current entries) and :mod:`.price_report`.

Imports :mod:`generator.facts` (the sources, their state and where they are cited),
:mod:`generator.pages` (Markdown escaping for the report, which loads
:mod:`generator.answers`) and :mod:`generator.site` (the writer, for the snapshots); nothing
imports it but the wiring at the top.
"""
