ALTER TABLE users ADD COLUMN draft text;
ALTER TABLE users DROP COLUMN draft;
