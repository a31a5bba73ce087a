"""Reading and validating uploaded location lists (issue 7, point 3): a library without models.

``parse_locations(stream)`` opens a CSV, XLSX or ODS file, checks its columns and yields one
``LocationRow`` or ``RejectedRow`` per record; ``TableFileError`` refuses a whole file with a
translated message. ``result.write_result_csv`` writes the per-row outcome for download and
``cells.safe_cell`` guards every export against formula injection.
"""
