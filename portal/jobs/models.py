from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Long work done by a Celery task for one user: its state, progress and result file."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.FileField(_("result"), upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    #: Where the result is downloaded when it is stored elsewhere (an annual report's own file).
    result_url = models.CharField(_("result address"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    #: The Celery task running the job (name, args, kwargs, worker), recorded by `job_start`, so a job
    #: whose worker died is queued again at once (services.job_requeue_orphans) instead of after the
    #: broker's visibility timeout. Internal: no label.
    task = models.JSONField(default=dict, blank=True, editable=False)
    requeued = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_at_most_100")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}
