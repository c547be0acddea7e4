ALTER TABLE ONLY users ALTER name TYPE varchar(50);
