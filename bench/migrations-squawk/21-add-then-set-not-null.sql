ALTER TABLE users ADD COLUMN plan text;
UPDATE users SET plan = 'free';
ALTER TABLE users ALTER COLUMN plan SET NOT NULL;
