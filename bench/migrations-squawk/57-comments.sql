-- DROP TABLE users;
/* ALTER TABLE users DROP COLUMN email; */
SELECT 1;
