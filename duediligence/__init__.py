"""Assessment frameworks, self-assessments, reviews, risk register and action plans (due-diligence issue)."""
