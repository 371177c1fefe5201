DROP INDEX `requests_resident`;--> statement-breakpoint
CREATE INDEX `requests_resident` ON `requests` (`resident_id`,`status`,`helper_id`,`supervisor_helper_id`,`scheduled_start`);