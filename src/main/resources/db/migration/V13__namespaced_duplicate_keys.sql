-- Duplicate keys are namespaced by the sender the runtime authenticated (docs/security.md, "Duplicate keys"):
-- api:<caller>|CRM:801..., edi:<partner>|EDI:<sender>:<PO>, file:order-inbox|FILE:..., kafka:<topic>|ECOMMERCE:...
-- The namespace makes keys longer than the 300 characters V1 allowed: widened (the sender's id, system and
-- partner stay within their own columns' limits; the namespace adds the caller, partner or topic name).
--
-- Keys stored before stay as they are (system:partner:id, which never starts with a lower-case namespace, so no new
-- key can equal one). They are not rewritten: the API caller of an old REST or SOAP order, the inbox of an old file
-- order and the topic of an old Kafka order were never stored. Instead the intake recognises a repeat of an old
-- order by its old key, but only when both came through the same channel; and an old order's ERP reference stays
-- the one derived from its old key (its stored canonical order has no namespace), so it still finds its ERP order.
ALTER TABLE orders ALTER COLUMN idempotency_key SET DATA TYPE VARCHAR(600);
ALTER TABLE orders ALTER COLUMN client_idempotency_key SET DATA TYPE VARCHAR(600);
ALTER TABLE CAMEL_MESSAGEPROCESSED ALTER COLUMN messageId SET DATA TYPE VARCHAR(600);
