-- The application's V7: a version the library also could have one day, applied only by the application's Flyway.
ALTER TABLE app_newsletter_subscribers ADD COLUMN topics text[] NOT NULL DEFAULT '{}';
