-- Classification results move to one row per rule set, year and bucket of areas. They are
-- derived data: the old rows are dropped, and ENGINE_VERSION 5 makes the next recompute a full
-- one, which writes them again in the new form.
CREATE TABLE `classification_met` (
	`snapshot` integer NOT NULL,
	`rule_set` text NOT NULL,
	`period` integer NOT NULL,
	`code` text NOT NULL,
	`level` text NOT NULL,
	`bucket` text NOT NULL,
	PRIMARY KEY(`snapshot`, `rule_set`, `period`, `code`)
);
--> statement-breakpoint
DROP TABLE `classification_results`;--> statement-breakpoint
CREATE TABLE `classification_results` (
	`snapshot` integer NOT NULL,
	`rule_set` text NOT NULL,
	`period` integer NOT NULL,
	`bucket` text NOT NULL,
	`sizes` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`snapshot`, `rule_set`, `period`, `bucket`)
);
