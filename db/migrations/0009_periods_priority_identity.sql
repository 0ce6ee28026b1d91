ALTER TABLE `indicators` ADD `period_span` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `live_snapshot` ADD `identity` text;--> statement-breakpoint
ALTER TABLE `snapshots` ADD `identity` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `priority` integer DEFAULT 0 NOT NULL;