"""Justice events for the offences recorded before events existed, from the offence's own
fields, so figure 9 keeps counting them (DOMAIN.md figure 9):

- a conviction on its outcome date, and a custodial sentence on the same date when the
  sentence names custody (custody, prison, detention, DTO, YOI);
- a caution, reprimand or final warning as an out-of-court disposal on its outcome date;
- an offence pending or with no further action as an arrest on the day it was committed: the
  old figure counted those as arrests or charges, in that month. No charge, remand or arrest
  date was ever recorded, so none is made up for decided offences.

Reversing deletes every justice event."""

from django.db import migrations

FROM_OFFENCES = """
    INSERT INTO clients_justiceevent (offence_id, kind, date, recorded_by_id, created_at)
    SELECT id, CASE WHEN outcome = 'conviction' THEN 'conviction' ELSE 'out_of_court' END,
           outcome_date, recorded_by_id, now()
      FROM clients_offence
     WHERE outcome IN ('conviction', 'caution', 'reprimand', 'warning')
       AND outcome_date IS NOT NULL
    UNION ALL
    SELECT id, 'custodial_sentence', outcome_date, recorded_by_id, now()
      FROM clients_offence
     WHERE outcome = 'conviction' AND outcome_date IS NOT NULL
       AND sentence ~* '(custod|prison|detention|\\mDTO\\M|\\mYOI\\M)'
    UNION ALL
    SELECT id, 'arrest', offence_date, recorded_by_id, now()
      FROM clients_offence
     WHERE outcome IN ('pending', 'nfa')
"""


class Migration(migrations.Migration):
    dependencies = [("clients", "0006_justice_events")]

    operations = [
        migrations.RunSQL(FROM_OFFENCES, reverse_sql="DELETE FROM clients_justiceevent"),
    ]
