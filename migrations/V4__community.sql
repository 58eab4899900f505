-- V4: reviews, chats (participants and messages) and notifications.

CREATE TYPE notification_type AS ENUM ('order_update', 'new_message', 'low_stock', 'review', 'system');

CREATE TABLE reviews (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    product_id uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    rating     smallint    NOT NULL,
    title      text,
    body       text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reviews_pkey PRIMARY KEY (id),
    -- One review per user and product; also serves as the index for the user_id foreign key.
    CONSTRAINT reviews_user_id_product_id_key UNIQUE (user_id, product_id),
    CONSTRAINT reviews_rating_check CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT reviews_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
    -- CASCADE: a deleted account's reviews go with it.
    CONSTRAINT reviews_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

COMMENT ON TABLE reviews IS 'Product ratings (1 to 5) and reviews, one per user and product.';

-- Product pages list reviews newest first.
CREATE INDEX reviews_product_id_created_at_idx ON reviews (product_id, created_at DESC);

CREATE TRIGGER reviews_set_updated_at
    BEFORE UPDATE ON reviews
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE chats (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    -- NULL for a conversation not about an order.
    order_id   uuid,
    subject    text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chats_pkey PRIMARY KEY (id),
    -- SET NULL: the conversation outlives its link to the order.
    CONSTRAINT chats_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE SET NULL
);

COMMENT ON TABLE chats IS 'Conversations between users, optionally about an order.';

CREATE INDEX chats_order_id_idx ON chats (order_id);

CREATE TRIGGER chats_set_updated_at
    BEFORE UPDATE ON chats
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- joined_at plays the part of created_at here.
CREATE TABLE chat_participants (
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    chat_id      uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    joined_at    timestamptz NOT NULL DEFAULT now(),
    -- Messages newer than this are unread for the participant.
    last_read_at timestamptz,
    CONSTRAINT chat_participants_pkey PRIMARY KEY (id),
    -- Also serves as the index for the chat_id foreign key.
    CONSTRAINT chat_participants_chat_id_user_id_key UNIQUE (chat_id, user_id),
    CONSTRAINT chat_participants_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE,
    CONSTRAINT chat_participants_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

COMMENT ON TABLE chat_participants IS 'Membership of users in chats, with their read position.';

CREATE INDEX chat_participants_user_id_idx ON chat_participants (user_id);

CREATE TABLE chat_messages (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    chat_id    uuid        NOT NULL,
    -- NULL once the sender's account is deleted.
    sender_id  uuid,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chat_messages_pkey PRIMARY KEY (id),
    CONSTRAINT chat_messages_body_check CHECK (length(btrim(body)) > 0),
    CONSTRAINT chat_messages_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE,
    -- SET NULL: the other participants keep a readable conversation.
    CONSTRAINT chat_messages_sender_id_fkey FOREIGN KEY (sender_id) REFERENCES users (id) ON DELETE SET NULL
);

COMMENT ON TABLE chat_messages IS 'Messages posted in a chat.';

-- A chat's messages in order; also serves as the index for the chat_id foreign key.
CREATE INDEX chat_messages_chat_id_created_at_idx ON chat_messages (chat_id, created_at);
CREATE INDEX chat_messages_sender_id_idx ON chat_messages (sender_id);

CREATE TRIGGER chat_messages_set_updated_at
    BEFORE UPDATE ON chat_messages
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE notifications (
    id         uuid              NOT NULL DEFAULT gen_random_uuid(),
    user_id    uuid              NOT NULL,
    type       notification_type NOT NULL,
    title      text              NOT NULL,
    body       text,
    -- Type-specific payload (order id, chat id, ...) for the client to link to.
    data       jsonb             NOT NULL DEFAULT '{}'::jsonb,
    -- NULL while unread.
    read_at    timestamptz,
    created_at timestamptz       NOT NULL DEFAULT now(),
    -- Rows are updated only to set read_at, but that is still an update worth stamping.
    updated_at timestamptz       NOT NULL DEFAULT now(),
    CONSTRAINT notifications_pkey PRIMARY KEY (id),
    CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

COMMENT ON TABLE notifications IS 'In-app notifications for a user.';

CREATE INDEX notifications_user_id_created_at_idx ON notifications (user_id, created_at DESC);
-- Small partial index for the unread badge count: read rows drop out of it.
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

CREATE TRIGGER notifications_set_updated_at
    BEFORE UPDATE ON notifications
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
