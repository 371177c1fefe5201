ALTER TABLE `requests` ADD `cancelled_by_series` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The series' own cancellations before this column, by the reasons the service gave them (an erased resident's are gone).
UPDATE `requests` SET `cancelled_by_series` = true WHERE `status` = 'cancelled' AND `cancel_reason` IN ('the series was stopped', 'the series is paused');
