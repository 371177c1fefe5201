CREATE TABLE `revisions` (
	`name` text PRIMARY KEY NOT NULL,
	`stamp` integer NOT NULL
);
