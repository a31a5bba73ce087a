"""Every Celery task lands on a known queue, and the route table names only tasks that exist."""

from __future__ import annotations

import pytest

from portal.celery import QUEUE_DEFAULT, QUEUE_IMPORTS, QUEUE_MAIL, QUEUE_REPORTS, QUEUES, TASK_ROUTES
from portal.celery import app as celery_app


@pytest.fixture(scope="module")
def portal_tasks() -> set[str]:
    # The tasks modules of the installed apps, as a worker imports them when it starts.
    celery_app.loader.import_default_modules()
    return {name for name in celery_app.tasks if not name.startswith("celery.")}


def queue_of(name: str) -> str:
    return celery_app.amqp.router.route({}, name)["queue"].name


def test_the_portal_has_its_tasks(portal_tasks):
    # A guard for the tests below: they would pass on an empty list.
    assert "portal.notifications.tasks.notification_deliver" in portal_tasks
    assert "companies.tasks.location_upload_parse" in portal_tasks
    assert len(portal_tasks) >= 12


def test_every_task_is_routed_to_a_known_queue(portal_tasks):
    unknown = {name: queue_of(name) for name in portal_tasks if queue_of(name) not in QUEUES}
    assert unknown == {}


def test_the_route_table_names_only_existing_tasks(portal_tasks):
    assert set(TASK_ROUTES) - portal_tasks == set()


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("portal.notifications.tasks.notification_deliver", QUEUE_MAIL),
        ("portal.notifications.tasks.notification_sweep", QUEUE_MAIL),
        ("companies.tasks.location_upload_parse", QUEUE_IMPORTS),
        ("companies.tasks.location_upload_apply", QUEUE_IMPORTS),
        ("portal.reports.tasks.annual_report_generate", QUEUE_REPORTS),
        ("duediligence.tasks.company_report_generate", QUEUE_REPORTS),
        ("complaints.tasks.overdue_sweep", QUEUE_DEFAULT),
        ("portal.jobs.tasks.job_fail_stale", QUEUE_DEFAULT),
    ],
)
def test_each_kind_of_work_has_its_queue(portal_tasks, task, queue):
    assert task in portal_tasks
    assert queue_of(task) == queue


def test_every_scheduled_task_exists(portal_tasks):
    scheduled = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert scheduled - portal_tasks == set()


def test_a_worker_without_queue_options_takes_every_queue():
    # `make worker` and any worker started without -Q (development, tests) serve all kinds of work.
    # The declared queues (sending to an undeclared one, as a test may, adds it to amqp.queues).
    assert {queue.name for queue in celery_app.conf.task_queues} == set(QUEUES)


def test_each_queue_has_its_own_routing_key():
    # A key shared by two queues would put one message in both (each worker would run it).
    keys = {queue.name: (queue.exchange.name, queue.routing_key) for queue in celery_app.conf.task_queues}
    assert keys == {name: (name, name) for name in QUEUES}
    for task in (
        "portal.notifications.tasks.notification_deliver",
        "portal.reports.tasks.annual_report_generate",
    ):
        route = celery_app.amqp.router.route({}, task)
        assert (route["queue"].exchange.name, route["queue"].routing_key) == (queue_of(task),) * 2
