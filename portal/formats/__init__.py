"""Date formats for both languages (FORMAT_MODULE_PATH): one style everywhere, full month names.

Templates write ``{{ day|date }}`` (DATE_FORMAT) or ``{{ moment|date:"DATETIME_FORMAT" }}``, never a
literal format, so "4 juli 2016" on a Dutch page matches "4 July 2016" on the English one.
"""
