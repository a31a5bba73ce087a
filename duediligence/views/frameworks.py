"""The secretariat's assessment frameworks: per covenant its versions; start from the default one, copy
a version as the next draft, edit a draft's questions, publish (frozen from then on, after a
confirmation step) and choose the version an open cycle uses."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from covenants.models import AnnualCycle, Covenant
from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role
from portal.confirm import Confirmation, is_cancelled, is_confirmed, render_confirmation
from portal.forms import add_service_errors

from .. import services
from ..frameworks.default import DEFAULT_FRAMEWORK
from ..models import CycleFramework, Framework, Question, Section


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text_nl", "text_en", "help_nl", "help_en", "weight", "required"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3}) for name in ("text_nl", "text_en", "help_nl", "help_en")
        }


@role_required(Role.SECRETARIAT)
def framework_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """Every covenant with its framework versions and its open cycle's choice."""
    versions: dict[int, list[Framework]] = {}
    for framework in Framework.objects.annotate(questions=Count("sections__questions")).order_by("-version"):
        versions.setdefault(framework.covenant_id, []).append(framework)
    open_cycles = {
        c.covenant_id: c
        for c in AnnualCycle.objects.filter(status=AnnualCycle.Status.OPEN).select_related(
            "framework_choice__framework"
        )
    }
    rows = []
    for covenant in Covenant.objects.order_by("slug"):
        cycle = open_cycles.get(covenant.pk)
        choice = getattr(cycle, "framework_choice", None) if cycle else None
        rows.append({"covenant": covenant, "frameworks": versions.get(covenant.pk, []), "cycle": cycle,
                     "chosen": choice.framework if choice else None})  # fmt: skip
    return render(request, "duediligence/framework_list.html", {"rows": rows})


@role_required(Role.SECRETARIAT)
def framework_create_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """POST: a first draft for the covenant from the portal's default framework."""
    covenant = get_object_or_404(Covenant, slug=slug)
    if request.method == "POST":
        framework = services.framework_create_from_data(
            actor=request.user, covenant=covenant, data=dict(DEFAULT_FRAMEWORK)
        )
        messages.success(request, gettext("A draft framework has been made from the default one."))
        return redirect("duediligence:framework", pk=framework.pk)
    return redirect("duediligence:frameworks")


def _framework(pk: int) -> Framework:
    framework = Framework.objects.select_related("covenant").filter(pk=pk).first()
    if framework is None:
        raise Http404
    return framework


@role_required(Role.SECRETARIAT)
def framework_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A version's sections and questions; copy it, publish a draft, or use it for the open cycle."""
    framework = _framework(pk)
    sections = (
        Section.objects.filter(framework=framework).prefetch_related("questions").order_by("step", "position")
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "copy":
                copy = services.framework_copy(actor=request.user, source=framework)
                messages.success(
                    request,
                    gettext("Version %(version)s has been made as a draft.") % {"version": copy.version},
                )
                return redirect("duediligence:framework", pk=copy.pk)
            if action == "publish":
                if is_cancelled(request):
                    return redirect("duediligence:framework", pk=framework.pk)
                if not is_confirmed(request):
                    return render_confirmation(
                        request, form=forms.Form(request.POST), action=request.path,
                        confirmation=Confirmation(
                            title=gettext("Publish version %(version)s?") % {"version": framework.version},
                            consequence=gettext("A published version cannot change any more: cycles can use it, and new changes go into a copy."),
                            confirm_label=gettext("Yes, publish this version"),
                            summary=[(gettext("Framework"), framework.title), (gettext("Covenant"), framework.covenant.name)],
                        ),
                    )  # fmt: skip
                services.framework_publish(actor=request.user, framework_id=framework.pk)
                messages.success(request, gettext("The framework has been published."))
            if action == "use":
                cycle = AnnualCycle.objects.filter(
                    covenant=framework.covenant, status=AnnualCycle.Status.OPEN
                ).first()
                if cycle is None:
                    raise ValidationError(gettext("This covenant has no open cycle."))
                services.cycle_framework_set(actor=request.user, cycle=cycle, framework=framework)
                messages.success(request, gettext("The open cycle uses this version now."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("duediligence:framework", pk=framework.pk)
    used_by = CycleFramework.objects.filter(framework=framework).select_related("cycle")
    return render(request, "duediligence/framework_detail.html",
                  {"framework": framework, "sections": sections, "used_by": used_by})  # fmt: skip


@role_required(Role.SECRETARIAT)
def question_edit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Edit one question of a draft version."""
    question = get_object_or_404(Question.objects.select_related("section__framework__covenant"), pk=pk)
    framework = question.section.framework
    if framework.is_frozen:
        messages.error(
            request,
            gettext("This version is published and cannot change; make a copy to start a new version."),
        )
        return redirect("duediligence:framework", pk=framework.pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(actor=request.user, question_id=question.pk,
                                     **{f: form.cleaned_data[f] for f in QuestionForm.Meta.fields})  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, gettext("The question has been saved."))
            return redirect("duediligence:framework", pk=framework.pk)
    return render(
        request,
        "duediligence/question_form.html",
        {"form": form, "question": question, "framework": framework},
    )
