"""Extraction: reports in, PLOVER events out.

The entry points are `detente.nlp.pipeline.build_nlp(settings)` and
`detente.nlp.pipeline.extract(articles, nlp)`. They are not imported here, so that the
light stages (`dates`, `places`, `lexicon`) can be used without loading spaCy. One stage
per module: `actors` (mentions and resolution), `events` (triggers and arguments),
`modality`, `dates`, `places`; the rules live as data in `patterns/`.
"""
