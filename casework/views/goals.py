from django.contrib import messages
from django.shortcuts import get_object_or_404, render

from casework.forms.goal import GoalForm, GoalReviewForm
from casework.models import Goal
from casework.services import goals as services
from clients.scope import client_header, get_case
from sos.navigation import redirect_back


def goal_add(request, pk):
    case = get_case(request, pk)
    form = GoalForm(request.POST or None)
    if form.is_valid():
        goal = services.goal_add(form=form, case=case, created_by=request.user)
        messages.success(request, f"The goal “{goal}” was added.")
        return redirect_back(request, "clients:detail", pk=case.client_id)
    context = client_header(case.client)
    context.update(form=form, case=case, title="Add a goal", button="Add the goal")
    return render(request, "clients/client_form_page.html", context)


def goal_review(request, pk):
    goals = Goal.objects.visible_to(request.user).select_related("case__client__borough", "pathway")
    goal = get_object_or_404(goals, pk=pk)
    form = GoalReviewForm(request.POST or None, goal=goal)
    if form.is_valid():
        review = services.goal_review(form=form, goal=goal, reviewed_by=request.user)
        status = review.goal.get_status_display()
        messages.success(request, f"The review was saved. The goal is now: {status}.")
        return redirect_back(request, "clients:detail", pk=goal.case.client_id)
    context = client_header(goal.case.client)
    context.update(form=form, goal=goal, reviews=list(goal.reviews.select_related("reviewed_by")))
    return render(request, "casework/goal_review.html", context)
