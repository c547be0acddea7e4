ALTER TABLE users DROP email;
