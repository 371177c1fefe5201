CREATE TABLE `closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`actor` text,
	`data` text NOT NULL,
	`request_id` integer,
	`helper_id` integer
);
--> statement-breakpoint
CREATE INDEX `events_request` ON `events` (`request_id`);--> statement-breakpoint
CREATE TABLE `helpers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`track` text NOT NULL,
	`skills` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`max_travel_km` real NOT NULL,
	`travel_mode` text NOT NULL,
	`availability` text NOT NULL,
	`absences` text NOT NULL,
	`max_hours_per_week` real,
	`languages` text NOT NULL,
	`phone` text,
	`email` text,
	`active_from` text,
	`active_until` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`helper_id` integer NOT NULL,
	`status` text NOT NULL,
	`score` real NOT NULL,
	`distance_km` real NOT NULL,
	`breakdown` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`responded_at` integer,
	`decline_reason` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`helper_id`) REFERENCES `helpers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_one_accepted` ON `proposals` (`request_id`) WHERE status = 'accepted';--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_one_live_per_helper` ON `proposals` (`request_id`,`helper_id`) WHERE status = 'proposed';--> statement-breakpoint
CREATE INDEX `proposals_helper_status` ON `proposals` (`helper_id`,`status`);--> statement-breakpoint
CREATE INDEX `proposals_status_expiry` ON `proposals` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`skills` text NOT NULL,
	`window_start` integer NOT NULL,
	`window_end` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`urgency` text NOT NULL,
	`description` text,
	`channel` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`status` text NOT NULL,
	`helper_id` integer,
	`scheduled_start` integer,
	`scheduled_end` integer,
	`hours` real,
	`completion_note` text,
	`reciprocity` text,
	`cancel_reason` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`helper_id`) REFERENCES `helpers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requests_status` ON `requests` (`status`);--> statement-breakpoint
CREATE INDEX `requests_resident` ON `requests` (`resident_id`,`helper_id`);--> statement-breakpoint
CREATE INDEX `requests_helper_schedule` ON `requests` (`helper_id`,`scheduled_start`);--> statement-breakpoint
CREATE INDEX `requests_schedule` ON `requests` (`scheduled_start`);--> statement-breakpoint
CREATE TABLE `residents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`street` text,
	`house_number` text,
	`postcode` text NOT NULL,
	`city` text,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`languages` text NOT NULL,
	`notes` text,
	`excluded_helper_ids` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `residents_postcode` ON `residents` (`postcode`);--> statement-breakpoint
CREATE INDEX `residents_phone` ON `residents` (`phone`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `skills` (
	`code` text PRIMARY KEY NOT NULL,
	`track` text NOT NULL,
	`label_nl` text NOT NULL,
	`label_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`role` text NOT NULL,
	`user_id` integer,
	`helper_id` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`helper_id`) REFERENCES `helpers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_token_hash_unique` ON `tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `tokens_helper` ON `tokens` (`helper_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);