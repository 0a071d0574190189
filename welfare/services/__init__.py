"""Everything that changes the register goes through these modules: one transaction each, a journal
entry each, messages queued in the same transaction (texts) or after commit (emails), anonymous
figures announced after commit (welfare.signals).

- `entries`: sign-up, staff additions and edits, agreement, removal, yearly confirmation, export;
- `campaigns`: emergency campaigns, their call lists and calls;
- `reconfirmation`: the yearly re-confirmation and its reminders;
- `transmission`: handing the register to the préfet.
"""
