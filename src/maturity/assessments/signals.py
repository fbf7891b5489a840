"""What the assessments app tells the apps above it (docs/adr/0027-layers.md): they listen, so
that assessments imports none of them."""

from django.dispatch import Signal

# A new assessment's answers were copied from an earlier one: `responses` (the new, saved) and
# `earlier` ({area key: the earlier answer}). Sent inside start_assessment's transaction, so a
# receiver that fails undoes the start; documents copies the earlier answers' documents.
answers_carried_forward = Signal()
