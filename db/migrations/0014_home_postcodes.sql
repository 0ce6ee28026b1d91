CREATE TABLE `overviews` (
	`snapshot` integer PRIMARY KEY NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `postcodes` (
	`code` text PRIMARY KEY NOT NULL,
	`area_code` text NOT NULL,
	`place` text,
	`source_id` text
);
--> statement-breakpoint
CREATE INDEX `postcodes_area_idx` ON `postcodes` (`area_code`);--> statement-breakpoint
ALTER TABLE `search_terms` ADD `kommune_name` text;