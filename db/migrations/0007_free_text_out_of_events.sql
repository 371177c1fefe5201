-- Decline and cancel reasons are people's own words ("opgenomen in ziekenhuis"): they stay on the
-- proposal and the request, for staff, and leave the event log that every board replays.
UPDATE `events` SET `data` = json_remove(`data`, '$.reason') WHERE `type` IN ('proposal.declined', 'request.cancelled');
