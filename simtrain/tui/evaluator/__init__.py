"""The evaluator's seat: a control-cell member who watches and rates one or a few teams."""
