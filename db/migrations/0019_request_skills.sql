CREATE TABLE `request_skills` (
	`request_id` integer NOT NULL,
	`skill` text NOT NULL,
	PRIMARY KEY(`request_id`, `skill`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
-- Every request there is, one row per skill it asks for (a skill listed twice counts once).
INSERT INTO `request_skills` (`request_id`, `skill`)
  SELECT DISTINCT `requests`.`id`, `skill`.`value` FROM `requests`, json_each(`requests`.`skills`) AS `skill`;
--> statement-breakpoint
-- Kept in step by the database itself, so every write path (the services, the scripts' plain SQL) is covered.
CREATE TRIGGER `request_skills_on_insert` AFTER INSERT ON `requests` BEGIN
  INSERT INTO `request_skills` (`request_id`, `skill`) SELECT DISTINCT NEW.`id`, `value` FROM json_each(NEW.`skills`);
END;
--> statement-breakpoint
CREATE TRIGGER `request_skills_on_update` AFTER UPDATE OF `skills` ON `requests` BEGIN
  DELETE FROM `request_skills` WHERE `request_id` = NEW.`id`;
  INSERT INTO `request_skills` (`request_id`, `skill`) SELECT DISTINCT NEW.`id`, `value` FROM json_each(NEW.`skills`);
END;
