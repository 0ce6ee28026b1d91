CREATE TABLE `area_series` (
	`snapshot` integer NOT NULL,
	`code` text NOT NULL,
	`indicator` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`snapshot`, `code`, `indicator`)
);
--> statement-breakpoint
CREATE TABLE `data_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target` text NOT NULL,
	`indicator_id` text,
	`changed_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `live_snapshot` ADD `manifest` text;--> statement-breakpoint
ALTER TABLE `snapshots` ADD `plan` text;--> statement-breakpoint
ALTER TABLE `snapshots` ADD `basis` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `snapshots` ADD `manifest` text;