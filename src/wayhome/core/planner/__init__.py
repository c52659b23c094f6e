"""The backwards planner: from the return date and the exam sittings back to today.

``template`` holds the task template's schema (the data is in wayhome/plans/),
``anchors`` the dates a template counts from, ``tasks`` turns the template and
an assessment into tasks, ``schedule`` places them, ``checklist`` judges
readiness, and ``plan`` joins them: :func:`wayhome.core.planner.plan.make_plan`.
"""
