-- V7: idempotency keys of the exactly-once writes.
--
-- Creates a new table and a new type only: no existing table is locked, rewritten or indexed, so the online-safe
-- rules for migrations that touch existing tables (bounded locks, CONCURRENTLY) do not apply here.

CREATE TYPE idempotent_operation AS ENUM ('place_order', 'restock', 'restock_all', 'adjust', 'refund_payment');

-- One row per key a caller gave a write. The first call with a key inserts the row in the same transaction as its
-- write, so the key exists exactly when the write committed; a retry with the key finds the row and returns the
-- result it names instead of writing again. A concurrent retry waits on the row's unique index until the first
-- call's transaction ends.
CREATE TABLE idempotency_keys (
    id                   uuid                 NOT NULL DEFAULT gen_random_uuid(),
    idempotency_key      text                 NOT NULL,
    operation            idempotent_operation NOT NULL,
    -- SHA-256 of the request in a canonical form: the same key with another request is refused, not replayed.
    request_hash         bytea                NOT NULL,
    -- What the first call wrote, by operation: the order, the history row, the payment, or a lot count.
    order_id             uuid,
    inventory_history_id uuid,
    payment_id           uuid,
    result_count         integer,
    created_at           timestamptz          NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (id),
    CONSTRAINT idempotency_keys_idempotency_key_key UNIQUE (idempotency_key),
    -- The same limits as IdempotencyKey: 1 to 200 characters, no control characters.
    CONSTRAINT idempotency_keys_idempotency_key_check
        CHECK (char_length(idempotency_key) BETWEEN 1 AND 200 AND idempotency_key !~ '[[:cntrl:]]'),
    CONSTRAINT idempotency_keys_request_hash_check CHECK (octet_length(request_hash) = 32),
    CONSTRAINT idempotency_keys_result_count_check CHECK (result_count >= 0),
    -- CASCADE: a key outlives nothing it names; the history is never deleted (its own rule), so RESTRICT there.
    CONSTRAINT idempotency_keys_order_id_fkey
        FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT idempotency_keys_inventory_history_id_fkey
        FOREIGN KEY (inventory_history_id) REFERENCES inventory_history (id) ON DELETE RESTRICT,
    CONSTRAINT idempotency_keys_payment_id_fkey
        FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE CASCADE
);

CREATE INDEX idempotency_keys_order_id_idx ON idempotency_keys (order_id);
CREATE INDEX idempotency_keys_inventory_history_id_idx ON idempotency_keys (inventory_history_id);
CREATE INDEX idempotency_keys_payment_id_idx ON idempotency_keys (payment_id);
-- Expiring old keys (DELETE ... WHERE created_at < now() - interval '30 days') walks this index.
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);

COMMENT ON TABLE idempotency_keys IS
    'Idempotency keys of placeOrder, restock, restockAll, adjust and refundPayment, with what the first call wrote.';
