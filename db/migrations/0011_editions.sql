CREATE TABLE `edition_areas` (
	`edition` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`outcome` text NOT NULL,
	`met` integer NOT NULL,
	`borderline` integer NOT NULL,
	`population` real,
	`criteria` text NOT NULL,
	PRIMARY KEY(`edition`, `code`)
);
--> statement-breakpoint
CREATE INDEX `edition_areas_met_idx` ON `edition_areas` (`edition`,`met`);--> statement-breakpoint
CREATE TABLE `editions` (
	`id` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`rule_set` text NOT NULL,
	`rule_set_version` integer NOT NULL,
	`level` text NOT NULL,
	`published_at` text NOT NULL,
	`corrects` text,
	`reason` text,
	`previous` text,
	`snapshot` integer NOT NULL,
	`snapshot_identity` text,
	`dataset` text,
	`synthetic` integer DEFAULT false NOT NULL,
	`title` text NOT NULL,
	`citation` text NOT NULL,
	`rule_set_definition` text NOT NULL,
	`counts` text NOT NULL,
	`changes` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `editions_year_seq_idx` ON `editions` (`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `editions_corrects_idx` ON `editions` (`corrects`);--> statement-breakpoint
CREATE UNIQUE INDEX `editions_first_idx` ON `editions` (`rule_set`,`level`,`year`) WHERE corrects IS NULL;--> statement-breakpoint
-- A published edition is a record others cite: the database itself refuses to change or remove
-- one (no route does either), and an edition's set of areas is closed once the edition exists
-- (publishing inserts the areas first and the edition row last, in one batch).
CREATE TRIGGER `editions_no_update` BEFORE UPDATE ON `editions` BEGIN SELECT RAISE(ABORT, 'editions are immutable: publish a correction instead'); END;--> statement-breakpoint
CREATE TRIGGER `editions_no_delete` BEFORE DELETE ON `editions` BEGIN SELECT RAISE(ABORT, 'editions are immutable: publish a correction instead'); END;--> statement-breakpoint
CREATE TRIGGER `edition_areas_no_update` BEFORE UPDATE ON `edition_areas` BEGIN SELECT RAISE(ABORT, 'editions are immutable: publish a correction instead'); END;--> statement-breakpoint
CREATE TRIGGER `edition_areas_no_delete` BEFORE DELETE ON `edition_areas` BEGIN SELECT RAISE(ABORT, 'editions are immutable: publish a correction instead'); END;--> statement-breakpoint
CREATE TRIGGER `edition_areas_closed` BEFORE INSERT ON `edition_areas` WHEN EXISTS (SELECT 1 FROM `editions` WHERE `id` = NEW.`edition`) BEGIN SELECT RAISE(ABORT, 'editions are immutable: this edition is already published'); END;
