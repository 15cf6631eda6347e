-- Outbound control numbers per partner and kind (ISA13, GS06, ST02, UNB0020): one row each, incremented under
-- a row lock, so two replicas never hand out the same number.
CREATE TABLE edi_control_numbers (
    partner             VARCHAR(64)  NOT NULL,
    kind                VARCHAR(16)  NOT NULL,
    last_value          BIGINT       NOT NULL,
    CONSTRAINT pk_edi_control_numbers PRIMARY KEY (partner, kind)
);
