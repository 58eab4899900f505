-- The application's own first migration, beside the library's.
CREATE TABLE newsletter_subscribers (
    email text PRIMARY KEY,
    subscribed_at timestamptz NOT NULL DEFAULT now()
);
