-- An interchange with some transaction sets taken and others refused is PARTIALLY_ACCEPTED (18 characters): the
-- status column of V2 held 16, so such an interchange could not be recorded and its file failed. SET DATA TYPE is
-- the same statement on H2 and PostgreSQL.
ALTER TABLE edi_interchanges ALTER COLUMN status SET DATA TYPE VARCHAR(24);
