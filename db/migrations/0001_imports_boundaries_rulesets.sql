CREATE TABLE `boundaries` (
	`code` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`geometry` text NOT NULL,
	`min_lon` real NOT NULL,
	`min_lat` real NOT NULL,
	`max_lon` real NOT NULL,
	`max_lat` real NOT NULL,
	`source_id` text
);
--> statement-breakpoint
CREATE INDEX `boundaries_bbox_idx` ON `boundaries` (`min_lon`,`max_lon`,`min_lat`,`max_lat`);--> statement-breakpoint
CREATE TABLE `classification_results` (
	`snapshot` integer NOT NULL,
	`rule_set` text NOT NULL,
	`period` integer NOT NULL,
	`code` text NOT NULL,
	`level` text NOT NULL,
	`met` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`snapshot`, `rule_set`, `period`, `code`)
);
--> statement-breakpoint
CREATE INDEX `classification_met_idx` ON `classification_results` (`snapshot`,`rule_set`,`period`,`met`,`level`);--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`file` text NOT NULL,
	`format` text NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rule_sets` (
	`id` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`created_at` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `segregation_results` (
	`snapshot` integer NOT NULL,
	`code` text NOT NULL,
	`grouping` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`snapshot`, `code`, `grouping`)
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`publisher` text NOT NULL,
	`licence` text NOT NULL,
	`url` text
);
--> statement-breakpoint
ALTER TABLE `observations` ADD `source_id` text;--> statement-breakpoint
ALTER TABLE `snapshots` ADD `step` text;