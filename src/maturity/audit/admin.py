"""No admin pages: the log is read on its own pages and never edited."""
