CREATE TABLE `composite_scores` (
	`snapshot` integer NOT NULL,
	`code` text NOT NULL,
	`period` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`snapshot`, `code`, `period`)
);
