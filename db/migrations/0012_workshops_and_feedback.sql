CREATE TABLE `job_feedback` (
	`request_id` integer PRIMARY KEY NOT NULL,
	`satisfaction` integer,
	`satisfaction_by` text,
	`observation` text,
	`observed_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `workshop_attendance` (
	`helper_id` integer NOT NULL,
	`workshop_id` integer NOT NULL,
	`attended_on` text NOT NULL,
	`actor` text NOT NULL,
	PRIMARY KEY(`helper_id`, `workshop_id`),
	FOREIGN KEY (`helper_id`) REFERENCES `helpers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `workshops` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`track` text NOT NULL,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
