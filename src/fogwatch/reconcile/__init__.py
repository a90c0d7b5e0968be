"""Reconcile stage: conflicts (quote drift, counted drift, figures, dates, attribution) and timelines."""
