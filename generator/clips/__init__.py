"""Sample clips: which prompts to run on which models (``data/samples.yaml``), what already
exists (``data/clips.yaml``), what the rest would cost, and (with the ``clips`` extra) the
calls to the vendors' APIs. The site builds without any of it.

Owns the rules of those two files beyond their schema (:mod:`.check`, handed to the loader by
the pipeline), the plan and its estimates (:mod:`.plan`), the providers (:mod:`.providers`,
:mod:`.http`, :mod:`.gemini`, :mod:`.replicate`, :mod:`.openai_videos`), the runner and the
manifest it keeps (:mod:`.runner`, :mod:`.manifest`, :mod:`.session`) and which clip files
are present (:mod:`.files`).

Imports :mod:`generator.facts`, :mod:`generator.answers` (the estimates are the
calculator's costs), :mod:`generator.pages` (money and cost reasons as the pages word them) and
:mod:`generator.site` (the writer); nothing imports it but the wiring at the top.
"""
