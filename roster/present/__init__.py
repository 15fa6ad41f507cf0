"""What people read: the roster workbook, printable pages, calendars, charts, terminal text."""
