-- An application's own first migration, at Flyway's default location: MigrationsTest checks that it and the
-- library's migrations live side by side.
CREATE TABLE app_newsletter_subscribers (
    email text PRIMARY KEY,
    subscribed_at timestamptz NOT NULL DEFAULT now()
);
