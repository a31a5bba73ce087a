from .public import location_list_view

__all__ = ["location_list_view"]
