"""The forms of a self-assessment: one step's questions as one form, and starting an assessment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Answer, AnswerType, Question

YES_PARTLY_NO = [("yes", _("Yes")), ("partly", _("Partly")), ("no", _("No"))]


def choice_label(question: Question, code: str) -> str:
    """The label of an answer's choice in the active language ("" for none)."""
    if not code:
        return ""
    if question.answer_type == AnswerType.YES_PARTLY_NO:
        return str(dict(YES_PARTLY_NO).get(code, code))
    return next((label for value, label, _points in question.choice_options() if value == code), code)


def field_names(question: Question) -> dict[str, str]:
    """The form's field names for one question's parts."""
    base = f"q{question.pk}"
    return {part: f"{base}_{part}" for part in ("choice", "text", "number", "evidence", "version")}


class StepForm(forms.Form):
    """Every question of one OECD step. Nothing is required here: completeness counts on submitting,
    so an answer half written can be saved."""

    def __init__(
        self, *args: Any, questions: list[Question], answers: dict[int, Answer], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions, self.answers = questions, answers
        for question in questions:
            self._add(question, answers.get(question.pk))
            self._mark_required_later(question)

    def _add(self, question: Question, answer: Answer | None) -> None:
        names = field_names(question)
        kind = question.answer_type
        label = f"{question.code} {question.text}"
        initial_version = answer.version if answer else ""
        self.fields[names["version"]] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=initial_version
        )
        if kind in (AnswerType.YES_PARTLY_NO, AnswerType.CHOICE):
            options: list[tuple[str, Any]] = list(YES_PARTLY_NO)
            if kind == AnswerType.CHOICE:
                options = [(code, text) for code, text, _points in question.choice_options()]
            self.fields[names["choice"]] = forms.ChoiceField(
                label=label, choices=options, required=False, widget=forms.RadioSelect,
                help_text=question.help, initial=answer.choice if answer else None,
            )  # fmt: skip
        if kind == AnswerType.NUMBER:
            unit = f" ({question.unit})" if question.unit else ""
            self.fields[names["number"]] = forms.CharField(
                label=f"{label}{unit}", required=False, help_text=question.help, max_length=30,
                initial="" if not answer or answer.number is None else f"{answer.number:g}",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input--short"}),
            )  # fmt: skip
        if kind == AnswerType.EVIDENCE:
            self.fields[names["evidence"]] = forms.FileField(
                label=label, required=False, help_text=question.help,
            )  # fmt: skip
        text_label = label if kind == AnswerType.TEXT else _("Explanation")
        self.fields[names["text"]] = forms.CharField(
            label=text_label, required=False, max_length=10_000,
            widget=forms.Textarea(attrs={"rows": 3 if kind != AnswerType.TEXT else 6}),
            help_text=question.help if kind == AnswerType.TEXT else "",
            initial=answer.text if answer else "",
        )  # fmt: skip

    def _mark_required_later(self, question: Question) -> None:
        # Required on submitting, not on saving: no "(optional)" beside a required question's fields.
        for name in field_names(question).values():
            if name in self.fields:
                self.fields[name].required_later = question.required  # type: ignore[attr-defined]

    def bound_parts(self, question: Question) -> list[forms.BoundField]:
        """The visible fields of one question, in order."""
        names = field_names(question)
        return [self[names[p]] for p in ("choice", "number", "evidence", "text") if names[p] in self.fields]

    def changed_answer(self, question: Question) -> dict[str, Any] | None:
        """What the company typed for a question, or None when nothing changed."""
        names = field_names(question)
        data = self.cleaned_data
        typed = {
            "choice": data.get(names["choice"]) or "",
            "text": (data.get(names["text"]) or "").strip(),
            "number": (data.get(names["number"]) or "").strip() or None,
            "evidence": data.get(names["evidence"]) or None,
        }
        stored = self.answers.get(question.pk)
        before = {
            "choice": stored.choice if stored else "",
            "text": stored.text if stored else "",
            "number": None if not stored or stored.number is None else f"{stored.number:g}",
        }
        if typed["evidence"] is None and all(typed[k] == before[k] for k in before):
            return None
        version = data.get(names["version"]) or ""
        return {**typed, "version": int(version) if version.isdigit() else None}


class StartForm(forms.Form):
    carry_over = forms.BooleanField(
        label=_("Start from last year's accepted answers"), required=False, initial=True,
        help_text=_("You can change every answer before you submit."),
    )  # fmt: skip
