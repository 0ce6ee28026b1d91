CREATE TABLE `area_cards` (
	`snapshot` integer NOT NULL,
	`code` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`snapshot`, `code`)
);
--> statement-breakpoint
CREATE TABLE `area_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`old_code` text NOT NULL,
	`new_code` text NOT NULL,
	`changed_on` text NOT NULL,
	`weight` real DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `area_changes_old_idx` ON `area_changes` (`old_code`);--> statement-breakpoint
CREATE INDEX `area_changes_new_idx` ON `area_changes` (`new_code`);--> statement-breakpoint
CREATE TABLE `areas` (
	`code` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`parent_code` text,
	`name_nb` text NOT NULL,
	`name_nn` text,
	`name_en` text,
	`name_se` text,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`synthetic` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `areas_parent_idx` ON `areas` (`parent_code`);--> statement-breakpoint
CREATE INDEX `areas_level_idx` ON `areas` (`level`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`name_nb` text NOT NULL,
	`name_nn` text,
	`name_en` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`source` text NOT NULL,
	`table_id` text,
	`definition_nb` text NOT NULL,
	`definition_en` text NOT NULL,
	`finest_level` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `live_snapshot` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`flipped_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`area_code` text NOT NULL,
	`indicator_id` text NOT NULL,
	`period` integer NOT NULL,
	`value` real,
	`numerator` real,
	`denominator` real,
	`status` text,
	PRIMARY KEY(`area_code`, `indicator_id`, `period`)
);
--> statement-breakpoint
CREATE INDEX `observations_indicator_period_idx` ON `observations` (`indicator_id`,`period`);--> statement-breakpoint
CREATE TABLE `search_terms` (
	`snapshot` integer NOT NULL,
	`term` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_name` text,
	PRIMARY KEY(`snapshot`, `term`, `code`)
);
--> statement-breakpoint
CREATE TABLE `snapshots` (
	`version` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`state` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`finished_at` text,
	`cursor` text,
	`areas_done` integer DEFAULT 0 NOT NULL,
	`error` text
);
