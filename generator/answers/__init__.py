"""Answers: everything derived from the facts, as values, never as page text (the located
problems of ``check --stale`` and the errors raised carry their messages, as in facts).

Owns the as-of view (:mod:`.asof`: lifecycle, current and buyable offers and freshness of
every model on the date a build is for, resolved once), lifecycle (:mod:`.lifecycle`), price
history (:mod:`.prices`), criteria and head-to-head winners (:mod:`.criteria`), use-case
verdicts (:mod:`.verdicts`), the cost of one clip (:mod:`.costs`), a finished video planned as
one generation, shots or an extended clip (:mod:`.jobs`: what can serve a job; :mod:`.plans`), the decision guide's recommender
(:mod:`.recommend`, over each model's standing on a requirement, :mod:`.standing`), stale facts (:mod:`.freshness`) and the cross-model table
(:mod:`.tables`, the one user of pandas).

Imports :mod:`generator.facts` only.
"""
