CREATE TABLE `learning_plans` (
	`helper_id` integer PRIMARY KEY NOT NULL,
	`coach_user_id` integer,
	`want` text,
	`can` text,
	`need` text,
	`goals` text DEFAULT '[]' NOT NULL,
	`period_start` text,
	`period_end` text,
	`required_hours` real,
	`outflow_kind` text,
	`outflow_date` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`helper_id`) REFERENCES `helpers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coach_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `level_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`helper_id` integer NOT NULL,
	`skill` text NOT NULL,
	`from_level` text,
	`to_level` text NOT NULL,
	`actor` text NOT NULL,
	`signed_off` integer NOT NULL,
	`observed_request_ids` text NOT NULL,
	`note` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`helper_id`) REFERENCES `helpers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `level_changes_helper` ON `level_changes` (`helper_id`,`at`);