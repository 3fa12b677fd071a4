"""Sample clips: which prompts to run on which models (``data/samples.yaml``), what already
exists (``data/clips.yaml``), what the rest would cost, and (with the ``clips`` extra) the
calls to the vendors' APIs. The site builds without any of it."""
