-- Composite scores move to one row per bucket of areas and year. They only pass data from the
-- composite step to the cards step of the same run, so the old rows are simply dropped.
DROP TABLE `composite_scores`;--> statement-breakpoint
CREATE TABLE `composite_scores` (
	`snapshot` integer NOT NULL,
	`bucket` text NOT NULL,
	`period` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`snapshot`, `bucket`, `period`)
);
