CREATE TABLE `statement_sign_offs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`helper_id` integer NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`total_hours` real NOT NULL,
	`jobs` integer NOT NULL,
	`required_hours` real,
	`signed_by` integer NOT NULL,
	`signed_at` integer NOT NULL,
	FOREIGN KEY (`helper_id`) REFERENCES `helpers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `statement_sign_offs_helper` ON `statement_sign_offs` (`helper_id`,`period_from`,`period_to`);