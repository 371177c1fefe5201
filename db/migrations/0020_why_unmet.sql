CREATE TABLE `request_unmet` (
	`request_id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`helpers` text NOT NULL,
	`moment` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);

--> statement-breakpoint
-- The requests that went unmet before the reasons were kept: unrecorded, so the clock does not rank
-- them now against today's helpers.
INSERT INTO `request_unmet` (`request_id`, `reason`, `helpers`, `moment`, `recorded_at`)
  SELECT `id`, 'unrecorded', '{}', CASE WHEN `status` = 'cancelled' THEN 'cancelled' ELSE 'window' END, unixepoch() * 1000
  FROM `requests`
  WHERE (`status` = 'cancelled' AND `helper_id` IS NULL)
     OR (`status` IN ('open', 'proposed') AND `window_end` <= unixepoch() * 1000);
