from .matches import match_decide_view, match_queue_view
from .public import location_list_view

__all__ = ["location_list_view", "match_decide_view", "match_queue_view"]
