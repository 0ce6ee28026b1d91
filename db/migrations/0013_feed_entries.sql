CREATE TABLE `feed_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`snapshot` integer,
	`kind` text NOT NULL,
	`area_code` text,
	`kommune_code` text,
	`rule_set` text,
	`published_at` text,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feed_entries_key_unique` ON `feed_entries` (`key`);--> statement-breakpoint
CREATE INDEX `feed_entries_area_idx` ON `feed_entries` (`area_code`,`id`);--> statement-breakpoint
CREATE INDEX `feed_entries_kommune_idx` ON `feed_entries` (`kommune_code`,`id`);--> statement-breakpoint
CREATE INDEX `feed_entries_rule_set_idx` ON `feed_entries` (`rule_set`,`id`);--> statement-breakpoint
CREATE INDEX `feed_entries_snapshot_idx` ON `feed_entries` (`snapshot`);