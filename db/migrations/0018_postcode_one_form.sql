-- One stored form of a postcode, as the API stores it since addresses were looked up: "6371AB".
-- Rows an older version (or the old seed) wrote as "6371 ab" are brought to it.
UPDATE `residents` SET `postcode` = upper(replace(`postcode`, ' ', '')) WHERE `postcode` <> upper(replace(`postcode`, ' ', ''));--> statement-breakpoint
UPDATE `helpers` SET `postcode` = upper(replace(`postcode`, ' ', '')) WHERE `postcode` IS NOT NULL AND `postcode` <> upper(replace(`postcode`, ' ', ''));
