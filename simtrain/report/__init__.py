"""After-action reports and briefing packs: the report as data (:mod:`aar_model`, built by
:mod:`aar_build`), written as JSON or CSV from that data, or lowered to document blocks
(:mod:`blocks`) that one Markdown and one HTML renderer show, as they show the packs handed out
before play (:mod:`briefing`). Nothing here imports Textual."""
