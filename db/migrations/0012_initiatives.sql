CREATE TABLE `initiative_followups` (
	`initiative_id` text PRIMARY KEY NOT NULL,
	`snapshot` text NOT NULL,
	`revision` integer NOT NULL,
	`body` text NOT NULL,
	`computed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `initiatives` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kommune` text NOT NULL,
	`areas` text NOT NULL,
	`start_year` integer NOT NULL,
	`end_year` integer,
	`url` text NOT NULL,
	`example` integer DEFAULT false NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL,
	`note` text,
	`revision` integer NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
