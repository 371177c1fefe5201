DROP INDEX `requests_status`;--> statement-breakpoint
CREATE INDEX `requests_live` ON `requests` (`status`) WHERE status in ('open', 'proposed', 'assigned');