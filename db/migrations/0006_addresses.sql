CREATE TABLE `geocoder_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`answer` text NOT NULL,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `postcode_centroids` (
	`postcode` text PRIMARY KEY NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`city` text,
	`street` text,
	`wijk_code` text,
	`wijk_name` text,
	`buurt_code` text,
	`buurt_name` text,
	`imported_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `helpers` ADD `street` text;--> statement-breakpoint
ALTER TABLE `helpers` ADD `house_number` text;--> statement-breakpoint
ALTER TABLE `helpers` ADD `postcode` text;--> statement-breakpoint
ALTER TABLE `helpers` ADD `city` text;--> statement-breakpoint
ALTER TABLE `helpers` ADD `house_number_addition` text;--> statement-breakpoint
ALTER TABLE `helpers` ADD `location_source` text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE `helpers` ADD `wijk_code` text;--> statement-breakpoint
ALTER TABLE `helpers` ADD `wijk_name` text;--> statement-breakpoint
ALTER TABLE `helpers` ADD `buurt_code` text;--> statement-breakpoint
ALTER TABLE `helpers` ADD `buurt_name` text;--> statement-breakpoint
ALTER TABLE `residents` ADD `house_number_addition` text;--> statement-breakpoint
ALTER TABLE `residents` ADD `location_source` text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE `residents` ADD `wijk_code` text;--> statement-breakpoint
ALTER TABLE `residents` ADD `wijk_name` text;--> statement-breakpoint
ALTER TABLE `residents` ADD `buurt_code` text;--> statement-breakpoint
ALTER TABLE `residents` ADD `buurt_name` text;