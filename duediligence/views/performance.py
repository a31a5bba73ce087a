"""Public performance per member (the secretariat's summary, the company's comment, publication) and
the secretariat's suspension review queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from covenants.models import AnnualCycle, Membership
from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role, role_of
from portal.forms import add_service_errors

from .. import selectors, services
from ..models import MemberPerformance
from ..performance_forms import CommentForm, DecisionForm, EscalateForm, SummaryForm

PAGE_SIZE = 25
Status = MemberPerformance.Status


@role_required(Role.COMPANY, Role.SECRETARIAT)
def performance_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """The secretariat: every accepted assessment's performance, drafts first; a company: its own."""
    performances = selectors.performance_list_for(request.user)
    page = Paginator(performances, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "duediligence/performance_list.html",
        {"page_obj": page, "is_secretariat": role_of(request.user) == Role.SECRETARIAT},
    )


def _secretariat_post(request: AuthenticatedRequest, performance: MemberPerformance,
                      form: SummaryForm) -> HttpResponse | None:  # fmt: skip
    action = request.POST.get("action", "save")
    try:
        if action in ("save", "share"):
            if not form.is_valid():
                return None
            services.performance_update(
                actor=request.user, performance_id=performance.pk, **form.cleaned_data
            )
        if action == "share":
            services.performance_share(actor=request.user, performance_id=performance.pk)
            messages.success(request, gettext("The summary has been sent to the company for comment."))
        elif action == "publish":
            services.performance_publish(actor=request.user, performance_id=performance.pk)
            messages.success(request, gettext("The performance check is now on the covenant page."))
        else:
            messages.success(request, gettext("The summary has been saved."))
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    return redirect("duediligence:performance", pk=performance.pk)


@role_required(Role.COMPANY, Role.SECRETARIAT)
def performance_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One member's performance check: the secretariat writes, shares and publishes the summary; the
    company reads it and comments while it is shared."""
    performance = selectors.performance_get_for(request.user, pk)
    is_secretariat = role_of(request.user) == Role.SECRETARIAT
    summary_form = comment_form = None
    if is_secretariat:
        initial = {"summary_nl": performance.summary_nl, "summary_en": performance.summary_en}
        summary_form = SummaryForm(request.POST or None, initial=initial)
        if request.method == "POST":
            response = _secretariat_post(request, performance, summary_form)
            if response is not None:
                return response
    elif performance.status == Status.SHARED:
        comment_form = CommentForm(request.POST or None, initial={"comment": performance.company_comment})
        if request.method == "POST" and comment_form.is_valid():
            try:
                services.performance_comment(
                    actor=request.user,
                    performance_id=performance.pk,
                    comment=comment_form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                add_service_errors(comment_form, exc)
            else:
                messages.success(
                    request, gettext("Your comment has been saved. It is published with the summary.")
                )
                return redirect("duediligence:performance", pk=performance.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "duediligence/performance_detail.html",
        {
            "performance": performance,
            "is_secretariat": is_secretariat,
            "summary_form": summary_form,
            "comment_form": comment_form,
            "may_publish": performance.status == Status.SHARED
            and not performance.comment_period_open(timezone.localdate()),
            "summary": performance.summary(request.LANGUAGE_CODE),
        },
    )


@role_required(Role.SECRETARIAT)
def suspension_review_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """The queue: open reviews first, then decided ones; and the members who missed a deadline."""
    reviews = selectors.suspension_review_list_for(request.user)
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "duediligence/suspension_review_list.html",
        {"page_obj": page, "missed": selectors.missed_deadlines_for(request.user)},
    )


@role_required(Role.SECRETARIAT)
def suspension_escalate_view(request: AuthenticatedRequest, cycle_id: int, company_id: int) -> HttpResponse:
    """Put a member that missed the cycle's deadline on a suspension review, with the reason."""
    missed = {(m.cycle.pk, m.company_id): m for m in selectors.missed_deadlines_for(request.user)}
    row = missed.get((cycle_id, company_id))
    if row is None:
        raise Http404
    form = EscalateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.suspension_review_escalate(
                actor=request.user, cycle_id=cycle_id, company_id=company_id, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except (AnnualCycle.DoesNotExist, Membership.DoesNotExist) as exc:
            raise Http404 from exc
        else:
            messages.success(request, gettext("The membership is on the suspension review queue."))
            return redirect("duediligence:suspension-review", pk=review.pk)
    return render(request, "duediligence/suspension_escalate.html", {"row": row, "form": form})


@role_required(Role.SECRETARIAT)
def suspension_review_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One review: why it was opened, the member's recent performance, and the decision."""
    review = selectors.suspension_review_get_for(request.user, pk)
    form = DecisionForm(request.POST or None) if review.is_open else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.suspension_review_decide(actor=request.user, review_id=review.pk, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, gettext("The decision has been recorded."))
            return redirect("duediligence:suspension-review", pk=review.pk)
    elif form is None and request.method == "POST":
        messages.error(request, gettext("This review has been decided."))
        return redirect("duediligence:suspension-review", pk=review.pk)
    history = (
        MemberPerformance.objects.filter(
            company_id=review.membership.company_id, covenant_id=review.membership.covenant_id
        )
        .exclude(status=Status.DRAFT)
        .order_by("-year")[:5]
    )
    return render(
        request,
        "duediligence/suspension_review.html",
        {"review": review, "form": form, "history": history},
    )
