"""The pages that combine several apps, above all of them (docs/adr/0027-layers.md): an
organisation's home, the assessment journey with its panels (comments, documents, open data,
benchmarks), the action plan with its milestones, a group's dashboard, the audit log and job
pages, the national team's pages about organisations, and the demo loader. Each app below keeps
its models, services and the pages of its own; nothing below imports this package."""
