"""No models of its own. The module is here so that Django sends this app `post_migrate`, on
which the database cache's table is made (apps.py)."""
