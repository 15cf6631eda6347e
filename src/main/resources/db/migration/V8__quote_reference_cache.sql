-- Quote validation (POST /api/v1/quotes/validate): the last figures each ERP gave, kept as reference data for the
-- fallback when the ERP does not answer in time. In the database so that every replica answers from the same data.
-- A row is replaced only by a newer answer (as_of); rows older than ordersync.quotes.cache-max-age are not used.

-- Price and available quantity per legal entity, item and unit of measure (prices and quantities are per unit).
CREATE TABLE quote_item_reference (
    legal_entity        VARCHAR(16)    NOT NULL,
    sku                 VARCHAR(100)   NOT NULL,
    unit_of_measure     VARCHAR(16)    NOT NULL,
    currency            VARCHAR(3)     NOT NULL,
    unit_price          DECIMAL(38,10) NOT NULL,
    available_quantity  DECIMAL(38,10),
    as_of               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_quote_item_reference PRIMARY KEY (legal_entity, sku, unit_of_measure)
);

-- Credit status and available credit per legal entity and customer.
CREATE TABLE quote_credit_reference (
    legal_entity        VARCHAR(16)    NOT NULL,
    customer_number     VARCHAR(64)    NOT NULL,
    credit_status       VARCHAR(16)    NOT NULL,
    available_credit    DECIMAL(38,10),
    currency            VARCHAR(3)     NOT NULL,
    as_of               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_quote_credit_reference PRIMARY KEY (legal_entity, customer_number)
);
