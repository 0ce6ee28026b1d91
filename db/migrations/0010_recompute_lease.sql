CREATE TABLE `recompute_lease` (
	`id` integer PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`version` integer,
	`acquired_at` text NOT NULL,
	`expires_at` text NOT NULL
);
