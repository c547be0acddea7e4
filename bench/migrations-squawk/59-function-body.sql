CREATE FUNCTION purge() RETURNS void AS $$
BEGIN
  TRUNCATE audit_log;
END;
$$ LANGUAGE plpgsql;
