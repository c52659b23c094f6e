"""What the commands print, as a person reads it: Rich tables, plain words, dates
as '1 Jul 2025'. One module per area: rules (assessments, the email, the
month-by-month sweep), packs (the table of packs, a pack's rules), plan (the plan,
tasks, scenarios, visa clocks, money), vault (stored files and the names-and-dates
check) and cv (case log, publications, contacts, activities).

Every status is written out in words as well as coloured, so the output reads
the same without colour (NO_COLOR, a pipe, a screen reader).
"""
