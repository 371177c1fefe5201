ALTER TABLE `proposals` ADD `ask_next_at` integer;--> statement-breakpoint
ALTER TABLE `proposals` ADD `next_asked_at` integer;--> statement-breakpoint
CREATE INDEX `proposals_status_ask_next` ON `proposals` (`status`,`ask_next_at`);