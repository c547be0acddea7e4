CREATE TABLE import_batch (id bigint, payload text);
ALTER TABLE import_batch DROP COLUMN payload;
DROP TABLE import_batch;
