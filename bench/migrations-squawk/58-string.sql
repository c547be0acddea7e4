INSERT INTO notes (body) VALUES ('DROP TABLE users; ALTER TABLE users DROP COLUMN email');
