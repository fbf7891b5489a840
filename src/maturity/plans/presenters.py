from __future__ import annotations

from typing import Any

from django.urls import reverse

from maturity.assessments.models import Action, Assessment
from maturity.words import date_uk


def milestones(assessment: Assessment, action: Action, today, *, can_add: bool, can_mark: bool) -> dict[str, Any]:
    kwargs = {"slug": assessment.organisation.slug, "pk": assessment.pk, "action_id": action.pk}
    return {
        "rows": [
            {
                "milestone": m,
                "date": date_uk(m.due_date),
                "overdue": not m.done and m.due_date < today,
                "url": reverse("plans:milestone", kwargs={**kwargs, "milestone_id": m.pk}),
            }
            for m in action.milestones.all()
        ],
        "can_add": can_add,
        "can_mark": can_mark,
        "add_url": reverse("plans:add-milestone", kwargs=kwargs),
    }
