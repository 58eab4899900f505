-- V1: authentication (NextAuth-style tables) and the shared updated_at trigger function.
-- Constraints are named explicitly: the Java layer translates errors by constraint name.

-- One function for every mutable table, so updated_at is kept by the database and never by callers.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION set_updated_at() IS 'BEFORE UPDATE trigger function: sets NEW.updated_at to now().';

CREATE TYPE user_role AS ENUM ('customer', 'vendor', 'admin');

CREATE TABLE users (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    email          text        NOT NULL,
    name           text,
    image          text,
    email_verified timestamptz,
    -- NULL for accounts that only sign in through an OAuth provider.
    password_hash  text,
    role           user_role   NOT NULL DEFAULT 'customer',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    -- A sanity check only (one @, no blanks); real validation is the verification e-mail.
    CONSTRAINT users_email_check CHECK (email ~ '^[^@\s]+@[^@\s]+$')
);

COMMENT ON TABLE users IS 'Platform users: customers, vendors and admins.';

-- Case-insensitive uniqueness needs an expression index; it keeps the constraint-style name.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_role_idx ON users (role);

CREATE TRIGGER users_set_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE accounts (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id             uuid        NOT NULL,
    type                text        NOT NULL,
    provider            text        NOT NULL,
    provider_account_id text        NOT NULL,
    refresh_token       text,
    access_token        text,
    -- Seconds since the epoch, as the OAuth provider reports it.
    expires_at          bigint,
    token_type          text,
    scope               text,
    id_token            text,
    session_state       text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_pkey PRIMARY KEY (id),
    CONSTRAINT accounts_provider_provider_account_id_key UNIQUE (provider, provider_account_id),
    -- Linked logins belong to the user: they go with the account.
    CONSTRAINT accounts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

COMMENT ON TABLE accounts IS 'OAuth provider accounts linked to a user (NextAuth accounts).';

CREATE INDEX accounts_user_id_idx ON accounts (user_id);

CREATE TRIGGER accounts_set_updated_at
    BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE sessions (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    session_token text        NOT NULL,
    user_id       uuid        NOT NULL,
    expires       timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_session_token_key UNIQUE (session_token),
    -- A session is meaningless without its user.
    CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

COMMENT ON TABLE sessions IS 'Database sessions of signed-in users (NextAuth sessions).';

CREATE INDEX sessions_user_id_idx ON sessions (user_id);
-- Lets the periodic clean-up delete expired sessions without a full scan.
CREATE INDEX sessions_expires_idx ON sessions (expires);

CREATE TRIGGER sessions_set_updated_at
    BEFORE UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Tokens are created and consumed, never edited: no updated_at.
CREATE TABLE verification_tokens (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    identifier text        NOT NULL,
    token      text        NOT NULL,
    expires    timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT verification_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT verification_tokens_token_key UNIQUE (token),
    CONSTRAINT verification_tokens_identifier_token_key UNIQUE (identifier, token)
);

COMMENT ON TABLE verification_tokens IS 'One-time e-mail verification and sign-in tokens (NextAuth verification tokens).';
