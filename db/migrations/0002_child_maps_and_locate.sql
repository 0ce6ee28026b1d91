CREATE TABLE `child_geometry` (
	`snapshot` integer NOT NULL,
	`code` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`snapshot`, `code`)
);
--> statement-breakpoint
CREATE TABLE `child_values` (
	`snapshot` integer NOT NULL,
	`code` text NOT NULL,
	`indicator` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`snapshot`, `code`, `indicator`)
);
--> statement-breakpoint
CREATE TABLE `locate_tiles` (
	`snapshot` integer NOT NULL,
	`tile` text NOT NULL,
	`code` text NOT NULL,
	PRIMARY KEY(`snapshot`, `tile`, `code`)
);
