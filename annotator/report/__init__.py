"""The report for a paper and the terminal statistics: what ``annotator report`` and
``annotator stats`` (and the UI's statistics screen) show.

- :mod:`~annotator.report.distributions`: stance and sentiment by outlet, speaker (top N) and
  publication month, labels per annotator, seconds per quote;
- :mod:`~annotator.report.reliability`: the reliability table, read from the same
  :func:`~annotator.agreement.report.build_report` that ``annotator agreement --json`` prints;
- :mod:`~annotator.report.tables`: that table as Markdown, CSV and LaTeX;
- :mod:`~annotator.report.figures`: the figures (matplotlib, the optional ``report`` extra);
- :mod:`~annotator.report.output`: writing everything to a folder, atomically;
- :mod:`~annotator.report.terminal`: the distributions as Rich bar charts.

Nothing here imports Textual; matplotlib is imported only when figures are drawn.
"""
