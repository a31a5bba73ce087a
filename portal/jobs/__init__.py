"""Background jobs: long work in Celery with progress the user can watch and a result to download."""
