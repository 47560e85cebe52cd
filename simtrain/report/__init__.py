"""After-action reports and briefing packs: the numbers as data (:mod:`aar`), then one writer per
format (Markdown, HTML with inline SVG, JSON, CSV), and the packs handed out before play
(:mod:`briefing`). Nothing here imports Textual."""
