CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account` text NOT NULL,
	`address` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_account` ON `login_failures` (`account`,`at`);--> statement-breakpoint
CREATE INDEX `login_failures_address` ON `login_failures` (`address`,`at`);--> statement-breakpoint
ALTER TABLE `tokens` ADD `last_seen_at` integer;--> statement-breakpoint
DROP TRIGGER `audit_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `audit_no_delete_within_five_years` BEFORE DELETE ON `audit` WHEN old.`at` > (CAST(strftime('%s', 'now') AS INTEGER) - 5 * 365 * 86400) * 1000 BEGIN SELECT RAISE(ABORT, 'audit entries are kept at least five years'); END;
