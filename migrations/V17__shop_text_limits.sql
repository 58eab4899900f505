-- V17: the text limits the whole-shop API enforces (NewUser.MAX_EMAIL_LENGTH, NewVendor.MAX_NAME_LENGTH and the
-- rest), as CHECK constraints, so no client can store more either: V8 did the same for the catalog and orders.
--
-- Touches existing tables, so it follows the rules for a live shop: each ALTER takes its ACCESS EXCLUSIVE lock for a
-- moment only (NOT VALID: no scan of the existing rows) and gives up after the migration's lock_timeout. V18
-- validates them under a lock that lets reads and writes go on. New rows are checked from this migration on.
-- Session and verification tokens need none: the library stores their 64-character SHA-256.

ALTER TABLE users
    ADD CONSTRAINT users_email_length_check CHECK (char_length(email) <= 320) NOT VALID,
    ADD CONSTRAINT users_name_length_check CHECK (char_length(name) <= 200) NOT VALID,
    ADD CONSTRAINT users_image_length_check CHECK (char_length(image) <= 2000) NOT VALID;

ALTER TABLE accounts
    ADD CONSTRAINT accounts_type_length_check CHECK (char_length(type) <= 50) NOT VALID,
    ADD CONSTRAINT accounts_provider_length_check CHECK (char_length(provider) <= 100) NOT VALID,
    ADD CONSTRAINT accounts_provider_account_id_length_check CHECK (char_length(provider_account_id) <= 500) NOT VALID,
    ADD CONSTRAINT accounts_tokens_length_check CHECK (
        char_length(access_token) <= 16384 AND char_length(refresh_token) <= 16384
        AND char_length(id_token) <= 16384) NOT VALID,
    ADD CONSTRAINT accounts_attributes_length_check CHECK (
        char_length(token_type) <= 2000 AND char_length(scope) <= 2000
        AND char_length(session_state) <= 2000) NOT VALID;

ALTER TABLE verification_tokens
    ADD CONSTRAINT verification_tokens_identifier_length_check CHECK (char_length(identifier) <= 1000) NOT VALID;

ALTER TABLE vendor_profiles
    ADD CONSTRAINT vendor_profiles_business_name_length_check CHECK (char_length(business_name) <= 200) NOT VALID,
    ADD CONSTRAINT vendor_profiles_slug_length_check CHECK (char_length(slug) <= 100) NOT VALID,
    ADD CONSTRAINT vendor_profiles_description_length_check CHECK (char_length(description) <= 5000) NOT VALID,
    ADD CONSTRAINT vendor_profiles_contact_length_check CHECK (
        char_length(contact_email) <= 320 AND char_length(phone) <= 50) NOT VALID,
    ADD CONSTRAINT vendor_profiles_place_length_check CHECK (
        char_length(city) <= 100 AND char_length(region) <= 100 AND char_length(postal_code) <= 20) NOT VALID;

ALTER TABLE chats
    ADD CONSTRAINT chats_subject_length_check CHECK (char_length(subject) <= 200) NOT VALID;

ALTER TABLE chat_messages
    ADD CONSTRAINT chat_messages_body_length_check CHECK (char_length(body) <= 5000) NOT VALID;

ALTER TABLE notifications
    ADD CONSTRAINT notifications_title_length_check CHECK (char_length(title) <= 200) NOT VALID,
    ADD CONSTRAINT notifications_body_length_check CHECK (char_length(body) <= 5000) NOT VALID;

ALTER TABLE biodynamic_calendar
    ADD CONSTRAINT biodynamic_calendar_constellation_length_check CHECK (char_length(constellation) <= 50) NOT VALID,
    ADD CONSTRAINT biodynamic_calendar_notes_length_check CHECK (char_length(notes) <= 2000) NOT VALID;
