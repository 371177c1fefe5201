ALTER TABLE `series` ADD `paused_from` text;--> statement-breakpoint
ALTER TABLE `series` ADD `paused_until` text;