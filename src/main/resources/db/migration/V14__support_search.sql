-- Support search (GET /api/v1/search): every value support staff look things up by is a column with an index, so
-- a search is a handful of index lookups, not a scan of canonical_json or of a table.
--
-- Orders: the customer's purchase order number was only inside canonical_json; now a column of its own, written with
-- the order (NULL when the order has none, or when it is longer than the column: such a PO is not searchable).
-- Existing orders get it from their canonical_json in the Java migration V15 (portable JSON reading).
-- References people type (CRM/source id, PO, ERP order number) are found in any case: upper-case copies kept by the
-- database itself (generated columns; ${stored} is STORED on PostgreSQL, nothing on H2, whose generated columns
-- are always stored), so no writer can forget them and existing rows get them at once.
ALTER TABLE orders ADD COLUMN customer_po VARCHAR(128);
ALTER TABLE orders ADD COLUMN external_id_search VARCHAR(128) GENERATED ALWAYS AS (UPPER(external_id)) ${stored};
ALTER TABLE orders ADD COLUMN customer_po_search VARCHAR(128) GENERATED ALWAYS AS (UPPER(customer_po)) ${stored};
ALTER TABLE orders ADD COLUMN erp_order_number_search VARCHAR(64) GENERATED ALWAYS AS (UPPER(erp_order_number)) ${stored};
CREATE INDEX ix_orders_external_id_search ON orders (external_id_search);
CREATE INDEX ix_orders_customer_po_search ON orders (customer_po_search);
CREATE INDEX ix_orders_erp_order_number_search ON orders (erp_order_number_search);
CREATE INDEX ix_orders_correlation ON orders (correlation_id);
-- newest first, with or without filters
CREATE INDEX ix_orders_received ON orders (received_at, order_id);

-- EDI interchanges received: by interchange control number alone (the unique key starts with sender and receiver),
-- and by the group / transaction set control numbers they brought
CREATE INDEX ix_edi_interchanges_control ON edi_interchanges (control_number);
CREATE INDEX ix_edi_received_controls_number ON edi_received_controls (control_number);

-- Dead letters by correlation id (by order id: ix_dead_letters_order)
CREATE INDEX ix_dead_letters_correlation ON dead_letters (correlation_id);

-- Documents sent, by order and by each control number (by partner: the unique key starts with it)
CREATE INDEX ix_edi_sent_documents_order ON edi_sent_documents (order_id);
CREATE INDEX ix_edi_sent_documents_interchange ON edi_sent_documents (interchange_control);
CREATE INDEX ix_edi_sent_documents_group_control ON edi_sent_documents (group_control);
CREATE INDEX ix_edi_sent_documents_transaction ON edi_sent_documents (transaction_control);
