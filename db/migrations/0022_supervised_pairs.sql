DROP INDEX `proposals_one_accepted`;--> statement-breakpoint
ALTER TABLE `proposals` ADD `role` text DEFAULT 'alone' NOT NULL;--> statement-breakpoint
ALTER TABLE `proposals` ADD `partner_id` integer;--> statement-breakpoint
ALTER TABLE `proposals` ADD `agreed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_one_accepted` ON `proposals` (`request_id`,("role" = 'supervisor')) WHERE status = 'accepted';--> statement-breakpoint
ALTER TABLE `requests` ADD `supervisor_helper_id` integer REFERENCES helpers(id);--> statement-breakpoint
CREATE INDEX `requests_supervisor_schedule` ON `requests` (`supervisor_helper_id`,`scheduled_start`) WHERE supervisor_helper_id is not null;